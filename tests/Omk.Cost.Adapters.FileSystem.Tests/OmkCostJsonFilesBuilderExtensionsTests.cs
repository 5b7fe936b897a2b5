using System.IO.Abstractions;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using NSubstitute;
using Omk.Cost.Adapters.FileSystem.Tests.Fixtures;
using Omk.Cost.Adapters.FileSystem.Budgets;
using Omk.Cost.Application;
using Omk.Cost.Domain;
using Omk.Cost.Domain.Budgets;

namespace Omk.Cost.Adapters.FileSystem.Tests;

public sealed class OmkCostJsonFilesBuilderExtensionsTests
{
    private const string ConfiguredDirectory = "/srv/omk";

    private static readonly IConfigurationSection Section = new ConfigurationBuilder()
        .AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["OmkCost:StateDirectory"] = ConfiguredDirectory,
            ["OmkCost:FileName"] = "team-costs.json",
            ["OmkCost:LockTimeout"] = "00:00:05",
        })
        .Build()
        .GetSection(OmkCostOptions.SectionName);

    public enum Overload
    {
        Defaults,
        Configure,
        Section,
    }

    [Theory]
    [InlineData(Overload.Defaults)]
    [InlineData(Overload.Configure)]
    [InlineData(Overload.Section)]
    public void UseJsonFiles_AnyOverload_ResolvesTheTrackerAndEveryUseCase(Overload overload)
    {
        using var provider = Register(new ServiceCollection(), overload).BuildServiceProvider(new ServiceProviderOptions { ValidateOnBuild = true });

        Assert.NotNull(provider.GetService<CostTracker>());
        Assert.NotNull(provider.GetService<RecordUseCase>());
        Assert.NotNull(provider.GetService<StatusUseCase>());
    }

    [Fact]
    public void UseJsonFiles_Defaults_StoresInTheDefaultStateDirectory()
    {
        using var provider = Register(new ServiceCollection(), Overload.Defaults).BuildServiceProvider();

        var sink = Assert.IsType<JsonFileCostSink>(provider.GetRequiredService<ICostSink>());

        Assert.Equal(Path.Combine(Path.GetFullPath(OmkStateDirectory.Resolve()), "costs.json"), sink.FilePath);
    }

    [Fact]
    public void UseJsonFiles_Configure_StoresWhereConfigured()
    {
        using var provider = Register(new ServiceCollection(), Overload.Configure).BuildServiceProvider();

        var sink = Assert.IsType<JsonFileCostSink>(provider.GetRequiredService<ICostSink>());

        Assert.Equal(Path.Combine(Path.GetFullPath(ConfiguredDirectory), "team-costs.json"), sink.FilePath);
    }

    [Fact]
    public void UseJsonFiles_Section_StoresWhereConfigured()
    {
        using var provider = Register(new ServiceCollection(), Overload.Section).BuildServiceProvider();

        var sink = Assert.IsType<JsonFileCostSink>(provider.GetRequiredService<ICostSink>());

        Assert.Equal(Path.Combine(Path.GetFullPath(ConfiguredDirectory), "team-costs.json"), sink.FilePath);
    }

    [Fact]
    public void UseJsonFiles_Section_BindsEveryOption()
    {
        using var provider = Register(new ServiceCollection(), Overload.Section).BuildServiceProvider();

        var options = provider.GetRequiredService<IOptions<OmkCostOptions>>().Value;

        Assert.Equal((ConfiguredDirectory, "team-costs.json", TimeSpan.FromSeconds(5)), (options.StateDirectory, options.FileName, options.LockTimeout));
    }

    [Fact]
    public void UseJsonFiles_Twice_FailsNamingTheSecondChoice()
    {
        var error = Assert.Throws<InvalidOperationException>(() => new ServiceCollection().AddOmkCost(cost => cost.UseJsonFiles().UseJsonFiles()));

        Assert.Contains("UseJsonFiles comes after another store was chosen", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void UseJsonFiles_HostRegisteredItsOwnSink_FailsRatherThanIgnoringOne()
    {
        var services = new ServiceCollection().AddSingleton(Substitute.For<ICostSink>());

        Assert.Throws<InvalidOperationException>(() => services.AddOmkCost(cost => cost.UseJsonFiles()));
    }

    [Fact]
    public async Task UseJsonFiles_HostRegisteredItsOwnFileSystem_StoresThere()
    {
        var store = new MockCostStore();
        using var provider = new ServiceCollection()
            .AddSingleton<IFileSystem>(store.FileSystem)
            .AddOmkCost(cost => cost.UseJsonFiles(options => options.StateDirectory = store.StateDirectory))
            .BuildServiceProvider();

        await provider.GetRequiredService<CostTracker>().RecordAsync(TestSessions.Stored());

        Assert.Single(await store.ReadAllAsync());
    }

    [Fact]
    public async Task UseJsonFiles_HostRegisteredItsOwnTimeProvider_NamesFilesMovedAsideByIt()
    {
        var store = new MockCostStore();
        store.Write("not JSON");
        using var provider = new ServiceCollection()
            .AddSingleton<IFileSystem>(store.FileSystem)
            .AddSingleton<TimeProvider>(store.Time)
            .AddOmkCost(cost => cost.UseJsonFiles(options => options.StateDirectory = store.StateDirectory))
            .BuildServiceProvider();

        var outcome = await provider.GetRequiredService<CostTracker>().ClearAsync();

        Assert.Equal(store.FilePath + ".corrupt-20261120T091502Z", outcome.MovedAsideTo);
    }

    [Theory]
    [InlineData(Overload.Defaults)]
    [InlineData(Overload.Configure)]
    [InlineData(Overload.Section)]
    public void UseJsonFiles_NullBuilder_ThrowsArgumentNullException(Overload overload)
    {
        var error = Assert.Throws<ArgumentNullException>(() => Choose(null!, overload));

        Assert.Equal("cost", error.ParamName);
    }

    [Fact]
    public void UseJsonFiles_NullConfigure_ThrowsArgumentNullException()
    {
        var error = Assert.Throws<ArgumentNullException>(() => new ServiceCollection().AddOmkCost(cost => cost.UseJsonFiles((Action<OmkCostOptions>)null!)));

        Assert.Equal("configure", error.ParamName);
    }

    [Fact]
    public void UseJsonFiles_NullSection_ThrowsArgumentNullException()
    {
        var error = Assert.Throws<ArgumentNullException>(() => new ServiceCollection().AddOmkCost(cost => cost.UseJsonFiles((IConfigurationSection)null!)));

        Assert.Equal("section", error.ParamName);
    }

    [Fact]
    public void UseJsonFiles_Configure_ResolvesTheBudgetStoreInTheStateFolderAndOneGate()
    {
        using var provider = Register(new ServiceCollection(), Overload.Configure).BuildServiceProvider();

        var store = Assert.IsType<JsonFileBudgetStore>(provider.GetRequiredService<IBudgetStore>());

        Assert.Equal(Path.Combine(Path.GetFullPath(ConfiguredDirectory), "budgets.json"), store.BudgetsFilePath);
        Assert.Same(provider.GetRequiredService<BudgetGate>(), provider.GetRequiredService<BudgetGate>());
        Assert.Same(store, provider.GetRequiredService<IBudgetStore>());
    }

    [Fact]
    public void WithOutbox_Configure_ResolvesTheOutboxInTheStateFolder()
    {
        using var provider = new ServiceCollection()
            .AddSingleton(Substitute.For<ICostSink>())
            .AddSingleton(Substitute.For<IBudgetStore>())
            .AddOmkCost(cost => cost.WithOutbox(options => options.StateDirectory = ConfiguredDirectory))
            .BuildServiceProvider(new ServiceProviderOptions { ValidateOnBuild = true });

        var outbox = Assert.IsType<JsonFileCostOutbox>(provider.GetRequiredService<ICostOutbox>());

        Assert.Equal(Path.Combine(Path.GetFullPath(ConfiguredDirectory), "costs-outbox.json"), outbox.Location);
        Assert.Same(outbox, provider.GetRequiredService<ICostOutbox>());
    }

    [Fact]
    public void WithOutbox_BadOptions_FailsAtStart()
    {
        using var provider = new ServiceCollection()
            .AddSingleton(Substitute.For<ICostSink>())
            .AddSingleton(Substitute.For<IBudgetStore>())
            .AddOmkCost(cost => cost.WithOutbox(options => options.LockTimeout = TimeSpan.FromHours(2)))
            .BuildServiceProvider();

        var error = Assert.Throws<OptionsValidationException>(() => provider.GetRequiredService<IStartupValidator>().Validate());

        Assert.Contains("LockTimeout: ", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void WithOutbox_NullArguments_NameTheBuilderFirstThenTheConfigure()
    {
        var builder = Assert.Throws<ArgumentNullException>(() => OmkCostJsonFilesBuilderExtensions.WithOutbox(null!, null!));
        var configure = Assert.Throws<ArgumentNullException>(() => new ServiceCollection().AddOmkCost(cost => cost.WithOutbox(null!)));

        Assert.Equal(("cost", "configure"), (builder.ParamName, configure.ParamName));
    }

    private static IServiceCollection Register(IServiceCollection services, Overload overload) =>
        services.AddOmkCost(cost => Choose(cost, overload));

    private static IOmkCostBuilder Choose(IOmkCostBuilder cost, Overload overload) => overload switch
    {
        Overload.Configure => cost.UseJsonFiles(options =>
        {
            options.StateDirectory = ConfiguredDirectory;
            options.FileName = "team-costs.json";
        }),
        Overload.Section => cost.UseJsonFiles(Section),
        _ => cost.UseJsonFiles(),
    };
}
