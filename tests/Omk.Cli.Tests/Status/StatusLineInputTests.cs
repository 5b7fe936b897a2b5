using Omk.Cli.Tests.Fixtures;

namespace Omk.Cli.Tests.Status;

/// <summary>
/// <c>omk cost status</c> as Kimi Code's status-line command: the JSON document on standard input names the session
/// whose spend leads the line; a terminal on standard input is never read, and input that is not the document changes
/// nothing.
/// </summary>
public sealed class StatusLineInputTests : IDisposable
{
    private const string Document = """{"sessionId": "sess-a", "model": "kimi-code/kimi-for-coding", "cwd": "/work/alpha", "version": "2.1.0"}""";

    private readonly CliRunner _omk = new();

    public StatusLineInputTests()
    {
        _omk.Variables["OMK_TZ"] = "UTC";
        var share = _omk.Folder.Folder("kimi");
        KimiLogs.Write(share);
        _omk.Variables["KIMI_SHARE_DIR"] = share;
        _omk.Clock.SetUtcNow(KimiLogs.Start.AddMinutes(10));
    }

    public void Dispose() => _omk.Dispose();

    [Fact]
    public async Task Status_KimiCodeDocumentOnStandardInput_LeadsWithThatSessionsSpend()
    {
        _omk.Input = Document;

        var result = await _omk.RunAsync("cost", "status");

        Assert.Equal(0, result.ExitCode);
        Assert.Equal("omk kimi $0.0034 this session · $0.0034 today · $0.0034 month · kimi live $0.0034\n", result.Out);
    }

    [Fact]
    public async Task Status_KimiCodeDocumentOnStandardInput_JsonAndTemplateGiveTheSession()
    {
        _omk.Input = Document;
        var json = (await _omk.RunAsync("cost", "status", "--json")).Json();
        _omk.Input = Document;
        var line = await _omk.RunAsync("cost", "status", "--format", "{session_id} {session}");

        Assert.Equal("sess-a", json.GetProperty("session_id").GetString());
        Assert.Equal(KimiLogs.CostUsd, json.GetProperty("session_usd").GetDecimal());
        Assert.Equal("sess-a $0.0034\n", line.Out);
    }

    [Fact]
    public async Task Status_SessionNotYetLogged_ShowsNothingSpentInIt()
    {
        _omk.Input = """{"sessionId": "new-one", "model": "k3", "cwd": "/work/beta"}""";

        var result = await _omk.RunAsync("cost", "status");

        Assert.StartsWith("omk kimi $0.00 this session · ", result.Out, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Status_TerminalOnStandardInput_IsNotRead()
    {
        _omk.InputIsTerminal = true;
        _omk.Input = Document;

        var result = await _omk.RunAsync("cost", "status");

        Assert.Equal("omk $0.0034 today · $0.0034 month · kimi live $0.0034\n", result.Out);
    }

    [Theory]
    [InlineData("")]
    [InlineData("not json")]
    [InlineData("[1, 2]")]
    [InlineData("""{"sessionId": 7}""")]
    [InlineData("""{"sessionId": "sess-a" """)]
    public async Task Status_InputThatIsNotTheDocument_ChangesNothing(string input)
    {
        _omk.Input = input;

        var result = await _omk.RunAsync("cost", "status");

        Assert.Equal(0, result.ExitCode);
        Assert.Equal("omk $0.0034 today · $0.0034 month · kimi live $0.0034\n", result.Out);
    }

    [Fact]
    public async Task Status_SessionOption_WinsOverStandardInputAndNoInputIgnoresIt()
    {
        _omk.Input = """{"sessionId": "other"}""";
        var given = await _omk.RunAsync("cost", "status", "--session", "sess-a", "--format", "{session_id}");
        _omk.Input = Document;
        var ignored = await _omk.RunAsync("cost", "status", "--no-input", "--format", "[{session_id}]");

        Assert.Equal("sess-a\n", given.Out);
        Assert.Equal("[]\n", ignored.Out);
    }
}
