using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Omk.Cost.Application;
using Omk.Cost.Domain;
using Omk.Cost.Domain.Budgets;

namespace Omk.Cost.Adapters.PostgreSql;

/// <summary>The PostgreSQL team store's choice for <see cref="OmkCostServiceCollectionExtensions.AddOmkCost"/>.</summary>
public static class OmkCostPostgreSqlBuilderExtensions
{
    /// <summary>Chooses the team store at <paramref name="connectionString"/>.</summary>
    /// <param name="cost">The builder.</param>
    /// <param name="connectionString">A <c>postgresql://</c> URI or an Npgsql connection string.</param>
    /// <returns>The same builder, for chaining (add <c>WithOutbox</c> to keep records while the store cannot be reached).</returns>
    public static IOmkCostBuilder UsePostgreSql(this IOmkCostBuilder cost, string connectionString)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(connectionString);
        return cost.UsePostgreSql(options => options.ConnectionString = connectionString);
    }

    /// <summary>Chooses the team store, with options set in code.</summary>
    /// <param name="cost">The builder.</param>
    /// <param name="configure">Sets the options; <see cref="PostgreSqlCostOptions.ConnectionString"/> is required.</param>
    /// <returns>The same builder, for chaining (add <c>WithOutbox</c> to keep records while the store cannot be reached).</returns>
    /// <remarks>The options are validated when the host starts.</remarks>
    public static IOmkCostBuilder UsePostgreSql(this IOmkCostBuilder cost, Action<PostgreSqlCostOptions> configure)
    {
        ArgumentNullException.ThrowIfNull(cost);
        ArgumentNullException.ThrowIfNull(configure);
        cost.EnsureNoStoreChosen(nameof(UsePostgreSql));
        var services = cost.Services;
        services.AddOptionsWithValidateOnStart<PostgreSqlCostOptions, PostgreSqlCostOptionsValidator>().Configure(configure);
        ClosedOptions.Add<PostgreSqlCostOptions>(services);
        services.TryAddSingleton<PostgreSqlStore>();
        services.TryAddSingleton(static provider => new PostgreSqlCostSink(provider.GetRequiredService<PostgreSqlStore>(), ownsStore: false));
        services.TryAddSingleton(static provider => new PostgreSqlBudgetStore(provider.GetRequiredService<PostgreSqlStore>(), ownsStore: false));
        services.TryAddSingleton<IBudgetStore>(static provider => provider.GetRequiredService<PostgreSqlBudgetStore>());
        services.TryAddSingleton<ICostSink>(static provider => provider.GetRequiredService<PostgreSqlCostSink>());
        services.TryAddSingleton<ICostStoreMaintenance>(static provider => provider.GetRequiredService<PostgreSqlCostSink>());
        return cost;
    }
}
