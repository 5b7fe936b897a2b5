using Microsoft.Extensions.DependencyInjection;

namespace Omk.Cost.Application;

/// <summary>The builder <see cref="OmkCostServiceCollectionExtensions.AddOmkCost"/> hands to its caller.</summary>
/// <param name="services">The service collection.</param>
internal sealed class OmkCostBuilder(IServiceCollection services) : IOmkCostBuilder
{
    /// <inheritdoc/>
    public IServiceCollection Services { get; } = services;
}
