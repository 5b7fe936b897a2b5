using Microsoft.Extensions.Time.Testing;
using Omk.Cli.Watch;
using Omk.Cost.Adapters.Kimi;
using Omk.Cost.Adapters.Kimi.Pricing;
using Omk.Cost.Adapters.Kimi.Reading;

namespace Omk.Cli.Tests.Watch;

/// <summary>The watch loop with a scripted sequence of reads of a real (small) Kimi tree and a fake clock.</summary>
public sealed class KimiWatchTests : IDisposable
{
    private readonly TempFolder _folder = new();
    private readonly FakeTimeProvider _clock = new(Fixtures.KimiLogs.Start.AddMinutes(5));
    private readonly StringWriter _out = new();
    private readonly StringWriter _error = new();
    private readonly KimiUsageOptions _options;

    public KimiWatchTests()
    {
        var share = _folder.Folder("kimi");
        Fixtures.KimiLogs.Write(share);
        _options = new KimiUsageOptions { KimiCliRoot = share, IncludeTitles = false };
    }

    [Fact]
    public async Task RunAsync_Terminal_DrawsTheBlockAndRedrawsItInPlace()
    {
        using var stop = new CancellationTokenSource();
        var waits = 0;
        var watch = Watch(json: false, limit: null, wait: _ =>
        {
            if (++waits == 2)
            {
                stop.Cancel();
            }

            return Task.CompletedTask;
        });

        var exitCode = await watch.RunAsync(stop.Token);

        var text = _out.ToString();
        Assert.Equal(130, exitCode);
        Assert.Contains("spent $0.0034 in 2 calls", text, StringComparison.Ordinal);
        Assert.Contains("tokens: input 1,500 · cache read 5,000 · cache write 0 · output 300", text, StringComparison.Ordinal);
        Assert.Contains("\u001b[5F\u001b[J", text, StringComparison.Ordinal);
        Assert.EndsWith("watch stopped: 1 session spent $0.0034\n", text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task RunAsync_Terminal_HeaderShowsTheWallTimeOfTheZone()
    {
        using var stop = new CancellationTokenSource();
        var watch = new KimiWatch
        {
            Read = token => new KimiUsageReader(new System.IO.Abstractions.FileSystem(), _options).Read(token),
            WaitForChange = _ =>
            {
                stop.Cancel();
                return Task.FromCanceled(stop.Token);
            },
            TimeProvider = _clock,
            TimeZone = TimeZoneInfo.FindSystemTimeZoneById("Asia/Shanghai"),
            Out = _out,
            Error = _error,
            Target = WatchTarget.Latest,
            Json = false,
        };

        await watch.RunAsync(stop.Token);

        Assert.StartsWith("omk watch kimi · 18:05:00 · 1 session · spent $0.0034", _out.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task RunAsync_AlreadyOverTheLimit_SaysSoAndExitsThreeWithoutWaiting()
    {
        var watch = Watch(json: false, limit: 0.001m, wait: _ => throw new InvalidOperationException("must not wait"));

        var exitCode = await watch.RunAsync(CancellationToken.None);

        Assert.Equal(3, exitCode);
        Assert.Contains("LIMIT REACHED: spent $0.0034 of $0.0010 (Kimi session sess-a)", _out.ToString(), StringComparison.Ordinal);
        Assert.Contains("omk: limit exceeded", _error.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task RunAsync_Json_GivesTheTimeWithTheOffsetOfTheZone()
    {
        var zone = TimeZoneInfo.FindSystemTimeZoneById("Asia/Shanghai");
        var watch = Watch(json: true, limit: 0.001m, wait: _ => throw new InvalidOperationException("must not wait"), zone: zone);

        var exitCode = await watch.RunAsync(CancellationToken.None);

        Assert.Equal(3, exitCode);
        var lines = _out.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(["reading", "limit_exceeded"], lines.Select(line => System.Text.Json.JsonDocument.Parse(line).RootElement.GetProperty("event").GetString()));
        Assert.All(lines, line => Assert.Contains("\"time\":\"2026-11-20T18:05:00+08:00\",", line, StringComparison.Ordinal));
        Assert.All(lines, line => Assert.Contains("\"project\":\"/work/alpha\",", line, StringComparison.Ordinal));
    }

    [Fact]
    public async Task RunAsync_SpendOverALimitThatLooksTheSame_LimitLinesTellThemApart()
    {
        // The session spent $0.003425 (1 500 input tokens at $0.95/M, 5 000 read from the cache at $0.16/M, 300
        // output at $4/M): $0.0034 at four decimals, like the limit.
        var watch = Watch(json: false, limit: 0.0034m, wait: _ => throw new InvalidOperationException("must not wait"));

        var exitCode = await watch.RunAsync(CancellationToken.None);

        Assert.Equal(3, exitCode);
        Assert.StartsWith("omk watch kimi · 10:05:00 · 1 session · spent $0.003425 of $0.0034 (100%)\n", _out.ToString(), StringComparison.Ordinal);
        Assert.Contains("LIMIT REACHED: spent $0.003425 of $0.0034 (Kimi session sess-a)", _out.ToString(), StringComparison.Ordinal);
        Assert.Contains("omk: limit exceeded: Kimi session sess-a spent $0.003425 of $0.0034\n", _error.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task RunAsync_UnknownSession_SaysItWaitsOnce()
    {
        using var stop = new CancellationTokenSource();
        var waits = 0;
        var watch = Watch(json: true, limit: null, wait: _ =>
        {
            if (++waits == 3)
            {
                stop.Cancel();
            }

            return Task.CompletedTask;
        }, target: WatchTarget.Session, session: "nope");

        await watch.RunAsync(stop.Token);

        Assert.Equal("omk: waiting for Kimi session nope to make a model call\n", _error.ToString());
        Assert.Empty(_out.ToString());
    }

    public void Dispose()
    {
        _out.Dispose();
        _error.Dispose();
        _folder.Dispose();
    }

    private KimiWatch Watch(bool json, decimal? limit, Func<CancellationToken, Task> wait, WatchTarget target = WatchTarget.Latest, string? session = null, TimeZoneInfo? zone = null) => new()
    {
        TimeZone = zone ?? TimeZoneInfo.Utc,
        Read = token => new KimiUsageReader(new System.IO.Abstractions.FileSystem(), _options).Read(token),
        WaitForChange = token =>
        {
            token.ThrowIfCancellationRequested();
            var task = wait(token);
            token.ThrowIfCancellationRequested();
            return task;
        },
        TimeProvider = _clock,
        Out = _out,
        Error = _error,
        Target = target,
        SessionId = session,
        LimitUsd = limit,
        Json = json,
    };
}
