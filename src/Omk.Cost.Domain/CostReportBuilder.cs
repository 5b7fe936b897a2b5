using System.Globalization;
using Omk.Cost.Domain.Time;

namespace Omk.Cost.Domain;

/// <summary>
/// Accumulates sessions into a <see cref="CostReport"/> one at a time.
/// </summary>
internal sealed class CostReportBuilder
{
    private readonly CostReportQuery _query;
    private readonly Dictionary<string, Accumulator> _groups;
    private readonly Accumulator _total = new();
    private readonly CalendarUnit? _unit;
    private CalendarPeriod _lastPeriod;
    private Accumulator? _lastPeriodGroup;

    public CostReportBuilder(CostReportQuery query)
    {
        _query = query;
        _unit = query.GroupBy switch
        {
            CostGrouping.Day => CalendarUnit.Day,
            CostGrouping.Week => CalendarUnit.Week,
            CostGrouping.Month => CalendarUnit.Month,
            _ => null,
        };

        // Session types are one group whatever their case (team and Team); names stay exact.
        _groups = new Dictionary<string, Accumulator>(
            query.GroupBy == CostGrouping.Type ? StringComparer.OrdinalIgnoreCase : StringComparer.Ordinal);
    }

    public void Add(SessionCost session)
    {
        ArgumentNullException.ThrowIfNull(session);
        if (!_query.Includes(session))
        {
            return;
        }

        var group = _unit is { } unit ? PeriodGroup(unit, session.StartedAt) : KeyGroup(session);
        group.Add(session);
        _total.Add(session);
    }

    /// <summary>
    /// Adds totals that a store added up itself (<see cref="ICostSummarySource"/>): those of one spelling of a type,
    /// of one name, or of one calendar day of the query's zone (key <c>yyyy-MM-dd</c>), merged here by the same rules
    /// as sessions (types whatever their case, days into their week or month).
    /// </summary>
    /// <param name="totals">The totals.</param>
    public void Add(CostReportGroup totals)
    {
        ArgumentNullException.ThrowIfNull(totals);
        Accumulator group;
        if (_unit is { } unit)
        {
            var period = CalendarPeriod.Of(unit, DateOnly.ParseExact(totals.Key, "yyyy-MM-dd", CultureInfo.InvariantCulture), _query.TimeZone);
            if (!_groups.TryGetValue(period.Key, out group!))
            {
                group = new Accumulator { Period = period };
                group.Spell(period.Key, 1);
                _groups.Add(period.Key, group);
            }
        }
        else
        {
            if (!_groups.TryGetValue(totals.Key, out group!))
            {
                group = new Accumulator();
                _groups.Add(totals.Key, group);
            }

            group.Spell(totals.Key, totals.Sessions);
        }

        group.Add(totals);
        _total.Add(totals);
    }

    public CostReport Build()
    {
        var groups = new List<CostReportGroup>(_groups.Count);
        foreach (var group in _groups.Values)
        {
            groups.Add(new CostReportGroup(group.Key, group.Sessions, group.InputTokens, group.OutputTokens, group.EstimatedUsd, group.ActualUsd)
            {
                SpentUsd = group.SpentUsd,
                Start = group.Period?.Start,
                End = group.Period?.End,
            });
        }

        if (_unit is not null)
        {
            groups.Sort(static (a, b) => Nullable.Compare(a.Start, b.Start));
        }
        else
        {
            groups.Sort(static (a, b) =>
            {
                var byCost = b.SpentUsd.CompareTo(a.SpentUsd);
                return byCost != 0 ? byCost : string.CompareOrdinal(a.Key, b.Key);
            });
        }

        return new CostReport(_query.GroupBy, _total.Sessions, _total.InputTokens, _total.OutputTokens, _total.EstimatedUsd, _total.ActualUsd, groups)
        {
            TotalSpentUsd = _total.SpentUsd,
            TimeZone = _query.TimeZone,
        };
    }

    private Accumulator KeyGroup(SessionCost session)
    {
        var key = _query.GroupBy == CostGrouping.Name ? session.Name : session.SessionType;
        if (!_groups.TryGetValue(key, out var group))
        {
            group = new Accumulator();
            _groups.Add(key, group);
        }

        group.Spell(key, 1);
        return group;
    }

    /// <summary>Finds the group of the period a moment falls in; consecutive sessions mostly share it.</summary>
    private Accumulator PeriodGroup(CalendarUnit unit, DateTimeOffset startedAt)
    {
        if (_lastPeriodGroup is { } last && _lastPeriod.Contains(startedAt))
        {
            return last;
        }

        var period = CalendarPeriod.Containing(unit, startedAt, _query.TimeZone);
        var key = period.Key;
        if (!_groups.TryGetValue(key, out var group))
        {
            group = new Accumulator { Period = period };
            group.Spell(key, 1);
            _groups.Add(key, group);
        }

        _lastPeriod = period;
        _lastPeriodGroup = group;
        return group;
    }

    private sealed class Accumulator
    {
        private Dictionary<string, long>? _spellings;

        public CalendarPeriod? Period { get; init; }

        /// <summary>Gets the group's key: its most common spelling, the first in ordinal order among equals.</summary>
        public string Key { get; private set; } = string.Empty;

        public long Sessions { get; private set; }

        public ulong InputTokens { get; private set; }

        public ulong OutputTokens { get; private set; }

        public decimal EstimatedUsd { get; private set; }

        public decimal? ActualUsd { get; private set; }

        public decimal SpentUsd { get; private set; }

        /// <summary>Counts <paramref name="sessions"/> sessions spelled <paramref name="key"/>, before they are added.</summary>
        public void Spell(string key, long sessions)
        {
            if (Key.Length == 0 && _spellings is null)
            {
                Key = key;
            }

            if (string.Equals(key, Key, StringComparison.Ordinal) && _spellings is null)
            {
                return;
            }

            // A second spelling: count them all from here on.
            _spellings ??= new Dictionary<string, long>(StringComparer.Ordinal) { [Key] = Sessions };
            _spellings[key] = _spellings.GetValueOrDefault(key) + sessions;
            Key = _spellings
                .OrderByDescending(static pair => pair.Value)
                .ThenBy(static pair => pair.Key, StringComparer.Ordinal)
                .First().Key;
        }

        public void Add(SessionCost session)
        {
            Sessions++;
            InputTokens = Saturating.Add(InputTokens, session.Estimate.InputTokens);
            OutputTokens = Saturating.Add(OutputTokens, session.Estimate.OutputTokens);
            EstimatedUsd = Saturating.Add(EstimatedUsd, session.Estimate.EstimatedUsd);
            SpentUsd = Saturating.Add(SpentUsd, session.EffectiveUsd);
            if (session.ActualUsd is { } actual)
            {
                ActualUsd = Saturating.Add(ActualUsd ?? 0m, actual);
            }
        }

        public void Add(CostReportGroup totals)
        {
            Sessions += totals.Sessions;
            InputTokens = Saturating.Add(InputTokens, totals.InputTokens);
            OutputTokens = Saturating.Add(OutputTokens, totals.OutputTokens);
            EstimatedUsd = Saturating.Add(EstimatedUsd, totals.EstimatedUsd);
            SpentUsd = Saturating.Add(SpentUsd, totals.SpentUsd);
            if (totals.ActualUsd is { } actual)
            {
                ActualUsd = Saturating.Add(ActualUsd ?? 0m, actual);
            }
        }
    }
}
