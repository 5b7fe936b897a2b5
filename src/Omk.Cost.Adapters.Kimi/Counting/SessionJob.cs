using Omk.Cost.Adapters.Kimi.Reading;
using Omk.Cost.Adapters.Kimi.Reading.Config;
using Omk.Cost.Domain.Usage;

namespace Omk.Cost.Adapters.Kimi.Counting;

/// <summary>
/// One session folder to read, with what is known of it before reading.
/// </summary>
/// <param name="Format">The log format.</param>
/// <param name="Directory">The session folder.</param>
/// <param name="SessionId">The session's id (the folder's name).</param>
/// <param name="Project">The project path, when an index names it.</param>
/// <param name="Model">The model (canonical) of calls whose lines do not name one.</param>
/// <param name="Config">The model settings of the Kimi home the session belongs to.</param>
internal sealed record SessionJob(WireFormat Format, string Directory, string SessionId, string? Project, string Model, KimiModelConfig Config)
{
    /// <summary>Gets where <see cref="Model"/> comes from.</summary>
    public SessionModelSource ModelSource { get; init; } = SessionModelSource.Logs;

    /// <summary>
    /// Gets the later launches of a Kimi CLI session with another model (a resume with <c>--model</c>), in time order:
    /// calls at or after one of them that would be priced at <see cref="Model"/> are priced at its model.
    /// </summary>
    public IReadOnlyList<ModelLaunch> LaterLaunches { get; init; } = [];
}
