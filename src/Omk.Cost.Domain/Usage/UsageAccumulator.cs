using System.Runtime.InteropServices;

namespace Omk.Cost.Domain.Usage;

/// <summary>
/// Adds up model calls into a <see cref="UsageSummary"/>. The tokens of priced calls are summed per price and
/// priced once at the end, which is exact because a cost is linear in the tokens.
/// </summary>
internal sealed class UsageAccumulator
{
    private readonly HashSet<string> _sessions = new(StringComparer.Ordinal);
    private readonly Dictionary<ModelPrice, TokenUsage> _byPrice = new(ReferenceEqualityComparer.Instance);
    private readonly SortedDictionary<string, ulong> _unpriced = new(StringComparer.Ordinal);
    private string? _lastSession;
    private TokenUsage _usage;

    public DateTimeOffset? FirstCall { get; private set; }

    /// <summary>Counts a session that made no call of its own (a fork that only holds copies).</summary>
    public void AddSession(string sessionId, DateTimeOffset startedAt)
    {
        _sessions.Add(sessionId);
        if (FirstCall is not { } first || startedAt < first)
        {
            FirstCall = startedAt;
        }
    }

    public void Add(string sessionId, UsageCall call, ModelPrice? price)
    {
        if (!ReferenceEquals(sessionId, _lastSession))
        {
            _sessions.Add(sessionId);
            _lastSession = sessionId;
        }

        _usage += call.Usage;
        if (price is not null)
        {
            ref var priced = ref CollectionsMarshal.GetValueRefOrAddDefault(_byPrice, price, out _);
            priced += call.Usage;
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

    public UsageSummary ToSummary()
    {
        var pricedCost = 0m;
        foreach (var (price, usage) in _byPrice)
        {
            pricedCost = Saturating.Add(pricedCost, price.CostOf(usage));
        }

        return new UsageSummary(
            _sessions.Count,
            _usage,
            _unpriced.Count == 0 ? pricedCost : null,
            pricedCost,
            [.. _unpriced.Select(static pair => new UnpricedModel(pair.Key, pair.Value))]);
    }
}
