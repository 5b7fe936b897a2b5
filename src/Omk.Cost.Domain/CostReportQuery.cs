namespace Omk.Cost.Domain;

/// <summary>
/// Which sessions a <see cref="CostReport"/> covers and how it groups them.
/// </summary>
public sealed record CostReportQuery
{
    /// <summary>Gets the report over every session, grouped by type.</summary>
    public static CostReportQuery All { get; } = new();

    /// <summary>Gets how sessions are grouped.</summary>
    /// <value>The default value is <see cref="CostGrouping.Type"/>.</value>
    public CostGrouping GroupBy { get; init; } = CostGrouping.Type;

    /// <summary>Gets the time zone whose days, weeks and months group the sessions.</summary>
    /// <value>The default value is <see cref="TimeZoneInfo.Utc"/>.</value>
    public TimeZoneInfo TimeZone { get; init; } = TimeZoneInfo.Utc;

    /// <summary>Gets the window of start times covered.</summary>
    /// <value>The default value is <see cref="TimeRange.All"/>.</value>
    public TimeRange Window { get; init; }

    /// <summary>Gets the earliest start included, or null for no lower bound: the <see cref="Window"/>'s start.</summary>
    public DateTimeOffset? Since
    {
        get => Window.Since;
        init => Window = Window with { Since = value };
    }

    /// <summary>Gets the start before which sessions are included (exclusive), or null for no upper bound: the <see cref="Window"/>'s end.</summary>
    public DateTimeOffset? Until
    {
        get => Window.Until;
        init => Window = Window with { Until = value };
    }

    /// <summary>Determines whether a session started inside the query's window.</summary>
    /// <param name="session">The session.</param>
    /// <returns><see langword="true"/> when the session is covered.</returns>
    public bool Includes(SessionCost session)
    {
        ArgumentNullException.ThrowIfNull(session);
        return Window.Includes(session.StartedAt);
    }
}
