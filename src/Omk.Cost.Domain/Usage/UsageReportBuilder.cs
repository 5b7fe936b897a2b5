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

            var cost = _prices.Price(call.Model, call.Timestamp, call.Usage);
            group.Accumulator.Add(session.SessionId, call, cost);
            _total.Add(session.SessionId, call, cost);
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
        UsageGrouping.Month => call.Timestamp.UtcDateTime.ToString("yyyy-MM", CultureInfo.InvariantCulture),
        UsageGrouping.Session => session.SessionId,
        UsageGrouping.Project => session.Project ?? "(unknown)",
        UsageGrouping.Model => call.Model,
        _ => call.Timestamp.UtcDateTime.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
    };

    private sealed class Group(string? label)
    {
        public string? Label { get; } = label;

        public UsageAccumulator Accumulator { get; } = new();
    }
}
