using Omk.Cost.Domain.Usage;

namespace Omk.Cli.Watch;

/// <summary>
/// The meter of one watched session at one moment: what it spent, its calls and tokens, and how fast it spends.
/// </summary>
/// <param name="SessionId">The session's id.</param>
/// <param name="Project">The session's project, when known.</param>
/// <param name="Calls">The model calls so far.</param>
/// <param name="Usage">Their tokens by class.</param>
/// <param name="SpentUsd">What the priced calls cost (a lower bound when some model has no price).</param>
/// <param name="CostKnown">Whether every call's model has a price.</param>
/// <param name="BurnUsdPerHour">What the calls of the last 10 minutes cost, as dollars per hour.</param>
internal sealed record SessionMeter(string SessionId, string? Project, int Calls, TokenUsage Usage, decimal SpentUsd, bool CostKnown, decimal BurnUsdPerHour)
{
    /// <summary>The span over which the burn rate is measured.</summary>
    public static readonly TimeSpan BurnWindow = TimeSpan.FromMinutes(10);

    /// <summary>Gets the spend projected for the next hour at the current burn rate.</summary>
    public decimal ProjectedNextHourUsd => BurnUsdPerHour;

    /// <summary>Reads the meter of a session.</summary>
    /// <param name="session">The session.</param>
    /// <param name="prices">The prices.</param>
    /// <param name="now">The current moment.</param>
    /// <returns>The meter.</returns>
    public static SessionMeter Of(SessionUsage session, PriceTable prices, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(session);
        var summary = session.Summarize(prices);
        var since = now - BurnWindow;
        var recent = session with { Calls = [.. session.Calls.Where(call => call.Timestamp > since)] };
        var burn = recent.Calls.Count == 0 ? 0m : recent.Summarize(prices).PricedCostUsd * (decimal)(TimeSpan.FromHours(1) / BurnWindow);
        return new SessionMeter(session.SessionId, session.Project, session.Calls.Count, summary.Usage, summary.PricedCostUsd, summary.CostUsd.HasValue, burn);
    }
}
