using System.Runtime.Versioning;
using System.Text.Json;
using Omk.Cli.Tests.Fixtures;

namespace Omk.Cli.Tests;

/// <summary>
/// Text from Kimi's logs and from a ledger that would drive a terminal (ESC, OSC 0 that sets the window title, OSC 52
/// that writes the clipboard, ESC[2J that clears the screen, CR LF that fakes a row) is shown, escaped, by every command
/// that prints it, on a real pseudo-terminal; JSON keeps it exact; CSV makes a formula text.
/// </summary>
[UnsupportedOSPlatform("windows")]
public sealed class HostileTextTests : IDisposable
{
    /// <summary>Every escape at once: the window title, the clipboard (a command in base64), a cleared screen, red, a fake row.</summary>
    private const string Hostile = "\u001b]0;pwned\u0007\u001b]52;c;cm0gLXJmIH4K\u0007\u001b[2J\u001b[31mred\r\nfake row";

    /// <summary>How <see cref="Hostile"/> is shown.</summary>
    private const string Shown = "\\e]0;pwned\\x07\\e]52;c;cm0gLXJmIH4K\\x07\\e[2J\\e[31mred\u23cefake row";

    private const string SessionId = "sess-\u001b[2J";
    private const string ShownSessionId = "sess-\\e[2J";
    private const string Project = "/work/\u001b]0;title\u0007";
    private const string ShownProject = "/work/\\e]0;title\\x07";

    private readonly TempFolder _folder = new();
    private readonly string _state;
    private readonly Dictionary<string, string> _variables;

    public HostileTextTests()
    {
        _state = _folder.Folder("state");
        var share = _folder.Path + "/share";
        KimiLogs.Write(share);
        KimiLogs.AddSession(share, Project, SessionId, Hostile, DateTimeOffset.UtcNow.AddMinutes(-2), (1000, 100, 0), (2000, 200, 0));
        _variables = new Dictionary<string, string>
        {
            ["HOME"] = _folder.Folder("home"),
            ["OMK_STATE_DIR"] = _state,
            ["KIMI_SHARE_DIR"] = share,
            ["NO_COLOR"] = "1",
            ["OMK_TZ"] = "UTC",
        };
    }

    public void Dispose() => _folder.Dispose();

    [Fact]
    public async Task UsageKimiBySession_OnATerminal_ShowsTheTitleProjectAndIdEscaped()
    {
        var screen = await PseudoTerminal.RunAsync(_variables, "cost", "usage", "kimi", "--by", "session");

        AssertNothingHidden(screen);
        var row = Assert.Single(screen.Split('\n'), line => line.Contains(ShownSessionId, StringComparison.Ordinal));
        Assert.Contains(Shown, row, StringComparison.Ordinal);
        Assert.Contains(ShownProject, row, StringComparison.Ordinal);
    }

    [Fact]
    public async Task UsageKimiByProject_OnATerminal_ShowsTheProjectEscaped()
    {
        var screen = await PseudoTerminal.RunAsync(_variables, "cost", "usage", "kimi", "--by", "project");

        AssertNothingHidden(screen);
        Assert.Contains(screen.Split('\n'), line => line.TrimStart().StartsWith(ShownProject + " ", StringComparison.Ordinal));
    }

    [Fact]
    public async Task UsageKimiCsv_ShowsTheTitleEscapedInOneRow()
    {
        var csv = (await Process().RunAsync("cost", "usage", "kimi", "--by", "session", "--csv")).Out;

        // Rows end with CR LF (RFC 4180): the CSV's own, the only CRs in it.
        var rows = csv.Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        AssertNothingHidden(string.Join('\n', rows));
        Assert.Equal(3, rows.Length);
        Assert.Contains(rows, row => row.Contains($",{Shown},", StringComparison.Ordinal));
    }

    [Fact]
    public async Task UsageKimiJson_KeepsTheExactText()
    {
        var omk = Process();

        var json = (await omk.RunAsync("cost", "usage", "kimi", "--by", "session", "--json")).Json();

        var titles = json.GetProperty("groups").EnumerateArray().Select(static group => group.GetProperty("title").GetString());
        Assert.Contains(Hostile, titles);
    }

