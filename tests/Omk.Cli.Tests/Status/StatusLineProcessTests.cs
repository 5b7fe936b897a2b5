using Omk.Cli.Tests.Fixtures;

namespace Omk.Cli.Tests.Status;

/// <summary>
/// <c>omk cost status</c> as a real process with what Kimi Code, a prompt or a terminal gives it on standard input: it
/// reads a document that is there, and never waits for one that does not come.
/// </summary>
public sealed class StatusLineProcessTests : IDisposable
{
    private readonly TempFolder _folder = new();
    private readonly OmkProcess _omk;
    private readonly Dictionary<string, string> _variables;

    public StatusLineProcessTests()
    {
        var code = _folder.Folder("kimi-code");
        var wire = Path.Combine(code, "sessions", "ws", "code-1", "agents", "main", "wire.jsonl");
        Directory.CreateDirectory(Path.GetDirectoryName(wire)!);
        var now = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds();
        File.WriteAllText(wire, $$"""{"type":"usage.record","model":"kimi-k2.6","usage":{"inputOther":100000,"output":10000,"inputCacheRead":0,"inputCacheCreation":0},"usageScope":"turn","time":{{now}}}""" + "\n");
        _variables = new Dictionary<string, string>
        {
            ["HOME"] = _folder.Folder("home"),
            ["KIMI_CODE_HOME"] = code,
            ["KIMI_SHARE_DIR"] = _folder.Combine("kimi"),
            ["OMK_STATE_DIR"] = _folder.Combine("state"),
            ["OMK_TZ"] = "UTC",
        };
        _omk = new OmkProcess(_variables["HOME"]);
        foreach (var (name, value) in _variables)
        {
            _omk.Environment[name] = value;
        }
    }

    public void Dispose() => _folder.Dispose();

    [Fact]
    public async Task Status_DocumentWrittenAndClosed_ShowsThatSessionsSpend()
    {
        using var running = _omk.StartWithInput("cost", "status");
        await running.Input.WriteAsync("""{"sessionId": "code-1", "model": "kimi-k2.6", "cwd": "/work/shop"}""");
        running.Input.Close();

        var result = await running.WaitAsync();

        Assert.Equal(0, result.ExitCode);
        Assert.StartsWith("omk kimi $0.14 this session · ", result.Out, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Status_InputPipeLeftOpenAndEmpty_DoesNotWaitForIt()
    {
        using var running = _omk.StartWithInput("cost", "status");

        // Nothing is written and the pipe stays open: omk must answer while it is still open.
        var result = await running.WaitAsync();

        Assert.Equal(0, result.ExitCode);
        Assert.StartsWith("omk $0.14 today · ", result.Out, StringComparison.Ordinal);
        running.Input.Close();
    }

    [Fact]
    public async Task Status_TerminalOnStandardInput_DoesNotWaitForIt()
    {
        var output = await PseudoTerminal.RunAsync(_variables, "cost", "status", "--no-color");

        Assert.Contains("omk $0.14 today · $0.14 month · kimi live $0.14", output, StringComparison.Ordinal);
        Assert.DoesNotContain("this session", output, StringComparison.Ordinal);
    }
}
