namespace Omk.Cost.Domain.Usage;

/// <summary>
/// How a <see cref="UsageReport"/> groups model calls.
/// </summary>
public enum UsageGrouping
{
    /// <summary>By the UTC day of each call (<c>yyyy-MM-dd</c>). This is the default.</summary>
    Day,

    /// <summary>By the UTC month of each call (<c>yyyy-MM</c>).</summary>
    Month,

    /// <summary>By session.</summary>
    Session,

    /// <summary>By the project (work directory) of the session.</summary>
    Project,

    /// <summary>By model.</summary>
    Model,
}
