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
    private readonly HashSet<string> _retried = new(StringComparer.Ordinal);
    private string? _lastSession;
    private long _retries;
    private TokenUsage _unpricedUsage;

    // Consecutive calls mostly share their price: their tokens are summed here and added to _byPrice when the price
    // changes, which spares a lookup per call. Sums of token counts saturate at ulong.MaxValue, and such sums are
    // the same in any grouping, so the totals are those of adding call by call.
    private ModelPrice? _runPrice;
    private TokenUsage _runUsage;

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

    /// <summary>Counts a session's retried requests, once per session however many of its calls are added.</summary>
    public void AddRetries(string sessionId, int retries)
    {
        if (retries > 0 && _retried.Add(sessionId))
        {
            _retries += retries;
        }
    }

    public void Add(string sessionId, UsageCall call, ModelPrice? price)
    {
        if (!ReferenceEquals(sessionId, _lastSession))
        {
            _sessions.Add(sessionId);
            _lastSession = sessionId;
        }

        if (price is not null)
        {
            if (!ReferenceEquals(price, _runPrice))
            {
                EndRun();
                _runPrice = price;
            }

            _runUsage += call.Usage;
        }
        else
        {
            _unpricedUsage += call.Usage;
            _unpriced[call.Model] = Saturating.Add(_unpriced.GetValueOrDefault(call.Model), call.Usage.TotalTokens);
        }

        if (FirstCall is not { } first || call.Timestamp < first)
        {
            FirstCall = call.Timestamp;
        }
    }

    public UsageSummary ToSummary()
    {
        EndRun();
        var pricedCost = 0m;
        var usage = _unpricedUsage;
        foreach (var (price, priced) in _byPrice)
        {
            pricedCost = Saturating.Add(pricedCost, price.CostOf(priced));
            usage += priced;
        }

        return new UsageSummary(
            _sessions.Count,
            usage,
            _unpriced.Count == 0 ? pricedCost : null,
            pricedCost,
            [.. _unpriced.Select(static pair => new UnpricedModel(pair.Key, pair.Value))])
        {
            Retries = _retries,
        };
    }

    private void EndRun()
    {
        if (_runPrice is null)
        {
            return;
        }

        ref var priced = ref CollectionsMarshal.GetValueRefOrAddDefault(_byPrice, _runPrice, out _);
        priced += _runUsage;
        _runPrice = null;
        _runUsage = default;
    }
}
