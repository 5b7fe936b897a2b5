using System.Globalization;

namespace Omk.Cli.Tests.Fixtures;

/// <summary>
/// Writes on the real disk a Kimi CLI share folder with a session, its <c>/fork</c> (one call of its own after the
/// copy) and its <c>/undo</c> (none), and a Kimi Code home with a session (a turn step with its <c>step.end</c>, a
/// full compaction of scope <c>session</c>, a call of an unpriced alias) and its fork. Every model call is priced
/// as kimi-for-coding after 2026-06-12, i.e. at kimi-k2.7-code's rates, except the 15 tokens of <c>k9</c>.
/// </summary>
internal static class KimiForkLogs
{
    public const string Source = "sess-source";
    public const string Fork = "sess-fork";
    public const string Undo = "sess-undo";
    public const string CodeSource = "ses_code";
    public const string CodeFork = "ses_code_fork";

    public static readonly DateTimeOffset Start = new(2026, 11, 20, 10, 0, 0, TimeSpan.Zero);

    public static void Write(string share, string codeHome)
    {
        const string Config = """
            default_model = "kimi-code/kimi-for-coding"
            [models."kimi-code/kimi-for-coding"]
            provider = "managed:kimi-code"
            model = "kimi-for-coding"
            [models."kimi-code/k9"]
            model = "k9"
            """;
        var t = Start.ToUnixTimeSeconds();
        string[] copied =
        [
            """{"type": "metadata", "protocol_version": "1.10"}""",
            KimiLogs.Line(t, """{"type": "TurnBegin", "payload": {"user_input": "go"}}"""),
            KimiLogs.Status(t + 10, 1000, 100, 8000, "m1"),
            KimiLogs.Line(t + 11, """{"type": "StepRetry", "payload": {}}"""),
            KimiLogs.Line(t + 12, """{"type": "BtwBegin", "payload": {}}"""),
            KimiLogs.Line(t + 13, """{"type": "BtwEnd", "payload": {}}"""),
            KimiLogs.Status(t + 40, 2000, 200, 9000, "m2"),
            KimiLogs.Line(t + 41, """{"type": "TurnEnd", "payload": {}}"""),
        ];
        var folder = Path.Combine(share, "sessions", KimiLogs.Md5("/work/app"));
        Session(Path.Combine(folder, Source), "Build", [.. copied, KimiLogs.Status(t + 100, 3000, 300, 10000, "m3")]);
        Session(Path.Combine(folder, Fork), "Fork: Build", [.. copied, KimiLogs.Status(t + 500, 400, 40, 1000, "f1")]);
        Session(Path.Combine(folder, Undo), "Undo: Build", copied);
        File.WriteAllText(Path.Combine(share, "config.toml"), Config);

        var ms = Start.AddHours(1).ToUnixTimeMilliseconds();
        string[] code =
        [
            string.Create(CultureInfo.InvariantCulture, $$"""{"type":"metadata","protocol_version":"1.4","created_at":{{ms}}}"""),
            Usage(ms + 1000, "kimi-code/kimi-for-coding", 5000, 500, 20000, "turn"),
            string.Create(CultureInfo.InvariantCulture, $$$"""{"type":"context.append_loop_event","event":{"type":"step.end","uuid":"u","turnId":"1","step":1,"usage":{"inputOther":5000,"output":500,"inputCacheRead":20000,"inputCacheCreation":0}},"time":{{{ms + 1001}}}}"""),
            string.Create(CultureInfo.InvariantCulture, $$"""{"type":"full_compaction.begin","time":{{ms + 2000}}}"""),
            Usage(ms + 3000, "kimi-code/kimi-for-coding", 30000, 1000, 0, "session"),
            string.Create(CultureInfo.InvariantCulture, $$"""{"type":"full_compaction.complete","time":{{ms + 3001}}}"""),
            Usage(ms + 4000, "kimi-code/k9", 10, 5, 0, "turn"),
        ];
        Agent(codeHome, CodeSource, code, null);
        Agent(codeHome, CodeFork, [.. code, string.Create(CultureInfo.InvariantCulture, $$"""{"type":"forked","time":{{ms + 9000}}}"""), Usage(ms + 10000, "kimi-code/kimi-for-coding", 600, 60, 2000, "turn")], CodeSource);
        File.WriteAllText(Path.Combine(codeHome, "config.toml"), Config);
    }

    private static void Session(string directory, string title, string[] lines)
    {
        Directory.CreateDirectory(directory);
        File.WriteAllText(Path.Combine(directory, "wire.jsonl"), string.Join('\n', lines) + "\n");
        File.WriteAllText(Path.Combine(directory, "state.json"), $$"""{"custom_title": "{{title}}", "archived": false}""");
    }

    private static void Agent(string home, string session, string[] lines, string? forkedFrom)
    {
        var directory = Path.Combine(home, "sessions", "wd_app_1", session);
        Directory.CreateDirectory(Path.Combine(directory, "agents", "main"));
        File.WriteAllText(Path.Combine(directory, "agents", "main", "wire.jsonl"), string.Join('\n', lines) + "\n");
        File.WriteAllText(Path.Combine(directory, "state.json"), forkedFrom is null ? """{"workDir": "/work/app"}""" : $$"""{"workDir": "/work/app", "forkedFrom": "{{forkedFrom}}"}""");
    }

    private static string Usage(long ms, string model, ulong inputOther, ulong output, ulong cacheRead, string scope) => string.Create(
        CultureInfo.InvariantCulture,
        $$$"""{"type":"usage.record","model":"{{{model}}}","usage":{"inputOther":{{{inputOther}}},"output":{{{output}}},"inputCacheRead":{{{cacheRead}}},"inputCacheCreation":0},"usageScope":"{{{scope}}}","time":{{{ms}}}}""");
}
