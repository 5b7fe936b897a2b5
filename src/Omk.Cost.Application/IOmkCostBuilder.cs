using Microsoft.Extensions.DependencyInjection;

namespace Omk.Cost.Application;

/// <summary>
/// Chooses the store of omk cost and what goes with it, inside <see cref="OmkCostServiceCollectionExtensions.AddOmkCost"/>:
/// the store adapters add their choices to it as extension methods (<c>UseJsonFiles</c>, <c>UsePostgreSql</c>,
/// <c>WithOutbox</c>).
/// </summary>
public interface IOmkCostBuilder
{
    /// <summary>Gets the service collection the choices are registered in.</summary>
    IServiceCollection Services { get; }
}
