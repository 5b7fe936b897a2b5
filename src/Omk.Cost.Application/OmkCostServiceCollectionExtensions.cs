using System.Diagnostics.CodeAnalysis;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Omk.Cost.Domain;
using Omk.Cost.Domain.Budgets;

namespace Omk.Cost.Application;

/// <summary>Registers omk cost in a host's service collection: one store, and the use cases over it.</summary>
public static class OmkCostServiceCollectionExtensions
{
    /// <summary>
    /// Registers omk cost over the store that <paramref name="configure"/> chooses, for example
    /// <c>services.AddOmkCost(cost => cost.UseJsonFiles())</c> or
    /// <c>services.AddOmkCost(cost => cost.UsePostgreSql(o => o.ConnectionString = uri).WithOutbox(o => o.StateDirectory = dir))</c>.
    /// </summary>
    /// <param name="services">The service collection.</param>
    /// <param name="configure">Chooses the store and its options.</param>
    /// <returns>The same service collection, for chaining.</returns>
    /// <remarks>
    /// Registers the use cases (<see cref="RecordUseCase"/>, <see cref="GateUseCase"/>, <see cref="ReservationUseCase"/>,
    /// <see cref="BudgetWarningsUseCase"/>, <see cref="StatusUseCase"/>, <see cref="SyncUseCase"/>), the
    /// <see cref="BudgetGate"/>, and a <see cref="CostTracker"/> that uses the registered <see cref="ICostOutbox"/>, if
    /// any, exactly as <see cref="RecordUseCase"/> does: a session the store cannot take is kept there, and the first
    /// operation that reaches the store sends it. <see cref="TimeProvider"/> is added only when the host has not
    /// registered its own. The store's options are validated when the host starts.
    /// </remarks>
    /// <exception cref="InvalidOperationException"><paramref name="configure"/> chose no store.</exception>
    public static IServiceCollection AddOmkCost(this IServiceCollection services, Action<IOmkCostBuilder> configure)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(configure);
        configure(new OmkCostBuilder(services));
        if (!services.Any(static descriptor => descriptor.ServiceType == typeof(ICostSink)) || !services.Any(static descriptor => descriptor.ServiceType == typeof(IBudgetStore)))
        {
            throw new InvalidOperationException("AddOmkCost needs a store: call cost.UseJsonFiles(...) or cost.UsePostgreSql(...) in its configure action.");
        }

        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton(static provider =>
        {
            var store = provider.GetRequiredService<IBudgetStore>();
            if (provider.GetService<LiveSpendCounting>() is { } counting)
            {
                store = new LiveSpendBudgetStore(store, provider.GetRequiredService<ILiveSpendSource>(), counting.ImportIntoStore ? provider.GetRequiredService<ICostSink>() : null);
            }

            return new BudgetGate(store, provider.GetRequiredService<TimeProvider>());
        });
        services.TryAddSingleton(static provider =>
        {
            var store = provider.GetRequiredService<ICostSink>();
            return provider.GetService<ICostOutbox>() is { } outbox
                ? new CostTracker(new OutboxCostSink(store, outbox, onKeptInOutbox: null, provider.GetRequiredService<BudgetGate>()))
                : new CostTracker(store);
        });
        services.TryAddSingleton<RecordUseCase>();
        services.TryAddSingleton<GateUseCase>();
        services.TryAddSingleton<ReservationUseCase>();
        services.TryAddSingleton<BudgetWarningsUseCase>();
        services.TryAddSingleton<StatusUseCase>();
        services.TryAddSingleton<ImportUsageUseCase>();
        services.TryAddSingleton(static provider => new SyncUseCase(provider.GetRequiredService<ICostSink>(), provider.GetService<ICostOutbox>())
        {
            Gate = provider.GetRequiredService<BudgetGate>(),
        });
        return services;
    }

    /// <summary>
    /// Makes every budget count an agent's real spend besides the ledger and the reservations: the sessions of
    /// <paramref name="source"/> that the ledger does not hold (whole), and what an imported one spent after its import,
    /// each call once. For every <see cref="BudgetGate"/> step: gate, check, peek (status, watch), settle, extension.
    /// </summary>
    /// <param name="builder">The builder.</param>
    /// <param name="source">The agent's sessions (Kimi's logs).</param>
    /// <param name="importIntoStore">
    /// Whether a step that reads or decides first imports the sessions the store does not hold at what they spent (as
    /// <c>omk cost import kimi</c> records them): for a store that several machines share, so that each machine's
    /// budgets count every machine's spend. A peek never writes.
    /// </param>
    /// <returns>The same builder, for chaining.</returns>
    public static IOmkCostBuilder CountLiveSpend(this IOmkCostBuilder builder, ILiveSpendSource source, bool importIntoStore = false)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentNullException.ThrowIfNull(source);
        builder.Services.AddSingleton(source);
        builder.Services.AddSingleton(new LiveSpendCounting(importIntoStore));
        return builder;
    }

    /// <summary>
    /// Makes every budget count an agent's real spend, as <see cref="CountLiveSpend(IOmkCostBuilder, ILiveSpendSource, bool)"/>
    /// does, from a source the host's services make (such as one over a usage port that is registered).
    /// </summary>
    /// <typeparam name="TSource">The source's type, made by the container.</typeparam>
    /// <param name="builder">The builder.</param>
    /// <param name="importIntoStore">Whether a step that reads or decides first imports the sessions the store does not hold.</param>
    /// <returns>The same builder, for chaining.</returns>
    public static IOmkCostBuilder CountLiveSpend<[DynamicallyAccessedMembers(DynamicallyAccessedMemberTypes.PublicConstructors)] TSource>(this IOmkCostBuilder builder, bool importIntoStore)
        where TSource : class, ILiveSpendSource
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Services.AddSingleton<ILiveSpendSource, TSource>();
        builder.Services.AddSingleton(new LiveSpendCounting(importIntoStore));
        return builder;
    }

    /// <summary>
    /// Throws when a store was already chosen: a store adapter's <c>Use…</c> method calls it first, so that two choices
    /// fail at once instead of the first silently winning.
    /// </summary>
    /// <param name="builder">The builder.</param>
    /// <param name="choice">The choice being made, for the message.</param>
    /// <exception cref="InvalidOperationException">A store was already chosen.</exception>
    public static void EnsureNoStoreChosen(this IOmkCostBuilder builder, string choice)
    {
        ArgumentNullException.ThrowIfNull(builder);
        if (builder.Services.Any(static descriptor => descriptor.ServiceType == typeof(ICostSink)))
        {
            throw new InvalidOperationException($"AddOmkCost takes one store: {choice} comes after another store was chosen.");
        }
    }
}
