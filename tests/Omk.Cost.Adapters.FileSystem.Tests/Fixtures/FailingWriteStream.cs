using System.IO.Abstractions;

namespace Omk.Cost.Adapters.FileSystem.Tests.Fixtures;

/// <summary>
/// A file stream whose every write fails, as on a full disk; everything else goes to the stream it wraps.
/// </summary>
internal sealed class FailingWriteStream(FileSystemStream inner) : FileSystemStream(inner, inner.Name, inner.IsAsync)
{
    public override void Write(byte[] buffer, int offset, int count) => throw DiskFull();

    public override void Write(ReadOnlySpan<byte> buffer) => throw DiskFull();

    public override Task WriteAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) => throw DiskFull();

    public override ValueTask WriteAsync(ReadOnlyMemory<byte> buffer, CancellationToken cancellationToken = default) => throw DiskFull();

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            inner.Dispose();
        }

        base.Dispose(disposing);
    }

    private static IOException DiskFull() => new("No space left on device", 28);
}