    [Fact]
    public async Task WatchKimi_OnATerminal_ShowsTheSessionAndProjectEscaped()
    {
        var screen = await PseudoTerminal.RunAsync(_variables, "cost", "watch", "kimi", "--limit", "0.0001");

        AssertNothingHidden(screen);
        Assert.Contains($"\n  {ShownSessionId}  {ShownProject}\n", screen, StringComparison.Ordinal);
        Assert.Contains($"of $0.0001 (Kimi session {ShownSessionId})", screen, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Status_OnATerminal_PrintsNoHiddenCharacter()
    {
        await File.WriteAllTextAsync(Path.Combine(_state, "costs.json"), Ledger(Hostile));

        var screen = await PseudoTerminal.RunAsync(_variables, "cost", "status", "--format", "{line} {period_name}");

        AssertNothingHidden(screen);
        Assert.StartsWith("omk $", screen, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("--by", "name")]
    [InlineData("--by", "type")]
    public async Task Report_OnATerminal_ShowsAStoredNameEscaped(string by, string grouping)
    {
        await File.WriteAllTextAsync(Path.Combine(_state, "costs.json"), Ledger(Hostile));

        // The Rust omk's reference text; the table is checked below.
        var screen = await PseudoTerminal.RunAsync(_variables, "cost", "report", by, grouping, "--format", "reference");

        AssertNothingHidden(screen);
        Assert.Contains("  " + Shown + " ", screen, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Report_TableWithActualCosts_ShowsAStoredNameEscaped()
    {
        await File.WriteAllTextAsync(Path.Combine(_state, "costs.json"), Ledger(Hostile, actualUsd: 1.5m));

        var screen = await PseudoTerminal.RunAsync(_variables, "cost", "report", "--by", "name");

        AssertNothingHidden(screen);
        Assert.Contains(screen.Split('\n'), line => line.TrimStart().StartsWith(Shown + " ", StringComparison.Ordinal));
    }

    [Fact]
    public async Task ReportCsv_FormulasAreMadeTextAndNumbersStayNumbers()
    {
        string[] names = ["=HYPERLINK(\"http://x\")", "+1+2", "-2+3", "@SUM(A1)", "\tx", "-5", "plain"];
        await File.WriteAllTextAsync(Path.Combine(_state, "costs.json"), Ledger(names));
        var omk = Process();

        var csv = (await omk.RunAsync("cost", "report", "--by", "name", "--csv")).Out;

        var cells = csv.Split("\r\n", StringSplitOptions.RemoveEmptyEntries).Skip(1).ToList();
        Assert.Contains(cells, row => row.StartsWith("\"'=HYPERLINK(\"\"http://x\"\")\",", StringComparison.Ordinal));
        Assert.Contains(cells, row => row.StartsWith("'+1+2,", StringComparison.Ordinal));
        Assert.Contains(cells, row => row.StartsWith("'-2+3,", StringComparison.Ordinal));
        Assert.Contains(cells, row => row.StartsWith("'@SUM(A1),", StringComparison.Ordinal));
        Assert.Contains(cells, row => row.StartsWith("'\\tx,", StringComparison.Ordinal));
        Assert.Contains(cells, row => row.StartsWith("-5,", StringComparison.Ordinal));
        Assert.Contains(cells, row => row.StartsWith("plain,", StringComparison.Ordinal));
    }

    [Fact]
    public async Task CsvHelp_SaysHowFormulasAreNeutralised()
    {
        var help = (await Process().RunAsync("cost", "report", "--help")).Out;

        Assert.Contains("A text cell that a spreadsheet would take for a formula (it starts with =, +, -, @, a tab or a CR) gets a leading '", help, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ImportKimi_TitleWithControlCharacters_IsStoredAsItIsShownAndReportedSo()
    {
        var import = await Process().RunAsync("cost", "import", "kimi");

        Assert.Equal(0, import.ExitCode);
        using var history = JsonDocument.Parse(await File.ReadAllTextAsync(Path.Combine(_state, "costs.json")));
        Assert.Contains(Shown, history.RootElement.EnumerateArray().Select(static session => session.GetProperty("name").GetString()));
        var screen = await PseudoTerminal.RunAsync(_variables, "cost", "report", "--by", "name");
        AssertNothingHidden(screen);
        Assert.Contains(Shown, screen, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("budget", "set", "\u001b]0;x\u0007", "--limit", "5", "the budget's name holds a control character (U+001B) at character 1")]
    [InlineData("gate", "--usd", "1", "--type", "\u001b[2J", "--type holds a control character (U+001B) at character 1")]
    [InlineData("gate", "--usd", "1", "--name", "a\r\nb", "--name holds a control character (U+000D) at character 2")]
    [InlineData("budget", "set", "b", "--limit", "5", "--type", "t\u202e", "--type holds a control character (U+202E) at character 2")]
    public async Task TypedText_WithAControlCharacter_IsRefusedWithExitTwoAndNothingIsWritten(params string[] line)
    {
        var args = line[..^1].Select(static arg => System.Text.RegularExpressions.Regex.Unescape(arg)).Prepend("cost").ToArray();

        var result = await Process().RunAsync(args);

        Assert.Equal(2, result.ExitCode);
        Assert.StartsWith("omk: " + line[^1] + ", which cannot be stored as text: give it as printable text", result.Error, StringComparison.Ordinal);
        Assert.Empty(Directory.GetFileSystemEntries(_state));
    }

    /// <summary>Nothing a terminal would obey reached it: no ESC, BEL, lone CR, C1 control or bidirectional control.</summary>
    private static void AssertNothingHidden(string screen)
    {
        var hidden = screen.Where(static character => character != '\n' && Cost.Domain.VisibleText.IsHidden(character)).ToList();
        Assert.True(hidden.Count == 0, $"hidden characters reached the terminal: {string.Join(' ', hidden.Select(static c => $"U+{(int)c:X4}"))} in:\n{screen}");
        Assert.DoesNotContain(screen.Split('\n'), static line => line.StartsWith("fake row", StringComparison.Ordinal));
    }

    private static string Ledger(params string[] names) => Ledger(names, null);

    private static string Ledger(string name, decimal actualUsd) => Ledger([name], actualUsd);

    private static string Ledger(string[] names, decimal? actualUsd) => JsonSerializer.Serialize(names.Select(name => new Dictionary<string, object?>
    {
        ["session_type"] = name,
        ["name"] = name,
        ["started_at"] = DateTimeOffset.UtcNow.AddHours(-1).ToString("yyyy-MM-ddTHH:mm:ssZ", System.Globalization.CultureInfo.InvariantCulture),
        ["ended_at"] = null,
        ["estimate"] = new Dictionary<string, object> { ["input_tokens"] = 1950, ["output_tokens"] = 650, ["duration_secs"] = 60, ["worker_count"] = 2, ["estimated_usd"] = 0.0091m, ["tier"] = "Standard" },
        ["actual_usd"] = actualUsd,
    }));

    private OmkProcess Process()
    {
        var omk = new OmkProcess(_variables["HOME"]);
        foreach (var (name, value) in _variables)
        {
            omk.Environment[name] = value;
        }

        return omk;
    }
}
