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
        if (string.Equals(id, TimeZoneInfo.Utc.Id, StringComparison.OrdinalIgnoreCase))
        {
            return TimeZoneInfo.Utc;
        }

        if (string.Equals(id, TimeZoneInfo.Local.Id, StringComparison.Ordinal))
        {
            return TimeZoneInfo.Local;
        }

        try
        {
            return TimeZoneInfo.FindSystemTimeZoneById(id);
        }
        catch (Exception exception) when (exception is TimeZoneNotFoundException or InvalidTimeZoneException)
        {
            throw new CostStoreException(
                $"budget \"{policy.Name}\" was set in the time zone \"{id}\", which this system does not know; set the budget again with --tz",
                exception);
        }
    }
}
