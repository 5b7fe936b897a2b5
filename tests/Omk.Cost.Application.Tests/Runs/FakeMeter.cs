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
    /// <summary>The session the calls are of, unless a call names another.</summary>
    public const string FirstSession = "s-1";

    private readonly Lock _lock = new();
    private readonly List<(string Session, MeteredCall Call)> _calls = [];
    private readonly Channel<bool> _waiting = Channel.CreateUnbounded<bool>();
    private TaskCompletionSource _change = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public List<RunScope> Scopes { get; } = [];

    /// <summary>
    /// Gets or sets what the first session's calls before the run cost: a session the run resumed spent it before,
    /// from an hour before the run.
    /// </summary>
    public decimal EarlierUsd { get; set; }

    /// <summary>Gets or sets the session that <see cref="EarlierUsd"/> is of: the first, unless the test names another.</summary>
    public string ResumedSession { get; set; } = FirstSession;

    /// <summary>Gets or sets a value indicating whether a call of the first session before the run has no price: the session has no whole.</summary>
    public bool EarlierUnpriced { get; set; }

    /// <summary>Gets what the first session's logged calls cost so far, as Kimi's logs show it to anyone who reads them.</summary>
    public decimal SpentUsd => SpentOf(FirstSession);

    /// <summary>Gets what a session's logged calls cost so far.</summary>
    /// <param name="session">The session's id.</param>
    /// <returns>The cost in US dollars.</returns>
    public decimal SpentOf(string session)
    {
        lock (_lock)
        {
            return _calls.Where(call => call.Session == session).Sum(static call => call.Call.CostUsd);
        }
    }

    public void AddCall(DateTimeOffset at, decimal costUsd, string session = FirstSession)
    {
        lock (_lock)
        {
            _calls.Add((session, new MeteredCall(at, costUsd)));
        }
    }

    public ValueTask<RunSpend> ReadAsync(RunScope scope, CancellationToken cancellationToken)
    {
        lock (_lock)
        {
            Scopes.Add(scope);
            var sessions = _calls.GroupBy(static call => call.Session).Select(group => Metered(scope, group.Key, [.. group.Select(static call => call.Call)]));
            return ValueTask.FromResult(_calls.Count == 0 ? RunSpend.None : new RunSpend([.. sessions]));
        }
    }

    private MeteredSession Metered(RunScope scope, string session, List<MeteredCall> calls)
    {
        var spent = calls.Sum(static call => call.CostUsd);
        var earlier = session == ResumedSession ? EarlierUsd : 0m;
        var record = new SessionCost
        {
            SessionType = "kimi",
            Name = "Fix the login",
            StartedAt = calls[0].Timestamp,
            EndedAt = calls[^1].Timestamp,
            Estimate = CostEstimator.FromExactTokens((ulong)calls.Count * 1000, (ulong)calls.Count * 100, PricingTier.Standard) with { EstimatedUsd = spent },
            ActualUsd = spent,
            Id = "kimi:" + session,
            Details = new SessionUsageDetails { Model = "kimi-k2.6", Project = scope.WorkingDirectory },
        };
        var whole = earlier > 0m && !EarlierUnpriced ? record with { StartedAt = scope.StartedAt.AddHours(-1), ActualUsd = earlier + spent } : null;
        return new MeteredSession { SessionId = session, Calls = [.. calls], SpentUsd = spent, EarlierUsd = earlier, Resumed = earlier > 0m, CostKnown = true, Record = record, Whole = whole };
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
