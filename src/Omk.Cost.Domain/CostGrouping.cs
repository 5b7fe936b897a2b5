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

    /// <summary>By the UTC day the session started (<c>yyyy-MM-dd</c>).</summary>
    Day,

    /// <summary>By the UTC month the session started (<c>yyyy-MM</c>).</summary>
    Month,
}
