using System.Threading.Channels;
using Omk.Cost.Application.Runs;
using Omk.Cost.Domain;

namespace Omk.Cost.Application.Tests.Runs;

/// <summary>
/// A meter whose logs the test writes: each <see cref="AddCall"/> is one model call of one session; the supervisor
/// reads them when the test wakes it, and the test waits until the supervisor is waiting again.
/// </summary>
internal sealed class FakeMeter : IRunMeter
{
    private readonly Lock _lock = new();
    private readonly List<MeteredCall> _calls = [];
    private readonly Channel<bool> _waiting = Channel.CreateUnbounded<bool>();
    private TaskCompletionSource _change = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public List<RunScope> Scopes { get; } = [];

    /// <summary>
    /// Gets or sets what the session's calls before the run cost: a session the run resumed spent it before, from an
    /// hour before the run.
    /// </summary>
    public decimal EarlierUsd { get; set; }

    /// <summary>Gets what the session's logged calls cost so far, as Kimi's logs show it to anyone who reads them.</summary>
    public decimal SpentUsd
    {
        get
        {
            lock (_lock)
            {
                return _calls.Sum(static call => call.CostUsd);
            }
        }
    }

    public void AddCall(DateTimeOffset at, decimal costUsd)
    {
        lock (_lock)
        {
            _calls.Add(new MeteredCall(at, costUsd));
        }
    }

    public ValueTask<RunSpend> ReadAsync(RunScope scope, CancellationToken cancellationToken)
    {
        lock (_lock)
        {
            Scopes.Add(scope);
            if (_calls.Count == 0)
            {
                return ValueTask.FromResult(RunSpend.None);
            }

            var spent = _calls.Sum(static call => call.CostUsd);
            var record = new SessionCost
            {
                SessionType = "kimi",
                Name = "Fix the login",
                StartedAt = _calls[0].Timestamp,
                EndedAt = _calls[^1].Timestamp,
                Estimate = CostEstimator.FromExactTokens((ulong)_calls.Count * 1000, (ulong)_calls.Count * 100, PricingTier.Standard) with { EstimatedUsd = spent },
                ActualUsd = spent,
                Id = "kimi:s-1",
                Details = new SessionUsageDetails { Model = "kimi-k2.6", Project = scope.WorkingDirectory },
            };
            var whole = EarlierUsd > 0m ? record with { StartedAt = scope.StartedAt.AddHours(-1), ActualUsd = EarlierUsd + spent } : null;
            return ValueTask.FromResult(new RunSpend([new MeteredSession { SessionId = "s-1", Calls = [.. _calls], SpentUsd = spent, EarlierUsd = EarlierUsd, CostKnown = true, Record = record, Whole = whole }]));
        }
    }

    public Task WaitForChangeAsync(CancellationToken cancellationToken)
    {
        var change = Volatile.Read(ref _change).Task;
        _waiting.Writer.TryWrite(true);
        return change.WaitAsync(cancellationToken);
    }

    /// <summary>Wakes the supervisor to read, and waits until it has read and is waiting again.</summary>
    public async Task WakeAndSettleAsync()
    {
        Interlocked.Exchange(ref _change, new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously)).TrySetResult();
        await WaitingAsync();
    }

    /// <summary>Waits until the supervisor waits for a change.</summary>
    public async Task WaitingAsync() => await _waiting.Reader.ReadAsync().AsTask().WaitAsync(TimeSpan.FromMinutes(1));
}
