using System.IO.Abstractions;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using NSubstitute;
using Omk.Cost.Adapters.FileSystem.Tests.Fixtures;
using Omk.Cost.Adapters.FileSystem.Budgets;
using Omk.Cost.Domain;
using Omk.Cost.Domain.Budgets;

namespace Omk.Cost.Adapters.FileSystem.Tests;

public sealed class OmkCostServiceCollectionExtensionsTests
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
    public void AddOmkCost_AnyOverload_ResolvesTheTracker(Overload overload)
    {
        using var provider = Register(new ServiceCollection(), overload).BuildServiceProvider();

        var tracker = provider.GetService<CostTracker>();

        Assert.NotNull(tracker);
    }

    [Fact]
    public void AddOmkCost_Defaults_StoresInTheDefaultStateDirectory()
    {
        using var provider = Register(new ServiceCollection(), Overload.Defaults).BuildServiceProvider();

        var sink = Assert.IsType<JsonFileCostSink>(provider.GetRequiredService<ICostSink>());

        Assert.Equal(Path.Combine(Path.GetFullPath(OmkStateDirectory.Resolve()), "costs.json"), sink.FilePath);
    }

    [Fact]
    public void AddOmkCost_Configure_StoresWhereConfigured()
    {
        using var provider = Register(new ServiceCollection(), Overload.Configure).BuildServiceProvider();

        var sink = Assert.IsType<JsonFileCostSink>(provider.GetRequiredService<ICostSink>());

        Assert.Equal(Path.Combine(Path.GetFullPath(ConfiguredDirectory), "team-costs.json"), sink.FilePath);
    }

    [Fact]
    public void AddOmkCost_Section_StoresWhereConfigured()
    {
        using var provider = Register(new ServiceCollection(), Overload.Section).BuildServiceProvider();

        var sink = Assert.IsType<JsonFileCostSink>(provider.GetRequiredService<ICostSink>());

        Assert.Equal(Path.Combine(Path.GetFullPath(ConfiguredDirectory), "team-costs.json"), sink.FilePath);
    }

    [Fact]
    public void AddOmkCost_Section_BindsEveryOption()
    {
        using var provider = Register(new ServiceCollection(), Overload.Section).BuildServiceProvider();

        var options = provider.GetRequiredService<IOptions<OmkCostOptions>>().Value;

        Assert.Equal((ConfiguredDirectory, "team-costs.json", TimeSpan.FromSeconds(5)), (options.StateDirectory, options.FileName, options.LockTimeout));
    }

    [Fact]
    public void AddOmkCost_Twice_RegistersOneSink()
    {
        var services = Register(Register(new ServiceCollection(), Overload.Defaults), Overload.Defaults);

        var sinks = services.Count(descriptor => descriptor.ServiceType == typeof(ICostSink));

        Assert.Equal(1, sinks);
    }

    [Fact]
    public void AddOmkCost_HostRegisteredItsOwnSink_KeepsIt()
    {
        var own = Substitute.For<ICostSink>();
        using var provider = new ServiceCollection().AddSingleton(own).AddOmkCost().BuildServiceProvider();

        var sink = provider.GetRequiredService<ICostSink>();

        Assert.Same(own, sink);
    }

    [Fact]
    public async Task AddOmkCost_HostRegisteredItsOwnFileSystem_StoresThere()
    {
        var store = new MockCostStore();
        using var provider = new ServiceCollection()
            .AddSingleton<IFileSystem>(store.FileSystem)
            .AddOmkCost(options => options.StateDirectory = store.StateDirectory)
            .BuildServiceProvider();

        await provider.GetRequiredService<CostTracker>().RecordAsync(TestSessions.Create());

        Assert.Single(await store.ReadAllAsync());
    }

    [Fact]
    public async Task AddOmkCost_HostRegisteredItsOwnTimeProvider_NamesFilesMovedAsideByIt()
    {
        var store = new MockCostStore();
        store.Write("not JSON");
        using var provider = new ServiceCollection()
            .AddSingleton<IFileSystem>(store.FileSystem)
            .AddSingleton<TimeProvider>(store.Time)
            .AddOmkCost(options => options.StateDirectory = store.StateDirectory)
            .BuildServiceProvider();

        var outcome = await provider.GetRequiredService<CostTracker>().ClearAsync();

        Assert.Equal(store.FilePath + ".corrupt-20261120T091502Z", outcome.MovedAsideTo);
    }

    [Theory]
    [InlineData(Overload.Defaults)]
    [InlineData(Overload.Configure)]
    [InlineData(Overload.Section)]
    public void AddOmkCost_NullServices_ThrowsArgumentNullException(Overload overload)
    {
        var error = Assert.Throws<ArgumentNullException>(() => Register(null!, overload));

        Assert.Equal("services", error.ParamName);
    }

    [Fact]
    public void AddOmkCost_NullConfigure_ThrowsArgumentNullException()
    {
        var error = Assert.Throws<ArgumentNullException>(() => new ServiceCollection().AddOmkCost((Action<OmkCostOptions>)null!));

        Assert.Equal("configure", error.ParamName);
    }

    [Fact]
    public void AddOmkCost_NullSection_ThrowsArgumentNullException()
    {
        var error = Assert.Throws<ArgumentNullException>(() => new ServiceCollection().AddOmkCost((IConfigurationSection)null!));

        Assert.Equal("section", error.ParamName);
    }

    [Fact]
    public void AddOmkCost_NullServicesAndNullConfigure_NamesTheServicesFirst()
    {
        var error = Assert.Throws<ArgumentNullException>(() => OmkCostServiceCollectionExtensions.AddOmkCost(null!, (Action<OmkCostOptions>)null!));

        Assert.Equal("services", error.ParamName);
    }

    [Fact]
    public void AddOmkCost_NullServicesAndNullSection_NamesTheServicesFirst()
    {
        var error = Assert.Throws<ArgumentNullException>(() => OmkCostServiceCollectionExtensions.AddOmkCost(null!, (IConfigurationSection)null!));

        Assert.Equal("services", error.ParamName);
    }

    [Fact]
    public void AddOmkCost_Configure_ResolvesTheBudgetStoreInTheStateFolderAndOneGate()
    {
        using var provider = Register(new ServiceCollection(), Overload.Configure).BuildServiceProvider();

        var store = Assert.IsType<JsonFileBudgetStore>(provider.GetRequiredService<IBudgetStore>());

        Assert.Equal(Path.Combine(Path.GetFullPath(ConfiguredDirectory), "budgets.json"), store.BudgetsFilePath);
        Assert.Same(provider.GetRequiredService<BudgetGate>(), provider.GetRequiredService<BudgetGate>());
        Assert.Same(store, provider.GetRequiredService<IBudgetStore>());
    }

    [Fact]
    public void AddOmkCostOutbox_Configure_ResolvesTheOutboxInTheStateFolderAndNoSink()
    {
        using var provider = new ServiceCollection()
            .AddOmkCostOutbox(options => options.StateDirectory = ConfiguredDirectory)
            .BuildServiceProvider(new ServiceProviderOptions { ValidateOnBuild = true });

        var outbox = Assert.IsType<JsonFileCostOutbox>(provider.GetRequiredService<ICostOutbox>());

        Assert.Equal(Path.Combine(Path.GetFullPath(ConfiguredDirectory), "costs-outbox.json"), outbox.Location);
        Assert.Same(outbox, provider.GetRequiredService<ICostOutbox>());
        Assert.Null(provider.GetService<ICostSink>());
    }

    [Fact]
    public void AddOmkCostOutbox_BadOptions_FailsAtStart()
    {
        using var provider = new ServiceCollection()
            .AddOmkCostOutbox(options => options.LockTimeout = TimeSpan.FromHours(2))
            .BuildServiceProvider();

        var error = Assert.Throws<OptionsValidationException>(() => provider.GetRequiredService<IStartupValidator>().Validate());

        Assert.Contains("LockTimeout: ", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void AddOmkCostOutbox_NullArguments_NameTheServicesFirstThenTheConfigure()
    {
        var services = Assert.Throws<ArgumentNullException>(() => OmkCostServiceCollectionExtensions.AddOmkCostOutbox(null!, null!));
        var configure = Assert.Throws<ArgumentNullException>(() => new ServiceCollection().AddOmkCostOutbox(null!));

        Assert.Equal(("services", "configure"), (services.ParamName, configure.ParamName));
    }

    private static IServiceCollection Register(IServiceCollection services, Overload overload) => overload switch
    {
        Overload.Configure => services.AddOmkCost(options =>
        {
            options.StateDirectory = ConfiguredDirectory;
            options.FileName = "team-costs.json";
        }),
        Overload.Section => services.AddOmkCost(Section),
        _ => services.AddOmkCost(),
    };
}
