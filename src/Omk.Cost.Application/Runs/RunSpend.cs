namespace Omk.Cost.Application.Runs;

/// <summary>What a run's agent sessions have spent at one reading of their logs.</summary>
/// <param name="Sessions">The sessions, first started first.</param>
public sealed record RunSpend(IReadOnlyList<MeteredSession> Sessions)
{
    /// <summary>Gets a reading of no session.</summary>
    public static RunSpend None { get; } = new([]);

    /// <summary>Gets what the sessions spent in US dollars.</summary>
    public decimal SpentUsd => Sessions.Sum(static session => session.SpentUsd);

    /// <summary>Gets the number of model calls.</summary>
    public int Calls => Sessions.Sum(static session => session.Calls.Count);

    /// <summary>Gets a value indicating whether every call's model has a price.</summary>
    public bool CostKnown => Sessions.All(static session => session.CostKnown);

    /// <summary>
    /// Finds the call whose cost brought the run's spend to an amount: the calls of every session in the order they were
    /// logged, summed until the sum reaches it.
    /// </summary>
    /// <param name="amountUsd">The amount.</param>
    /// <returns>The call, and how many calls came before it; null when the spend has not reached the amount.</returns>
    public (MeteredCall Call, int Before)? Crossing(decimal amountUsd)
    {
        var sum = 0m;
        var index = 0;
        foreach (var call in Sessions.SelectMany(static session => session.Calls).OrderBy(static call => call.Timestamp))
        {
            sum += call.CostUsd;
            if (sum >= amountUsd)
            {
                return (call, index);
            }

            index++;
        }

        return null;
    }
}
