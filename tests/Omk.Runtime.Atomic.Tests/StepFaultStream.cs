using System.IO.Abstractions;

namespace Omk.Runtime.Atomic.Tests;

/// <summary>A real file stream whose writes or flush to disk fail when <see cref="StepFaultFileSystem"/> says so.</summary>
internal sealed class StepFaultStream(FileSystemStream inner, StepFaultFileSystem fileSystem)
    : FileSystemStream(inner, inner.Name, inner.IsAsync)
{
    public override void Write(byte[] buffer, int offset, int count)
    {
        fileSystem.FailAt(WriteStep.Write);
        base.Write(buffer, offset, count);
    }

    public override void Write(ReadOnlySpan<byte> buffer)
    {
        fileSystem.FailAt(WriteStep.Write);
        base.Write(buffer);
    }

    public override Task WriteAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken)
    {
        fileSystem.FailAt(WriteStep.Write);
        return base.WriteAsync(buffer, offset, count, cancellationToken);
    }

    public override ValueTask WriteAsync(ReadOnlyMemory<byte> buffer, CancellationToken cancellationToken = default)
    {
        fileSystem.FailAt(WriteStep.Write);
        return base.WriteAsync(buffer, cancellationToken);
    }

    public override void Flush(bool flushToDisk)
    {
        if (flushToDisk)
        {
            fileSystem.FailAt(WriteStep.FlushToDisk);
        }

        inner.Flush(flushToDisk);
    }
}
