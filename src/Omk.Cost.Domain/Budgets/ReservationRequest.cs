namespace Omk.Cost.Domain.Budgets;

/// <summary>
/// What a gate is asked to reserve for a run.
/// </summary>
public sealed record ReservationRequest
{
    /// <summary>
    /// The shortest time a reservation lives by default, 12 hours: long enough for a real agent run (which its
    /// supervisor, or <c>omk cost reservations extend</c>, renews while it goes on), short enough that the money of a
    /// run that never settled comes back within a day.
    /// </summary>
    public static readonly TimeSpan MinimumDefaultTimeToLive = TimeSpan.FromHours(12);

    /// <summary>Gets the amount to reserve, in US dollars: zero or more.</summary>
    public required decimal AmountUsd { get; init; }

    /// <summary>Gets the session type of the run, or null for a run that may be of any type and so counts against every budget.</summary>
    public string? SessionType { get; init; }

    /// <summary>Gets the run's name, or null.</summary>
    public string? Name { get; init; }

    /// <summary>Gets budgets to check besides every budget that covers <see cref="SessionType"/>.</summary>
    public IReadOnlyList<string> Budgets { get; init; } = [];

    /// <summary>Gets how long the reservation counts unless settled or released first.</summary>
    /// <value>The default value is <see cref="MinimumDefaultTimeToLive"/>.</value>
    public TimeSpan TimeToLive { get; init; } = MinimumDefaultTimeToLive;

    /// <summary>Gets the default time to live of a run expected to last a while: twice as long, and at least <see cref="MinimumDefaultTimeToLive"/>.</summary>
    /// <param name="expectedDurationSecs">How long the run is expected to last, in seconds.</param>
    /// <returns>The time to live.</returns>
    public static TimeSpan DefaultTimeToLive(ulong expectedDurationSecs)
    {
        var twice = Math.Min(expectedDurationSecs, (ulong)TimeSpan.MaxValue.TotalSeconds / 4) * 2;
        var ttl = TimeSpan.FromSeconds(twice);
        return ttl < MinimumDefaultTimeToLive ? MinimumDefaultTimeToLive : ttl;
    }
}
