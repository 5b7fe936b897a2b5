namespace Omk.Cli.Tests.Fixtures;

/// <summary>
/// The tests that bound how long a real omk process takes, in wall time: they run alone, not beside the project's
/// other tests, which would take the two cores a CI machine has.
/// </summary>
[CollectionDefinition(nameof(TimedProcessCollection), DisableParallelization = true)]
public sealed class TimedProcessCollection
{
}
