using Microsoft.Extensions.Options;
using Omk.Cost.Adapters.FileSystem.Budgets;
using Omk.Cost.Domain;
using Omk.Cost.Domain.Budgets;
using Omk.Testing.Stores;

namespace Omk.Cost.Adapters.FileSystem.Tests.Budgets;

/// <summary>The budget store contract, run against budgets.json and reservations.json beside costs.json on the real disk.</summary>
public sealed class JsonFileBudgetStoreContractTests : BudgetStoreContract
{
    private readonly TempFolder _folder = new();

    protected override Task<(IBudgetStore Budgets, ICostSink Sessions)> CreateStoreAsync()
    {
        var fileSystem = new System.IO.Abstractions.FileSystem();
        var options = Options.Create(new OmkCostOptions { StateDirectory = _folder.Path });
        return Task.FromResult<(IBudgetStore, ICostSink)>((new JsonFileBudgetStore(fileSystem, options, StoreClock), new JsonFileCostSink(fileSystem, options, StoreClock)));
    }

    public override async Task DisposeAsync()
    {
        await base.DisposeAsync();
        _folder.Dispose();
    }
}
