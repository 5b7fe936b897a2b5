using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Omk.Cost.Domain;
using Omk.Cost.Domain.Budgets;

namespace Omk.Cost.Adapters.PostgreSql;

/// <summary>
/// Registers omk cost over the PostgreSQL team store in a host's service collection.
/// </summary>
public static class OmkCostPostgreSqlServiceCollectionExtensions
{
    /// <summary>
    /// Registers <see cref="CostTracker"/> over the team store at <paramref name="connectionString"/>.
    /// </summary>
    /// <param name="services">The service collection.</param>
    /// <param name="connectionString">A <c>postgresql://</c> URI or an Npgsql connection string.</param>
    /// <returns>The same service collection, for chaining.</returns>
    public static IServiceCollection AddOmkCostPostgreSql(this IServiceCollection services, string connectionString)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentException.ThrowIfNullOrWhiteSpace(connectionString);
        return services.AddOmkCostPostgreSql(options => options.ConnectionString = connectionString);
    }

    /// <summary>
    /// Registers <see cref="CostTracker"/> over the team store, with options set in code.
    /// </summary>
    /// <param name="services">The service collection.</param>
    /// <param name="configure">Sets the options; <see cref="PostgreSqlCostOptions.ConnectionString"/> is required.</param>
    /// <returns>The same service collection, for chaining.</returns>
    /// <remarks>
    /// <see cref="ICostSink"/>, <see cref="IBudgetStore"/>, <see cref="BudgetGate"/> and <see cref="TimeProvider"/> are added only when the host has not registered its own;
    /// call this instead of the <c>costs.json</c> store's <c>AddOmkCost</c>, not after it. The options are validated
    /// when the host starts.
    /// </remarks>
    public static IServiceCollection AddOmkCostPostgreSql(this IServiceCollection services, Action<PostgreSqlCostOptions> configure)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(configure);
        services.AddOptionsWithValidateOnStart<PostgreSqlCostOptions, PostgreSqlCostOptionsValidator>().Configure(configure);
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<PostgreSqlStore>();
        services.TryAddSingleton(static provider => new PostgreSqlCostSink(provider.GetRequiredService<PostgreSqlStore>(), ownsStore: false));
        services.TryAddSingleton(static provider => new PostgreSqlBudgetStore(provider.GetRequiredService<PostgreSqlStore>(), ownsStore: false));
        services.TryAddSingleton<IBudgetStore>(static provider => provider.GetRequiredService<PostgreSqlBudgetStore>());
        services.TryAddSingleton<BudgetGate>();
        services.TryAddSingleton<ICostSink>(static provider => provider.GetRequiredService<PostgreSqlCostSink>());
        services.TryAddSingleton<ICostStoreMaintenance>(static provider => provider.GetRequiredService<PostgreSqlCostSink>());
        services.TryAddSingleton<CostTracker>();
        return services;
    }
}
