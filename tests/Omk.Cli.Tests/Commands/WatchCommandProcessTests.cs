using System.Diagnostics;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Omk.Cli.Tests.Fixtures;

namespace Omk.Cli.Tests.Commands;

/// <summary>
/// <c>omk cost watch kimi</c> as a real process, while this test writes to a live Kimi CLI session (its own log and a
/// subagent's, the subagent's calls also wrapped in the parent's log, as Kimi CLI does) and a Kimi Code agent's log,
/// line by line, as Kimi does. It proves what the watch shows and when it stops by the order of events (a line shows a
/// call only after the call was written, the limit is crossed only once the crossing line is complete), never by how
/// long a busy machine takes: that the poll keeps one interval is <c>LogChangeSignalTests</c>' (a fake clock), and how
/// soon a live run is stopped is measured by <c>bench/run-overshoot.sh</c> (docs/performance-kimi.md). It runs alone
/// among this project's tests, which would otherwise take the two cores its timing writes need.
/// </summary>
[Collection(nameof(TimedProcessCollection))]
public sealed class WatchCommandProcessTests : IDisposable
{
    /// <summary>The poll interval given to the watch.</summary>
    private static readonly TimeSpan Interval = TimeSpan.FromSeconds(1);

    /// <summary>How long the test waits for a line before it fails as hung: minutes, whatever the machine's load.</summary>
    private static readonly TimeSpan HangGuard = TimeSpan.FromMinutes(2);

    /// <summary>What one call below costs at kimi-k2.6's prices: 100 000 × $0.95 + 10 000 × $4 per million.</summary>
    private const decimal CallUsd = 0.135m;

    private readonly TempFolder _folder = new();
    private readonly string _share;
    private readonly string _code;
    private readonly string _cliWire;
    private readonly string _subagentWire;
    private readonly string _codeWire;
    private readonly Dictionary<string, string> _variables;
    private int _calls;

    public WatchCommandProcessTests()
    {
        _share = _folder.Folder("kimi");
        _code = _folder.Folder("kimi-code");
        FakeKimiAgent.WriteConfig(_share);
        var session = Path.Combine(_share, "sessions", Convert.ToHexStringLower(MD5.HashData("/work/live"u8)), "live-1");
        _cliWire = Path.Combine(session, "wire.jsonl");
        _subagentWire = Path.Combine(session, "subagents", "agent-a", "wire.jsonl");
        _codeWire = Path.Combine(_code, "sessions", "ws", "code-1", "agents", "main", "wire.jsonl");
        Append(_cliWire, "{\"type\": \"metadata\", \"protocol_version\": \"1.10\"}\n");
        _variables = new Dictionary<string, string>
        {
            ["KIMI_SHARE_DIR"] = _share,
            ["KIMI_CODE_HOME"] = _code,
            ["OMK_STATE_DIR"] = Path.Combine(_folder.Path, "state"),
        };
    }

    [Fact]
    public async Task Watch_WriterAppendsCalls_SeesEachAfterItIsWrittenAndStopsAtTheLimitOnce()
    {
        var ran = Path.Combine(_folder.Path, "ran.txt");
        WriteCliCall();
        using var watch = new LiveOmk(
            _folder.Folder("home"),
            _variables,
            "cost", "watch", "kimi", "--all-active", "--json", "--interval", "1s", "--limit", "1",
            "--on-exceed", $"echo \"$OMK_SESSION_ID $OMK_SPENT_USD $OMK_LIMIT_USD\" >> '{ran}'");
        await watch.NextAsync(line => Total(line) == 1, HangGuard);

        // Calls 2 to 7 in turn from the three writers; each shows, in a reading taken after it was written.
        var writers = new Action[] { WriteSubagentCall, WriteCodeCall, WriteCliCall, WriteSubagentCall, WriteCodeCall, WriteCliCall };
        foreach (var write in writers)
        {
            await Task.Delay(300);
            var written = DateTimeOffset.UtcNow;
            write();
            var expected = _calls;
            var (_, seen) = await watch.NextAsync(line => Total(line) == expected, HangGuard);
            AssertReadAfter(written, seen, watch);
        }

        // A line being written is not counted until it is complete.
        var half = CliLine(++_calls);
        Append(_cliWire, half[..(half.Length / 2)]);
        await Task.Delay(Interval * 2);
        var crossed = DateTimeOffset.UtcNow;
        Append(_cliWire, half[(half.Length / 2)..]);
        var (_, exceeded) = await watch.NextAsync(line => line.GetProperty("event").GetString() == "limit_exceeded", HangGuard);
        var (exitCode, error) = await watch.ExitAsync(HangGuard);

        AssertReadAfter(crossed, exceeded, watch);
        Assert.Equal(3, exitCode);
        Assert.Equal(8 * CallUsd, exceeded.GetProperty("total_spent_usd").GetDecimal());
        Assert.Equal(0, exceeded.GetProperty("on_exceed_exit_status").GetInt32());
        Assert.Contains("limit exceeded", error, StringComparison.Ordinal);
        var run = Assert.Single(File.ReadAllLines(ran));
        var parts = run.Split(' ');
        Assert.Equal(["code-1", "live-1"], parts[0].Split(',').Order(StringComparer.Ordinal));
        Assert.Equal(8 * CallUsd, decimal.Parse(parts[1], CultureInfo.InvariantCulture));
        Assert.Equal(1m, decimal.Parse(parts[2], CultureInfo.InvariantCulture));
    }

