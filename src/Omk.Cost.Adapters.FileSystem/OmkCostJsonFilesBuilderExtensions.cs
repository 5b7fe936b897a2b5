using System.IO.Abstractions;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using Omk.Cost.Adapters.FileSystem.Budgets;
using Omk.Cost.Application;
using Omk.Cost.Domain;
using Omk.Cost.Domain.Budgets;

namespace Omk.Cost.Adapters.FileSystem;

/// <summary>
/// The state folder's choices for <see cref="OmkCostServiceCollectionExtensions.AddOmkCost"/>: the <c>costs.json</c>
/// store, or the outbox of a team store. Both read one <see cref="OmkCostOptions"/>, registered once and validated when
/// the host starts.
/// </summary>
public static class OmkCostJsonFilesBuilderExtensions
{
    /// <summary>
    /// Chooses the <c>costs.json</c> store in the state folder, with <c>budgets.json</c> and <c>reservations.json</c>
    /// beside it, with default options (the state folder from the environment, as the Rust omk finds it).
    /// </summary>
    /// <param name="cost">The builder.</param>
    /// <returns>The same builder, for chaining.</returns>
    public static IOmkCostBuilder UseJsonFiles(this IOmkCostBuilder cost) => UseJsonFiles(cost, static _ => { });

    /// <summary>Chooses the <c>costs.json</c> store, with options set in code.</summary>
    /// <param name="cost">The builder.</param>
    /// <param name="configure">Sets the options.</param>
    /// <returns>The same builder, for chaining.</returns>
    /// <remarks><see cref="IFileSystem"/> is added only when the host has not registered its own.</remarks>
    public static IOmkCostBuilder UseJsonFiles(this IOmkCostBuilder cost, Action<OmkCostOptions> configure)
    {
        ArgumentNullException.ThrowIfNull(cost);
        ArgumentNullException.ThrowIfNull(configure);
        cost.EnsureNoStoreChosen(nameof(UseJsonFiles));
        StateFolder(cost.Services).Configure(configure);
        cost.Services.TryAddSingleton<ICostSink, JsonFileCostSink>();
        cost.Services.TryAddSingleton<IBudgetStore, JsonFileBudgetStore>();
        return cost;
    }

    /// <summary>
    /// Chooses the <c>costs.json</c> store, with options bound from configuration (keys <c>StateDirectory</c>,
    /// <c>FileName</c>, <c>LockTimeout</c>, <c>InsecureStateDirectory</c>).
    /// </summary>
    /// <param name="cost">The builder.</param>
    /// <param name="section">The configuration section, usually <see cref="OmkCostOptions.SectionName"/>.</param>
    /// <returns>The same builder, for chaining.</returns>
    public static IOmkCostBuilder UseJsonFiles(this IOmkCostBuilder cost, IConfigurationSection section)
    {
        ArgumentNullException.ThrowIfNull(cost);
        ArgumentNullException.ThrowIfNull(section);
        UseJsonFiles(cost);
        cost.Services.AddOptions<OmkCostOptions>().Bind(section);
        return cost;
    }

    /// <summary>
    /// Adds the local outbox of a team store (<see cref="ICostOutbox"/>: <c>costs-outbox.json</c> in the state folder),
    /// where sessions wait while the store cannot be reached. It reads the same options as <see cref="UseJsonFiles(IOmkCostBuilder, Action{OmkCostOptions})"/>:
    /// the state folder, its lock timeout and whether its permissions are checked.
    /// </summary>
    /// <param name="cost">The builder.</param>
    /// <param name="configure">Sets the options.</param>
    /// <returns>The same builder, for chaining.</returns>
    public static IOmkCostBuilder WithOutbox(this IOmkCostBuilder cost, Action<OmkCostOptions> configure)
    {
        ArgumentNullException.ThrowIfNull(cost);
        ArgumentNullException.ThrowIfNull(configure);
        StateFolder(cost.Services).Configure(configure);
        cost.Services.TryAddSingleton<ICostOutbox, JsonFileCostOutbox>();
        return cost;
    }

    private static OptionsBuilder<OmkCostOptions> StateFolder(IServiceCollection services)
    {
        // The host, not the store, reads the environment: a state folder left unset becomes the Rust omk's default.
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IPostConfigureOptions<OmkCostOptions>, OmkCostOptionsDefaults>());
        services.TryAddSingleton<IFileSystem, System.IO.Abstractions.FileSystem>();
        services.TryAddSingleton(TimeProvider.System);
        ClosedOptions.Add<OmkCostOptions>(services);
        return services.AddOptionsWithValidateOnStart<OmkCostOptions, OmkCostOptionsValidator>();
    }
}
