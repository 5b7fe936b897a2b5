namespace Omk.Cost.Application.Runs;

/// <summary>One model call of a run, as its agent logged it.</summary>
/// <param name="Timestamp">When the call was logged.</param>
/// <param name="CostUsd">What it cost in US dollars (zero when its model has no price).</param>
public readonly record struct MeteredCall(DateTimeOffset Timestamp, decimal CostUsd);
