using Microsoft.Extensions.Options;
using Omk.Cost.Adapters.FileSystem.Budgets;
using Omk.Cost.Domain;
using Omk.Cost.Domain.Budgets;
using Omk.Testing.Stores;

namespace Omk.Cost.Adapters.FileSystem.Tests.Budgets;

/// <summary>The model-based budget test, run against budgets.json, reservations.json and costs.json on the real disk.</summary>
public sealed class JsonFileBudgetModelTests : BudgetModelContract, IDisposable
{
    private readonly TempFolder _folder = new();
    private int _sequences;
    private string? _stateDirectory;

    protected override int Sequences => 100;

    protected override int KilledSequences => 12;

    protected override bool KillsAtFileOpens => true;

    protected override string StoreAddress => _stateDirectory!;

    protected override bool ImportsIntoStore => false;

    public void Dispose() => _folder.Dispose();

    protected override Task<(IBudgetStore Budgets, ICostSink Sessions)> CreateStoreAsync(TimeProvider clock)
    {
        var fileSystem = new System.IO.Abstractions.FileSystem();
        _stateDirectory = _folder.Folder($"sequence-{Interlocked.Increment(ref _sequences)}");
        var options = Options.Create(new OmkCostOptions { StateDirectory = _stateDirectory });
        return Task.FromResult<(IBudgetStore, ICostSink)>((new JsonFileBudgetStore(fileSystem, options, clock), new JsonFileCostSink(fileSystem, options, clock)));
    }
}
