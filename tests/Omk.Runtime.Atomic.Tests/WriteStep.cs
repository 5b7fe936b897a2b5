namespace Omk.Runtime.Atomic.Tests;

/// <summary>The steps of an atomic write, in the order <see cref="AtomicFileWriter"/> takes them.</summary>
public enum WriteStep
{
    /// <summary>Creating the temp file (<c>IFileSystem.FileStream.New</c>).</summary>
    CreateTemp,

    /// <summary>Writing the content to the temp file (the stream's <c>Write</c>/<c>WriteAsync</c>).</summary>
    Write,

    /// <summary>Flushing the temp file to disk (the stream's <c>Flush(true)</c>).</summary>
    FlushToDisk,

    /// <summary>Renaming the temp file over the target (<c>IFileSystem.File.Move</c>).</summary>
    Rename,
}
