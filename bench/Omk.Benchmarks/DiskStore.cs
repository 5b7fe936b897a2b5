using System.IO.Abstractions;
using Microsoft.Extensions.Options;
using Omk.Cost.Adapters.FileSystem;
using Omk.Cost.Domain;

namespace Omk.Benchmarks;

/// <summary>A <see cref="JsonFileCostSink"/> and its tracker over a fresh temp folder on the real disk, removed on dispose.</summary>
internal sealed class DiskStore : IDisposable
{
    private readonly TempFolder _folder;

    public DiskStore(string prefix)
    {
        _folder = new TempFolder(prefix);
        Sink = new JsonFileCostSink(new FileSystem(), Options.Create(new OmkCostOptions { StateDirectory = _folder.Path }), TimeProvider.System);
        Tracker = new CostTracker(Sink);
    }

    public JsonFileCostSink Sink { get; }

    public CostTracker Tracker { get; }

    public void Dispose() => _folder.Dispose();
}
