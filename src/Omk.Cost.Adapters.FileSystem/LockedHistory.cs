using Omk.Cost.Domain;

namespace Omk.Cost.Adapters.FileSystem;

/// <summary>
/// What a step run under the history's lock (<see cref="JsonFileCostSink.RunLockedAsync{T}"/>) can do with
/// <c>costs.json</c>.
/// </summary>
/// <param name="SummaryAsync">Gives the history's spend summary.</param>
/// <param name="AppendAsync">Appends a session, unless the history holds its id already.</param>
/// <param name="HoldsAsync">Tells whether the history holds a session of an id.</param>
internal sealed record LockedHistory(
    Func<CancellationToken, ValueTask<SpendSummary>> SummaryAsync,
    Func<SessionCost, CancellationToken, Task> AppendAsync,
    Func<string, CancellationToken, ValueTask<bool>> HoldsAsync);
