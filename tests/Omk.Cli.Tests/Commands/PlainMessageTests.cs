using Microsoft.Extensions.Time.Testing;
using Omk.Cli.Tests.Fixtures;
using Omk.Cli.Watch;
using Omk.Cost.Adapters.Kimi;
using Omk.Cost.Adapters.Kimi.Caching;
using Omk.Cost.Adapters.Kimi.Reading;

namespace Omk.Cli.Tests.Commands;

/// <summary>Messages that say plainly what went wrong, and what to do, where a command said too little.</summary>
public sealed class PlainMessageTests : IDisposable
{
    private readonly CliRunner _omk = new();

    [Fact]
    public async Task ReleaseOfAnUnknownId_NamesTheReservationsFile()
    {
        var result = await _omk.RunAsync("cost", "release", "r0000000000000000");

        Assert.Equal(1, result.ExitCode);
        Assert.StartsWith($"omk: there is no reservation r0000000000000000 in {Path.Combine(_omk.StateDirectory, "reservations.json")} ", result.Error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("150")]
    [InlineData("0")]
    public async Task WarnAtOutOfRange_NamesTheRange(string percent)
    {
        var result = await _omk.RunAsync("cost", "budget", "set", "monthly", "--limit", "100", "--period", "month", "--warn-at", percent);

        Assert.Equal(2, result.ExitCode);
        Assert.StartsWith($"omk: --warn-at must be a percentage above 0 and at most 100, such as 80, not '{percent}'", result.Error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("cost")]
    [InlineData("estimate", "cost")]
    public async Task OmkAlone_PrintsTheHelp(string listed, params string[] args)
    {
        var result = await _omk.RunAsync(args);

        Assert.Equal(0, result.ExitCode);
        Assert.Contains("Usage:", result.Out, StringComparison.Ordinal);
        Assert.Contains($"  {listed} ", result.Out, StringComparison.Ordinal);
        Assert.Empty(result.Error);
    }

    [Fact]
    public async Task StatusJson_PercentAsBudgetCheckGivesIt()
    {
        _omk.WriteCostsFile("""
            [{"session_type": "team", "name": "n", "started_at": "2026-11-20T09:00:00Z", "ended_at": null,
              "estimate": {"input_tokens": 1, "output_tokens": 1, "duration_secs": 0, "worker_count": 1, "estimated_usd": 41.80, "tier": "Standard"}, "actual_usd": null}]
            """);
        File.WriteAllText(Path.Combine(_omk.StateDirectory, "budgets.json"), """
            {"budgets": [{"name": "monthly", "limit_usd": 50, "period": "month", "time_zone": "UTC"}]}
            """);

        var status = (await _omk.RunAsync("cost", "status", "--json")).Json();
        var check = (await _omk.RunAsync("cost", "budget", "check", "--json")).Json();

        Assert.Equal(83.6m, status.GetProperty("percent").GetDecimal());
        Assert.Equal(check.GetProperty("budgets")[0].GetProperty("percent").GetRawText(), status.GetProperty("percent").GetRawText());
    }

    [Fact]
    public async Task StatusThatCannotAnswer_PrintsTheMarkerAndItsJsonSaysWhy()
    {
        _omk.WriteCostsFile("{ not a history");

        var line = await _omk.RunAsync("cost", "status");
        var json = await _omk.RunAsync("cost", "status", "--json");

        Assert.Equal("omk ?\n", line.Out);
        Assert.Equal(0, json.ExitCode);
        Assert.Equal("omk ?", json.Json().GetProperty("status").GetString());
        Assert.Contains("costs.json", json.Json().GetProperty("error").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task WatchOfASessionThatDoesNotExist_SaysSoAtTheFirstReading()
    {
        using var folder = new TempFolder();
        var share = folder.Folder("kimi");
        KimiLogs.Write(share);
        var fileSystem = new System.IO.Abstractions.FileSystem();
        using var error = new StringWriter();
        using var stop = new CancellationTokenSource();
        var watch = new KimiWatch
        {
            Read = token => new KimiUsageReader(fileSystem, new KimiUsageOptions { KimiCliRoot = share, IncludeTitles = false }).Read(token),
            WaitForChange = _ =>
            {
                // One interval: the first wait ends the watch, so what it said came before it.
                stop.Cancel();
                return Task.FromCanceled(stop.Token);
            },
            TimeProvider = new FakeTimeProvider(KimiLogs.Start),
            TimeZone = TimeZoneInfo.Utc,
            Out = TextWriter.Null,
            Error = error,
            Target = WatchTarget.Session,
            SessionId = "no-such-session",
            SessionExists = id => Omk.Cli.Commands.WatchCommand.SessionFolderExists(fileSystem, share, id),
            Logs = share,
            Json = true,
        };

        await watch.RunAsync(stop.Token);

        Assert.StartsWith($"omk: there is no Kimi session no-such-session in {share}; waiting for it to start\n", error.ToString(), StringComparison.Ordinal);
        Assert.True(Omk.Cli.Commands.WatchCommand.SessionFolderExists(fileSystem, share, "sess-a"));
    }

    public void Dispose() => _omk.Dispose();
}
