using System.Diagnostics.CodeAnalysis;

namespace Omk.Cost.Domain.Time;

/// <summary>
/// The one rule by which a name finds a time zone, for a zone a person types (<c>--tz</c>, <c>$OMK_TZ</c>) and for the
/// zone a budget was set in: an IANA (or Windows) id, <c>UTC</c> or <c>Z</c>, or <c>local</c>, the last three in any
/// case, with surrounding spaces ignored.
/// </summary>
internal static class TimeZoneNames
{
    /// <summary>Finds the zone a name gives.</summary>
    /// <param name="name">The name.</param>
    /// <param name="local">The zone that <c>local</c> (or the local zone's own id) means.</param>
    /// <param name="zone">The zone found, or null.</param>
    /// <returns>True when the name gives a zone this system knows.</returns>
    public static bool TryFind(string name, TimeZoneInfo local, [NotNullWhen(true)] out TimeZoneInfo? zone)
    {
        ArgumentNullException.ThrowIfNull(name);
        ArgumentNullException.ThrowIfNull(local);
        var trimmed = name.Trim();
        zone = trimmed switch
        {
            _ when trimmed.Equals("local", StringComparison.OrdinalIgnoreCase) || trimmed.Equals(local.Id, StringComparison.Ordinal) => local,
            _ when trimmed.Equals("UTC", StringComparison.OrdinalIgnoreCase) || trimmed.Equals("Z", StringComparison.OrdinalIgnoreCase) => TimeZoneInfo.Utc,
            _ => TimeZoneInfo.TryFindSystemTimeZoneById(trimmed, out var found) ? found : null,
        };
        return zone is not null;
    }
}
