using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Omk.Cost.Domain;

namespace Omk.Cost.Application;

/// <summary>Registers the omk cost use cases over the ports a store registered.</summary>
public static class OmkCostApplicationServiceCollectionExtensions
{
    /// <summary>
    /// Registers the use cases (<see cref="RecordUseCase"/>, <see cref="GateUseCase"/>, <see cref="ReservationUseCase"/>,
    /// <see cref="BudgetWarningsUseCase"/>, <see cref="StatusUseCase"/>, <see cref="SyncUseCase"/>) and a
    /// <see cref="CostTracker"/> that uses the registered <see cref="ICostOutbox"/>, if any, exactly as the record use
    /// case does: a session the store cannot take is kept there, and the first operation that reaches the store sends it.
    /// </summary>
    /// <param name="services">The service collection, with a store's <see cref="ICostSink"/> and budget store registered.</param>
    /// <returns>The same service collection, for chaining.</returns>
    public static IServiceCollection AddOmkCostUseCases(this IServiceCollection services)
    {
        ArgumentNullException.ThrowIfNull(services);
        services.Replace(ServiceDescriptor.Singleton(static provider =>
        {
            var store = provider.GetRequiredService<ICostSink>();
            return provider.GetService<ICostOutbox>() is { } outbox
                ? new CostTracker(new OutboxCostSink(store, outbox, onKeptInOutbox: null))
                : new CostTracker(store);
        }));
        services.TryAddSingleton<RecordUseCase>();
        services.TryAddSingleton<GateUseCase>();
        services.TryAddSingleton<ReservationUseCase>();
        services.TryAddSingleton<BudgetWarningsUseCase>();
        services.TryAddSingleton<StatusUseCase>();
        services.TryAddSingleton<SyncUseCase>();
        return services;
    }
}
