namespace Omk.Cost.Domain.Usage;

/// <summary>
/// Which model calls a <see cref="UsageReport"/> covers and how it groups them.
/// </summary>
internal sealed record UsageQuery
{
    /// <summary>Gets the query over every call, grouped by day.</summary>
    public static UsageQuery All { get; } = new();

    /// <summary>Gets how calls are grouped.</summary>
    /// <value>The default value is <see cref="UsageGrouping.Day"/>.</value>
    public UsageGrouping GroupBy { get; init; } = UsageGrouping.Day;

    /// <summary>Gets the window of call moments covered.</summary>
    /// <value>The default value is <see cref="TimeRange.All"/>.</value>
    public TimeRange Window { get; init; }

    /// <summary>Gets the time zone whose days, weeks and months group the calls.</summary>
    /// <value>The default value is <see cref="TimeZoneInfo.Utc"/>.</value>
    public TimeZoneInfo TimeZone { get; init; } = TimeZoneInfo.Utc;

    /// <summary>Gets the earliest moment included, or null for no lower bound: the <see cref="Window"/>'s start.</summary>
    public DateTimeOffset? Since
    {
        get => Window.Since;
        init => Window = Window with { Since = value };
    }

    /// <summary>Gets the moment before which calls are included (exclusive), or null for no upper bound: the <see cref="Window"/>'s end.</summary>
    public DateTimeOffset? Until
    {
        get => Window.Until;
        init => Window = Window with { Until = value };
    }

    /// <summary>Determines whether a moment lies inside the query's window.</summary>
    /// <param name="timestamp">The moment of a call.</param>
    /// <returns><see langword="true"/> when a call at that moment is covered.</returns>
    public bool Includes(DateTimeOffset timestamp) => Window.Includes(timestamp);
}
