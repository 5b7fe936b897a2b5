namespace Omk.Cost.Domain.Usage;

/// <summary>
/// Adds up priced model calls into a <see cref="UsageSummary"/>.
/// </summary>
internal sealed class UsageAccumulator
{
    private readonly HashSet<string> _sessions = new(StringComparer.Ordinal);
    private readonly SortedDictionary<string, ulong> _unpriced = new(StringComparer.Ordinal);
    private TokenUsage _usage;
    private decimal _pricedCost;

    public DateTimeOffset? FirstCall { get; private set; }

    public void Add(string sessionId, UsageCall call, PriceTable prices)
    {
        var cost = prices.Price(call.Model, call.Timestamp, call.Usage);
        Add(sessionId, call, cost);
    }

    public void Add(string sessionId, UsageCall call, decimal? cost)
    {
        _sessions.Add(sessionId);
        _usage += call.Usage;
        if (cost is { } known)
        {
            _pricedCost = Saturating.Add(_pricedCost, known);
        }
        else
        {
            _unpriced[call.Model] = Saturating.Add(_unpriced.GetValueOrDefault(call.Model), call.Usage.TotalTokens);
        }

        if (FirstCall is not { } first || call.Timestamp < first)
        {
            FirstCall = call.Timestamp;
        }
    }

    public UsageSummary ToSummary() => new(
        _sessions.Count,
        _usage,
        _unpriced.Count == 0 ? _pricedCost : null,
        _pricedCost,
        [.. _unpriced.Select(static pair => new UnpricedModel(pair.Key, pair.Value))]);
}
