namespace Omk.Cost.Application.Runs;

/// <summary>
/// The port that meters a run's agent sessions live from their logs: which sessions the command writes (found by its
/// working folder and start, with their subagents), and what each call cost.
/// </summary>
public interface IRunMeter
{
    /// <summary>Reads what the run's sessions have spent so far.</summary>
    /// <param name="scope">Which sessions belong to the run.</param>
    /// <param name="cancellationToken">The token to monitor for cancellation requests.</param>
    /// <returns>The run's sessions and their calls.</returns>
    ValueTask<RunSpend> ReadAsync(RunScope scope, CancellationToken cancellationToken);

    /// <summary>Waits until the logs may have changed: a change notification, or the poll interval.</summary>
    /// <param name="cancellationToken">The token to monitor for cancellation requests.</param>
    /// <returns>A task that completes at the next change or poll.</returns>
    Task WaitForChangeAsync(CancellationToken cancellationToken);
}
