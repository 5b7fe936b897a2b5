using System.Globalization;

namespace Omk.Cost.Domain.Usage;

/// <summary>
/// Accumulates sessions into a <see cref="UsageReport"/> one at a time.
/// </summary>
internal sealed class UsageReportBuilder
{
    private readonly PriceTable _prices;
    private readonly UsageQuery _query;
    private readonly Dictionary<string, Group> _groups = new(StringComparer.Ordinal);
    private readonly UsageAccumulator _total = new();
    private readonly Dictionary<long, string> _periodKeys = [];

    public UsageReportBuilder(PriceTable prices, UsageQuery query)
    {
        _prices = prices;
        _query = query;
    }

    public void Add(SessionUsage session)
    {
        ArgumentNullException.ThrowIfNull(session);
        foreach (var call in session.Calls)
        {
            if (!_query.Includes(call.Timestamp))
            {
                continue;
            }

            var key = KeyOf(session, call);
            if (!_groups.TryGetValue(key, out var group))
            {
                group = new Group(_query.GroupBy == UsageGrouping.Session ? session.Title : null);
                _groups.Add(key, group);
            }

            var price = PriceOf(call);
            group.Accumulator.Add(session.SessionId, call, price);
            _total.Add(session.SessionId, call, price);
        }
    }

    public UsageReport Build()
    {
        var groups = _groups
            .Select(pair => (pair.Key, pair.Value.Label, pair.Value.Accumulator.FirstCall, Summary: pair.Value.Accumulator.ToSummary()))
            .ToList();
        switch (_query.GroupBy)
        {
            case UsageGrouping.Day or UsageGrouping.Month:
                groups.Sort(static (a, b) => string.CompareOrdinal(a.Key, b.Key));
                break;
            case UsageGrouping.Session:
                groups.Sort(static (a, b) =>
                {
                    var byStart = Nullable.Compare(a.FirstCall, b.FirstCall);
                    return byStart != 0 ? byStart : string.CompareOrdinal(a.Key, b.Key);
                });
                break;
            default:
                groups.Sort(static (a, b) =>
                {
                    var byCost = b.Summary.PricedCostUsd.CompareTo(a.Summary.PricedCostUsd);
                    return byCost != 0 ? byCost : string.CompareOrdinal(a.Key, b.Key);
                });
                break;
        }

        return new UsageReport(
            _query.GroupBy,
            _total.ToSummary(),
            [.. groups.Select(static g => new UsageReportGroup(g.Key, g.Label, g.Summary))]);
    }

    private string KeyOf(SessionUsage session, UsageCall call) => _query.GroupBy switch
    {
        UsageGrouping.Month => PeriodKey(call.Timestamp, month: true),
        UsageGrouping.Session => session.SessionId,
        UsageGrouping.Project => session.Project ?? "(unknown)",
        UsageGrouping.Model => call.Model,
        _ => PeriodKey(call.Timestamp, month: false),
    };

    /// <summary>Gets the UTC day or month of a moment as text, formatting each period once.</summary>
    private string PeriodKey(DateTimeOffset timestamp, bool month)
    {
        var utc = timestamp.UtcDateTime;
        var period = month ? (utc.Year * 100L) + utc.Month : utc.Ticks / TimeSpan.TicksPerDay;
        if (!_periodKeys.TryGetValue(period, out var key))
        {
            key = utc.ToString(month ? "yyyy-MM" : "yyyy-MM-dd", CultureInfo.InvariantCulture);
            _periodKeys.Add(period, key);
        }

        return key;
    }

    private ModelPrice? PriceOf(UsageCall call) => _prices.TryFind(call.Model, call.Timestamp, out var price) ? price : null;

    private sealed class Group(string? label)
    {
        public string? Label { get; } = label;

        public UsageAccumulator Accumulator { get; } = new();
    }
}
