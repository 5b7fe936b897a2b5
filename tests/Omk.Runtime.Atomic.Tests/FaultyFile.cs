using System.IO.Abstractions;

namespace Omk.Runtime.Atomic.Tests;

/// <summary>The real <see cref="IFile"/>, whose rename fails when <see cref="FaultyFileSystem"/> says so.</summary>
internal sealed class FaultyFile(FaultyFileSystem fileSystem) : FileWrapper(fileSystem)
{
    public override void Move(string sourceFileName, string destFileName, bool overwrite)
    {
        fileSystem.FailAt(WriteStep.Rename);
        base.Move(sourceFileName, destFileName, overwrite);
    }
}