    [Fact]
    public async Task Watch_Interrupted_ExitsWith130AfterASummary()
    {
        WriteCliCall();
        using var watch = new LiveOmk(_folder.Folder("home"), _variables, "cost", "watch", "kimi", "--session", "live-1", "--json", "--interval", "1s");
        await watch.NextAsync(line => line.GetProperty("event").GetString() == "reading", HangGuard);

        using (var kill = Process.Start("kill", ["-INT", watch.Id.ToString(CultureInfo.InvariantCulture)]))
        {
            await kill.WaitForExitAsync();
        }

        var (_, stopped) = await watch.NextAsync(line => line.GetProperty("event").GetString() == "stopped", HangGuard);
        var (exitCode, _) = await watch.ExitAsync(HangGuard);

        Assert.Equal(130, exitCode);
        Assert.Equal(1, stopped.GetProperty("calls").GetInt32());
    }

    public void Dispose() => _folder.Dispose();

    /// <summary>
    /// Asserts that the watch read what a line shows (its <c>time</c>, taken once the logs were read) after
    /// <paramref name="written"/>: the line counts what was written then, not less; the message holds every line with
    /// the time it arrived.
    /// </summary>
    private static void AssertReadAfter(DateTimeOffset written, JsonElement line, LiveOmk watch)
    {
        var read = DateTimeOffset.Parse(line.GetProperty("time").GetString()!, CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind);
        Assert.True(read >= written, $"written at {written:HH:mm:ss.fff}, shown by a reading at {read:HH:mm:ss.fff}; the lines:\n{watch.Transcript}");
    }

    private static int Total(JsonElement line) => line.GetProperty("event").GetString() == "reading" ? SumOfCalls(line) : -1;

    /// <summary>The total of the calls, from the total spend, since each line is of one session.</summary>
    private static int SumOfCalls(JsonElement line) => (int)(line.GetProperty("total_spent_usd").GetDecimal() / CallUsd);

    private static void Append(string path, string text)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        using var stream = new FileStream(path, FileMode.Append, FileAccess.Write, FileShare.ReadWrite);
        stream.Write(Encoding.UTF8.GetBytes(text));
    }

    private static string Seconds() => (DateTimeOffset.UtcNow.ToUnixTimeMilliseconds() / 1000m).ToString("0.000", CultureInfo.InvariantCulture);

    private static string CliLine(int call) =>
        $$$$"""{"timestamp": {{{{Seconds()}}}}, "message": {"type": "StatusUpdate", "payload": {"context_usage": 0.1, "token_usage": {"input_other": 100000, "output": 10000, "input_cache_read": 0, "input_cache_creation": 0}, "message_id": "m{{{{call}}}}", "plan_mode": false}}}""" + "\n";

    private void WriteCliCall() => Append(_cliWire, CliLine(++_calls));

    private void WriteSubagentCall()
    {
        var call = ++_calls;
        var status = $$$$"""{"type": "StatusUpdate", "payload": {"context_usage": 0.1, "token_usage": {"input_other": 100000, "output": 10000, "input_cache_read": 0, "input_cache_creation": 0}, "message_id": "sub{{{{call}}}}", "plan_mode": false}}""";
        Append(_subagentWire, $$$$"""{"timestamp": {{{{Seconds()}}}}, "message": {{{{status}}}}}""" + "\n");
        Append(_cliWire, $$$$"""{"timestamp": {{{{Seconds()}}}}, "message": {"type": "SubagentEvent", "payload": {"parent_tool_call_id": "c1", "agent_id": "agent-a", "subagent_type": "coder", "event": {{{{status}}}}}}}""" + "\n");
    }

    private void WriteCodeCall() => Append(
        _codeWire,
        $$$$"""{"type":"usage.record","model":"kimi-k2.6","usage":{"inputOther":100000,"output":10000,"inputCacheRead":0,"inputCacheCreation":0},"usageScope":"turn","time":{{{{DateTimeOffset.UtcNow.ToUnixTimeMilliseconds() + (++_calls)}}}}}""" + "\n");
}
