using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Omk.Cost.Adapters.FileSystem;
using Omk.Cost.Adapters.Kimi;
using Omk.Cost.Adapters.PostgreSql;
using Omk.Cost.Application;

namespace Omk.Cli.Tests.Composition;

/// <summary>
/// Every adapter that has options registers them as closed services (docs/decisions/0017-options-registered-closed.md),
/// so that neither the command nor a Native AOT host builds the options' generic types at run time, and they hold what
/// the adapter was given.
/// </summary>
public sealed class ClosedOptionsCompositionTests
{
    private const string StateDirectory = "/srv/omk-state";
    private const string Store = "Host=db.example;Database=omk;Username=recorder";

    [Fact]
    public void AddOmkCost_TeamStoreOutboxAndKimi_RegistersEachAdaptersOptionsClosed()
    {
        var services = new ServiceCollection();
        services.AddOmkCost(cost => cost
            .UsePostgreSql(options => options.ConnectionString = Store)
            .WithOutbox(options => options.StateDirectory = StateDirectory)
            .AddKimiUsage(options => options.KimiCodeRoot = "/home/alice/.kimi-code"));
        using var provider = services.BuildServiceProvider();

        Assert.Equal(Store, Closed<PostgreSqlCostOptions>(services, provider).ConnectionString);
        Assert.Equal(StateDirectory, Closed<OmkCostOptions>(services, provider).StateDirectory);
        Assert.Equal("/home/alice/.kimi-code", Closed<KimiUsageOptions>(services, provider).KimiCodeRoot);
    }

    [Fact]
    public void AddOmkCost_JsonFiles_RegistersItsOptionsClosed()
    {
        var services = new ServiceCollection();
        services.AddOmkCost(cost => cost.UseJsonFiles(options => options.StateDirectory = StateDirectory));
        using var provider = services.BuildServiceProvider();

        Assert.Equal(StateDirectory, Closed<OmkCostOptions>(services, provider).StateDirectory);
    }

    private static TOptions Closed<TOptions>(ServiceCollection services, ServiceProvider provider)
        where TOptions : class
    {
        Assert.Contains(services, descriptor => descriptor.ServiceType == typeof(IOptions<TOptions>));
        Assert.Contains(services, descriptor => descriptor.ServiceType == typeof(IOptionsFactory<TOptions>));
        return provider.GetRequiredService<IOptions<TOptions>>().Value;
    }
}
