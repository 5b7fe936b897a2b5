using Microsoft.Extensions.Options;

namespace Omk.Cost.Adapters.FileSystem;

/// <summary>
/// Fills in what the host left unset after every configuration step: the state folder from this process's environment.
/// </summary>
internal sealed class OmkCostOptionsDefaults : IPostConfigureOptions<OmkCostOptions>
{
    public void PostConfigure(string? name, OmkCostOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.StateDirectory ??= OmkStateDirectory.Resolve();
    }
}
