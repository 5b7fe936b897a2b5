namespace Omk.Cost.Domain.Usage;

/// <summary>
/// How a <see cref="UsageReport"/> groups model calls.
/// </summary>
internal enum UsageGrouping
{
    /// <summary>By the day of each call in the query's time zone (<c>yyyy-MM-dd</c>). This is the default.</summary>
    Day,

    /// <summary>By the month of each call in the query's time zone (<c>yyyy-MM</c>).</summary>
    Month,

    /// <summary>By session.</summary>
    Session,

    /// <summary>By the project (work directory) of the session.</summary>
    Project,

    /// <summary>By model.</summary>
    Model,

    /// <summary>By the ISO week (Monday first) of each call in the query's time zone (<c>2026-W49</c>).</summary>
    Week,
}
