using Omk.Cost.Domain.Time;

namespace Omk.Cost.Domain.Budgets;

/// <summary>
/// Finds the time zone a budget was set in by its stored identifier.
/// </summary>
internal static class TimeZones
{
    /// <exception cref="CostStoreException">This system does not know the zone.</exception>
    public static TimeZoneInfo Find(BudgetPolicy policy)
    {
        var id = policy.TimeZoneId;
        return TimeZoneNames.TryFind(id, TimeZoneInfo.Local, out var zone)
            ? zone
            : throw new CostStoreException(
                $"budget \"{policy.Name}\" was set in the time zone \"{id}\", which this system does not know; set the budget again with --tz");
    }
}
