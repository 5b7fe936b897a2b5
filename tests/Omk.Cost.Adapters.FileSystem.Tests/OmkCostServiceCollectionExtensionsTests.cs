using System.IO.Abstractions;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using NSubstitute;
using Omk.Cost.Adapters.FileSystem.Tests.Fixtures;
using Omk.Cost.Domain;

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
