using Omk.Cost.Domain.Time;

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
    private readonly Dictionary<DateOnly, (string Key, CalendarPeriod Period)> _periods = [];
    private readonly Dictionary<string, CalendarPeriod> _periodsByKey = new(StringComparer.Ordinal);
    private string? _lastKey;
    private Group? _lastGroup;
    private string? _lastModel;
    private ModelPrice? _lastPrice;
    private DateTimeOffset _lastPriceFrom;
    private DateTimeOffset _lastPriceUntil;
    private CalendarPeriod _lastPeriod;
    private string? _lastPeriodKey;

    public UsageReportBuilder(PriceTable prices, UsageQuery query)
    {
        _prices = prices;
        _query = query;
    }

    public void Add(SessionUsage session)
    {
        ArgumentNullException.ThrowIfNull(session);
        if (session.Calls.Count == 0)
        {
            AddWithoutCalls(session);
            return;
        }

        foreach (var call in session.Calls)
        {
            if (!_query.Includes(call.Timestamp))
            {
                continue;
            }

            // Consecutive calls mostly share their group (the same session, model or day): the key is then the same
            // string, and the group is reused without a lookup.
            var key = KeyOf(session, call);
            if (!ReferenceEquals(key, _lastKey) || _lastGroup is not { } group)
            {
                if (!_groups.TryGetValue(key, out group))
                {
                    group = NewGroup(session);
                    _groups.Add(key, group);
                }

                _lastKey = key;
                _lastGroup = group;
            }

            var price = PriceOf(call);
            group.Accumulator.AddRetries(session.SessionId, session.Retries);
            group.Accumulator.Add(session.SessionId, call, price);
            group.Models?.Add(call.Model, call.Usage.TotalTokens);
            _total.AddRetries(session.SessionId, session.Retries);
            _total.Add(session.SessionId, call, price);
        }
    }

    public UsageReport Build()
    {
        var groups = _groups
            .Select(pair => (pair.Key, Group: pair.Value, pair.Value.Accumulator.FirstCall, Summary: pair.Value.Accumulator.ToSummary()))
            .ToList();
        switch (_query.GroupBy)
        {
            case UsageGrouping.Day or UsageGrouping.Week or UsageGrouping.Month:
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
            [.. groups.Select(g => new UsageReportGroup(g.Key, g.Group.Label, g.Summary)
            {
                ForkedFrom = g.Group.ForkedFrom,
                Session = g.Group.Session is { } session ? session with { Model = g.Group.MainAgentModel ?? g.Group.Models!.Main, OtherModels = g.Group.Models!.CountOtherThan(g.Group.MainAgentModel ?? g.Group.Models.Main) } : null,
                Start = _periodsByKey.TryGetValue(g.Key, out var period) ? period.Start : null,
                End = _periodsByKey.TryGetValue(g.Key, out var same) ? same.End : null,
            })])
        {
            TimeZone = _query.TimeZone,
            Window = _query.Window,
        };
    }

    /// <summary>
    /// Counts a session that holds no call of its own (a fork that made none): it is a session of the total, and a
    /// row of its own by session, when it started inside the window.
    /// </summary>
    private void AddWithoutCalls(SessionUsage session)
    {
        if (!_query.Includes(session.StartedAt))
        {
            return;
        }

        _total.AddSession(session.SessionId, session.StartedAt);
        _total.AddRetries(session.SessionId, session.Retries);
        if (_query.GroupBy != UsageGrouping.Session)
        {
            return;
        }

        if (!_groups.TryGetValue(session.SessionId, out var group))
        {
            group = NewGroup(session);
            _groups.Add(session.SessionId, group);
        }

        group.Accumulator.AddSession(session.SessionId, session.StartedAt);
        group.Accumulator.AddRetries(session.SessionId, session.Retries);
    }

    private Group NewGroup(SessionUsage session) => _query.GroupBy == UsageGrouping.Session
        ? new Group(session.Title, session.ForkedFrom)
        {
            Session = new UsageSessionDetails { Title = session.Title, Project = session.Project, StartedAt = TimeZoneInfo.ConvertTime(session.StartedAt, _query.TimeZone), ModelSource = session.ModelSource },
            Models = new ModelTokens(),
            MainAgentModel = session.MainAgentModel,
        }
        : new Group(null, null);

    private string KeyOf(SessionUsage session, UsageCall call) => _query.GroupBy switch
    {
        UsageGrouping.Month => PeriodKey(call.Timestamp, CalendarUnit.Month),
        UsageGrouping.Week => PeriodKey(call.Timestamp, CalendarUnit.Week),
        UsageGrouping.Session => session.SessionId,
        UsageGrouping.Project => session.Project ?? "(unknown)",
        UsageGrouping.Model => call.Model,
        _ => PeriodKey(call.Timestamp, CalendarUnit.Day),
    };

    /// <summary>
    /// Gets the day, ISO week or month of the query's zone that holds a moment, as text: one string a period, and no
    /// calendar work while calls stay in the last period found.
    /// </summary>
    private string PeriodKey(DateTimeOffset timestamp, CalendarUnit unit)
    {
        if (_lastPeriodKey is { } last && _lastPeriod.Contains(timestamp))
        {
            return last;
        }

        var period = CalendarPeriod.Containing(unit, timestamp, _query.TimeZone);
        if (!_periods.TryGetValue(period.FirstDay, out var known))
        {
            known = (period.Key, period);
            _periods.Add(period.FirstDay, known);
            _periodsByKey[known.Key] = period;
        }

        _lastPeriod = known.Period;
        _lastPeriodKey = known.Key;
        return known.Key;
    }

    /// <summary>
    /// Prices a call, reusing the last answer while the model is the same string and the call falls within the span
    /// of moments over which the price table gives that model the same answer.
    /// </summary>
    private ModelPrice? PriceOf(UsageCall call)
    {
        if (ReferenceEquals(call.Model, _lastModel) && call.Timestamp >= _lastPriceFrom && call.Timestamp < _lastPriceUntil)
        {
            return _lastPrice;
        }

        _lastPrice = _prices.TryFind(call.Model, call.Timestamp, out var price, out _lastPriceFrom, out _lastPriceUntil) ? price : null;
        _lastModel = call.Model;
        return _lastPrice;
    }

    private sealed class Group(string? label, string? forkedFrom)
    {
        public string? Label { get; } = label;

        public string? ForkedFrom { get; } = forkedFrom;

        public UsageAccumulator Accumulator { get; } = new();

        /// <summary>Gets what a session row tells of its session; null for other groupings.</summary>
        public UsageSessionDetails? Session { get; init; }

        /// <summary>Gets the tokens of each model of a session row; null for other groupings.</summary>
        public ModelTokens? Models { get; init; }

        /// <summary>Gets the model of a session row's main agent, when its logs tell it.</summary>
        public string? MainAgentModel { get; init; }
    }

    /// <summary>The tokens of each model of a session, to name its main model.</summary>
    private sealed class ModelTokens
    {
        private readonly List<(string Model, ulong Tokens)> _models = [];

        public int Count => _models.Count;

        /// <summary>Gets the model with the most tokens, the first one called on a tie; null when none was called.</summary>
        public string? Main
        {
            get
            {
                (string Model, ulong Tokens)? best = null;
                foreach (var model in _models)
                {
                    if (best is not { } known || model.Tokens > known.Tokens)
                    {
                        best = model;
                    }
                }

                return best?.Model;
            }
        }

        /// <summary>Counts the models called other than one.</summary>
        public int CountOtherThan(string? model) => _models.Count(m => !string.Equals(m.Model, model, StringComparison.Ordinal));

        public void Add(string model, ulong tokens)
        {
            // A session calls one model or a few: a list is faster than a dictionary here.
            for (var index = 0; index < _models.Count; index++)
            {
                if (string.Equals(_models[index].Model, model, StringComparison.Ordinal))
                {
                    _models[index] = (model, Saturating.Add(_models[index].Tokens, tokens));
                    return;
                }
            }

            _models.Add((model, tokens));
        }
    }
}
