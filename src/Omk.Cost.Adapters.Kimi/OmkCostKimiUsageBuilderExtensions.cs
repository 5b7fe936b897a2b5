using System.IO.Abstractions;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using Omk.Cost.Application;
using Omk.Cost.Domain.Usage;

namespace Omk.Cost.Adapters.Kimi;

/// <summary>
/// Kimi's usage for <see cref="OmkCostServiceCollectionExtensions.AddOmkCost"/>: the usage port
/// (<see cref="IUsageSource"/>) over Kimi's logs, with its options validated when the host starts.
/// </summary>
internal static class OmkCostKimiUsageBuilderExtensions
{
    /// <summary>
    /// Adds the usage port over Kimi's logs, for example
    /// <c>services.AddOmkCost(cost => cost.UseJsonFiles().AddKimiUsage(o => o.KimiCodeRoot = home))</c>.
    /// </summary>
    /// <param name="cost">The builder.</param>
    /// <param name="configure">Sets where the logs are and how to price them.</param>
    /// <returns>The same builder, for chaining.</returns>
    /// <remarks><see cref="IFileSystem"/> and <see cref="TimeProvider"/> are added only when the host has not registered its own.</remarks>
    public static IOmkCostBuilder AddKimiUsage(this IOmkCostBuilder cost, Action<KimiUsageOptions> configure)
    {
        ArgumentNullException.ThrowIfNull(cost);
        ArgumentNullException.ThrowIfNull(configure);
        cost.Services.AddOptions<KimiUsageOptions>()
            .Configure(configure)
            .Validate(
                static options => !string.IsNullOrWhiteSpace(options.KimiCliRoot) || !string.IsNullOrWhiteSpace(options.KimiCodeRoot) || !string.IsNullOrWhiteSpace(options.KimiWorkRoot),
                "AddKimiUsage needs a Kimi home to read: set KimiCliRoot, KimiCodeRoot or KimiWorkRoot")
            .Validate(
                static options => !options.PricesFileRequired || !string.IsNullOrWhiteSpace(options.PricesFile),
                "AddKimiUsage: PricesFileRequired needs a PricesFile")
            .Validate(
                static options => options.IndexWriter is null || !string.IsNullOrWhiteSpace(options.IndexDirectory),
                "AddKimiUsage: an IndexWriter needs the IndexDirectory it writes")
            .ValidateOnStart();
        ClosedOptions.Add<KimiUsageOptions>(cost.Services);
        cost.Services.TryAddSingleton<IFileSystem, FileSystem>();
        cost.Services.TryAddSingleton(TimeProvider.System);
        cost.Services.TryAddSingleton<IUsageSource>(static provider => new KimiUsageSource(
            provider.GetRequiredService<IFileSystem>(),
            provider.GetRequiredService<IOptions<KimiUsageOptions>>().Value,
            provider.GetRequiredService<TimeProvider>()));
        return cost;
    }
}
