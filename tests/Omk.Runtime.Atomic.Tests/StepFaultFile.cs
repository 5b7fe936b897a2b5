using System.IO.Abstractions;

namespace Omk.Runtime.Atomic.Tests;

/// <summary>The real <see cref="IFile"/>, whose rename fails when <see cref="StepFaultFileSystem"/> says so.</summary>
internal sealed class StepFaultFile(StepFaultFileSystem fileSystem) : FileWrapper(fileSystem)
{
    public override void Move(string sourceFileName, string destFileName, bool overwrite)
    {
        fileSystem.FailAt(WriteStep.Rename);
        base.Move(sourceFileName, destFileName, overwrite);
    }
}
