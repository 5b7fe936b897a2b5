using System.Text.Json;
using Microsoft.Extensions.Time.Testing;
using Omk.Cli.Tests.Fixtures;
using Omk.Cli.Watch;
using Omk.Cost.Adapters.Kimi;
using Omk.Cost.Adapters.Kimi.Caching;
using Omk.Cost.Adapters.Kimi.Reading;

namespace Omk.Cli.Tests.Watch;

/// <summary>
/// Which session the default watch follows: the one active most recently as of each reading, never a log dated in the
/// future; and a watch that stops at what a budget leaves.
/// </summary>
public sealed class KimiWatchFollowTests : IDisposable
{
    /// <summary>One call of 100 000 uncached input and 10 000 output tokens at kimi-k2.6's prices.</summary>
    private static readonly (ulong, ulong, ulong) Call = (100_000, 10_000, 0);

    private readonly TempFolder _folder = new();
    private readonly FakeTimeProvider _clock = new(KimiLogs.Start.AddMinutes(5));
    private readonly StringWriter _out = new();
    private readonly StringWriter _error = new();
    private readonly string _share;

    public KimiWatchFollowTests()
    {
        _share = _folder.Folder("kimi");
        KimiLogs.Write(_share);
    }

    public void Dispose()
    {
        _out.Dispose();
        _error.Dispose();
        _folder.Dispose();
    }

    [Fact]
    public async Task RunAsync_SessionStartsAfterTheWatch_FollowsItFromTheNextReadingAndStopsItAtTheLimit()
    {
        using var stop = new CancellationTokenSource();
        var waits = 0;
        var watch = Watch(limit: 0.5m, wait: () =>
        {
            switch (++waits)
            {
                case 1:
                    KimiLogs.AddSession(_share, "/work/beta", "late", "Late", _clock.GetUtcNow().AddMinutes(-5), Call, Call, Call, Call, Call);
                    break;
                default:
                    stop.Cancel();
                    break;
            }
        });

        var exitCode = await watch.RunAsync(stop.Token);

        Assert.Equal(3, exitCode);
        Assert.Equal(1, waits);
        Assert.StartsWith("omk: following Kimi session sess-a (/work/alpha)\nomk: following Kimi session late (/work/beta)\nomk: limit exceeded: Kimi session late", _error.ToString(), StringComparison.Ordinal);
        var exceeded = Lines().Single(line => line.GetProperty("event").GetString() == "limit_exceeded");
        Assert.Equal("late", exceeded.GetProperty("session_id").GetString());
        Assert.Equal(0.675m, exceeded.GetProperty("spent_usd").GetDecimal());
    }

    [Fact]
    public async Task RunAsync_LogDatedInTheFuture_IsNeverTheLatest()
    {
        KimiLogs.AddSession(_share, "/work/clock-skew", "future", "Future", _clock.GetUtcNow().AddDays(1), Call);
        using var stop = new CancellationTokenSource();
        var waits = 0;
        var watch = Watch(limit: 0.5m, wait: () =>
        {
            if (++waits == 1)
            {
                KimiLogs.AddSession(_share, "/work/beta", "late", "Late", _clock.GetUtcNow().AddMinutes(-5), Call, Call, Call, Call, Call);
            }
            else
            {
                stop.Cancel();
            }
        });

        var exitCode = await watch.RunAsync(stop.Token);

        Assert.Equal(3, exitCode);
        Assert.DoesNotContain("future", _error.ToString(), StringComparison.Ordinal);
        Assert.DoesNotContain(Lines(), line => line.GetProperty("session_id").GetString() == "future");
        Assert.Equal("late", Lines()[^1].GetProperty("session_id").GetString());
    }

    [Fact]
    public async Task RunAsync_Budget_StopsAtWhatItLeavesAsOfEachReading()
    {
        var left = 10m;
        using var stop = new CancellationTokenSource();
        var waits = 0;
        var watch = Watch(limit: null, wait: () =>
        {
            if (++waits == 1)
            {
                left = 0.003m;
            }
            else
            {
                stop.Cancel();
            }
        }, budgetLeft: _ => Task.FromResult(left));

        var exitCode = await watch.RunAsync(stop.Token);

        Assert.Equal(3, exitCode);
        Assert.Equal(1, waits);
        Assert.Equal([10m, 0.003m], Lines().Select(static line => line.GetProperty("limit_usd").GetDecimal()));
    }

    [Fact]
    public async Task RunAsync_BudgetThatCountsTheFollowedSession_StopsWhenItLeavesNothingNotTwiceAsEarly()
    {
        // The budget counts what the followed session (sess-a, $0.003425) spent: $0.002 left is $0.005425 for the
        // session in all, which it has not reached; nothing left is its own spend, which it has.
        var left = 0.002m;
        using var stop = new CancellationTokenSource();
        var waits = 0;
        var watch = Watch(limit: null, wait: () =>
        {
            if (++waits == 1)
            {
                left = 0m;
            }
            else
            {
                stop.Cancel();
            }
        }, budgetLeft: _ => Task.FromResult(left), budgetCountsSessions: true);

        var exitCode = await watch.RunAsync(stop.Token);

        Assert.Equal(3, exitCode);
        Assert.Equal(1, waits);
        Assert.Equal([KimiLogs.CostUsd + 0.002m, KimiLogs.CostUsd], Lines().Select(static line => line.GetProperty("limit_usd").GetDecimal()));
    }

    private List<JsonElement> Lines() =>
        [.. _out.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(static line => JsonDocument.Parse(line).RootElement.Clone())];

    private KimiWatch Watch(decimal? limit, Action wait, Func<CancellationToken, Task<decimal>>? budgetLeft = null, bool budgetCountsSessions = false)
    {
        var options = new KimiUsageOptions { KimiCliRoot = _share, IncludeTitles = false };
        return new KimiWatch
        {
            Read = token => new KimiUsageReader(new System.IO.Abstractions.FileSystem(), options).Read(token),
            WaitForChange = token =>
            {
                wait();
                token.ThrowIfCancellationRequested();
                return Task.CompletedTask;
            },
            TimeProvider = _clock,
            Out = _out,
            Error = _error,
            Target = WatchTarget.Latest,
            LimitUsd = limit,
            BudgetLeft = budgetLeft,
            BudgetCountsSessions = budgetCountsSessions,
            Json = true,
        };
    }
}
