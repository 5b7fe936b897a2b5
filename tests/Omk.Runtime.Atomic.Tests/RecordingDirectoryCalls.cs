namespace Omk.Runtime.Atomic.Tests;

/// <summary>The folder-flush calls, recorded: the real ones by default, or given results.</summary>
internal sealed class RecordingDirectoryCalls(int? openResult = null, int? fsyncResult = null) : IDirectoryCalls
{
    public List<string> Calls { get; } = [];

    public int Open(string directory)
    {
        var descriptor = openResult ?? LibcDirectoryCalls.Instance.Open(directory);
        Calls.Add($"open {directory} -> {(descriptor < 0 ? "failed" : "fd")}");
        LastDescriptor = descriptor;
        return descriptor;
    }

    public int FSync(int descriptor)
    {
        Calls.Add(descriptor == LastDescriptor ? "fsync fd" : $"fsync {descriptor}");
        return fsyncResult ?? LibcDirectoryCalls.Instance.FSync(descriptor);
    }

    public int Close(int descriptor)
    {
        Calls.Add(descriptor == LastDescriptor ? "close fd" : $"close {descriptor}");
        return openResult is null ? LibcDirectoryCalls.Instance.Close(descriptor) : 0;
    }

    public int LastDescriptor { get; private set; } = -1;
}
