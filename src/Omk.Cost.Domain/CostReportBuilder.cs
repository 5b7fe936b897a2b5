using System.Globalization;

namespace Omk.Cost.Domain;

/// <summary>
/// Accumulates sessions into a <see cref="CostReport"/> one at a time.
/// </summary>
internal sealed class CostReportBuilder
{
    private readonly CostReportQuery _query;
    private readonly Dictionary<string, Accumulator> _groups = new(StringComparer.Ordinal);
    private readonly Accumulator _total = new();

    public CostReportBuilder(CostReportQuery query)
    {
        _query = query;
    }

    public void Add(SessionCost session)
    {
        ArgumentNullException.ThrowIfNull(session);
        if (!_query.Includes(session))
        {
            return;
        }

        var key = KeyOf(session);
        if (!_groups.TryGetValue(key, out var group))
        {
            group = new Accumulator();
            _groups.Add(key, group);
        }

        group.Add(session);
        _total.Add(session);
    }

    public CostReport Build()
    {
        var groups = new List<CostReportGroup>(_groups.Count);
        foreach (var (key, group) in _groups)
        {
            groups.Add(new CostReportGroup(key, group.Sessions, group.InputTokens, group.OutputTokens, group.EstimatedUsd, group.ActualUsd));
        }

        if (_query.GroupBy is CostGrouping.Day or CostGrouping.Month)
        {
            groups.Sort(static (a, b) => string.CompareOrdinal(a.Key, b.Key));
        }
        else
        {
            groups.Sort(static (a, b) =>
            {
                var byCost = b.EstimatedUsd.CompareTo(a.EstimatedUsd);
                return byCost != 0 ? byCost : string.CompareOrdinal(a.Key, b.Key);
            });
        }

        return new CostReport(_query.GroupBy, _total.Sessions, _total.InputTokens, _total.OutputTokens, _total.EstimatedUsd, _total.ActualUsd, groups);
    }

    private string KeyOf(SessionCost session) => _query.GroupBy switch
    {
        CostGrouping.Name => session.Name,
        CostGrouping.Day => session.StartedAt.UtcDateTime.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
        CostGrouping.Month => session.StartedAt.UtcDateTime.ToString("yyyy-MM", CultureInfo.InvariantCulture),
        _ => session.SessionType,
    };

    private sealed class Accumulator
    {
        public long Sessions { get; private set; }

        public ulong InputTokens { get; private set; }

        public ulong OutputTokens { get; private set; }

        public decimal EstimatedUsd { get; private set; }

        public decimal? ActualUsd { get; private set; }

        public void Add(SessionCost session)
        {
            Sessions++;
            InputTokens = Saturating.Add(InputTokens, session.Estimate.InputTokens);
            OutputTokens = Saturating.Add(OutputTokens, session.Estimate.OutputTokens);
            EstimatedUsd = Saturating.Add(EstimatedUsd, session.Estimate.EstimatedUsd);
            if (session.ActualUsd is { } actual)
            {
                ActualUsd = Saturating.Add(ActualUsd ?? 0m, actual);
            }
        }
    }
}
