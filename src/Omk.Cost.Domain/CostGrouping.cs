namespace Omk.Cost.Domain;

/// <summary>
/// How a <see cref="CostReport"/> groups sessions.
/// </summary>
public enum CostGrouping
{
    /// <summary>By session type. This is the default.</summary>
    Type,

    /// <summary>By session name.</summary>
    Name,

    /// <summary>By the day the session started in the report's time zone (<c>yyyy-MM-dd</c>).</summary>
    Day,

    /// <summary>By the month the session started in the report's time zone (<c>yyyy-MM</c>).</summary>
    Month,

    /// <summary>By the ISO week (Monday first) the session started in the report's time zone (<c>2026-W49</c>).</summary>
    Week,
}
