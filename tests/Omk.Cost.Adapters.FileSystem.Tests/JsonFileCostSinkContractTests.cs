using Microsoft.Extensions.Options;
using Omk.Cost.Domain;
using Omk.Testing.Stores;

namespace Omk.Cost.Adapters.FileSystem.Tests;

/// <summary>The store contract, run against costs.json in a fresh folder on the real disk.</summary>
public sealed class JsonFileCostSinkContractTests : CostSinkContract
{
    private readonly TempFolder _folder = new();

    protected override Task<ICostSink> CreateSinkAsync() => Task.FromResult<ICostSink>(
        new JsonFileCostSink(new System.IO.Abstractions.FileSystem(), Options.Create(new OmkCostOptions { StateDirectory = _folder.Path }), TimeProvider.System));

    public override async Task DisposeAsync()
    {
        await base.DisposeAsync();
        _folder.Dispose();
    }
}
