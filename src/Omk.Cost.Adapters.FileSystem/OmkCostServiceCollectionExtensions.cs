using System.IO.Abstractions;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using Omk.Cost.Adapters.FileSystem.Budgets;
using Omk.Cost.Domain;
using Omk.Cost.Domain.Budgets;

namespace Omk.Cost.Adapters.FileSystem;

/// <summary>
/// Registers omk cost in a host's service collection.
/// </summary>
public static class OmkCostServiceCollectionExtensions
{
    /// <summary>
    /// Registers <see cref="CostTracker"/> over the <c>costs.json</c> store with default options.
    /// </summary>
    /// <param name="services">The service collection.</param>
    /// <returns>The same service collection, for chaining.</returns>
    /// <remarks>
    /// <see cref="ICostSink"/>, <see cref="IBudgetStore"/> (<c>budgets.json</c> and <c>reservations.json</c> beside
    /// the history), <see cref="BudgetGate"/>, <see cref="IFileSystem"/> and <see cref="TimeProvider"/> are added only
    /// when the host has not registered its own. The options are validated when the host starts.
    /// </remarks>
    public static IServiceCollection AddOmkCost(this IServiceCollection services)
    {
        ArgumentNullException.ThrowIfNull(services);
        services.AddOptionsWithValidateOnStart<OmkCostOptions, OmkCostOptionsValidator>();
        return AddCore(services);
    }

    /// <summary>
    /// Registers <see cref="CostTracker"/> over the <c>costs.json</c> store, with options set in code.
    /// </summary>
    /// <param name="services">The service collection.</param>
    /// <param name="configure">Sets the options.</param>
    /// <returns>The same service collection, for chaining.</returns>
    public static IServiceCollection AddOmkCost(this IServiceCollection services, Action<OmkCostOptions> configure)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(configure);
        services.AddOptionsWithValidateOnStart<OmkCostOptions, OmkCostOptionsValidator>().Configure(configure);
        return AddCore(services);
    }

    /// <summary>
    /// Registers <see cref="CostTracker"/> over the <c>costs.json</c> store, with options bound from configuration
    /// (keys <c>StateDirectory</c>, <c>FileName</c>, <c>LockTimeout</c>).
    /// </summary>
    /// <param name="services">The service collection.</param>
    /// <param name="section">The configuration section, usually <see cref="OmkCostOptions.SectionName"/>.</param>
    /// <returns>The same service collection, for chaining.</returns>
    public static IServiceCollection AddOmkCost(this IServiceCollection services, IConfigurationSection section)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(section);
        services.AddOptionsWithValidateOnStart<OmkCostOptions, OmkCostOptionsValidator>().Bind(section);
        return AddCore(services);
    }

    /// <summary>
    /// Registers the local outbox of a team store (<see cref="ICostOutbox"/>: <c>costs-outbox.json</c> in the state
    /// folder), where sessions wait while the store cannot be reached. It registers no <see cref="ICostSink"/>.
    /// </summary>
    /// <param name="services">The service collection.</param>
    /// <param name="configure">Sets the options (the state folder and the lock timeout).</param>
    /// <returns>The same service collection, for chaining.</returns>
    public static IServiceCollection AddOmkCostOutbox(this IServiceCollection services, Action<OmkCostOptions> configure)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(configure);
        services.AddOptionsWithValidateOnStart<OmkCostOptions, OmkCostOptionsValidator>().Configure(configure);
        services.TryAddSingleton<IFileSystem, System.IO.Abstractions.FileSystem>();
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<ICostOutbox, JsonFileCostOutbox>();
        return services;
    }

    private static IServiceCollection AddCore(IServiceCollection services)
    {
        // The host, not the sink, reads the environment: a state folder left unset becomes the Rust omk's default.
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IPostConfigureOptions<OmkCostOptions>, OmkCostOptionsDefaults>());
        services.TryAddSingleton<IFileSystem, System.IO.Abstractions.FileSystem>();
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<ICostSink, JsonFileCostSink>();
        services.TryAddSingleton<CostTracker>();
        services.TryAddSingleton<IBudgetStore, JsonFileBudgetStore>();
        services.TryAddSingleton<BudgetGate>();
        return services;
    }
}
