using System.Text.Json;
using Omk.Cli.Tests.Fixtures;

namespace Omk.Cli.Tests.Commands;

/// <summary>
/// <c>usage kimi</c> and <c>import kimi</c> on forks, compaction and a Kimi Code home given by option or variable.
/// The expected figures are the counts written into <see cref="KimiForkLogs"/>, added up by hand.
/// </summary>
public sealed class KimiForkCommandsTests : IDisposable
{
    // Kimi CLI m1 + m2 + m3 + f1 (the fork's own); Kimi Code turn + compaction + the fork's own + k9.
    private const ulong InputOther = 1000 + 2000 + 3000 + 400 + 5000 + 30000 + 600 + 10;
    private const ulong CacheRead = 8000 + 9000 + 10000 + 1000 + 20000 + 0 + 2000;
    private const ulong Output = 100 + 200 + 300 + 40 + 500 + 1000 + 60 + 5;

    // kimi-for-coding from 2026-06-12 is kimi-k2.7-code: all but k9's 15 tokens at (42000 in × 0.95 + 50000 cache × 0.19 + 2200 out × 4.00) / 1e6.
    private const decimal PricedUsd = ((42000 * 0.95m) + (50000 * 0.19m) + (2200 * 4.00m)) / 1_000_000m;

    private readonly CliRunner _omk = new();
    private readonly string _codeHome;

    public KimiForkCommandsTests()
    {
        var share = _omk.Folder.Folder("kimi");
        _codeHome = _omk.Folder.Folder("kimi-code-elsewhere");
        KimiForkLogs.Write(share, _codeHome);
        _omk.Variables["KIMI_SHARE_DIR"] = share;
    }

    [Fact]
    public async Task UsageKimi_KimiCodeHomeOption_CountsEveryCallOnce()
    {
        var result = await _omk.RunAsync("cost", "usage", "kimi", "--kimi-code-home", _codeHome, "--json");

        var json = result.Json();
        Assert.Equal(
            (InputOther, CacheRead, 0UL, Output, JsonValueKind.Null, PricedUsd),
            (json.GetProperty("input_other_tokens").GetUInt64(), json.GetProperty("cache_read_tokens").GetUInt64(),
                json.GetProperty("cache_creation_tokens").GetUInt64(), json.GetProperty("output_tokens").GetUInt64(),
                json.GetProperty("cost_usd").ValueKind, json.GetProperty("priced_cost_usd").GetDecimal()));
    }

    [Fact]
    public async Task UsageKimi_KimiCodeHomeVariable_ReadsThatHome()
    {
        _omk.Variables["KIMI_CODE_HOME"] = _codeHome;

        var json = (await _omk.RunAsync("cost", "usage", "kimi", "--json")).Json();

        Assert.Equal(InputOther, json.GetProperty("input_other_tokens").GetUInt64());
    }

    [Fact]
    public async Task UsageKimi_NoKimiCodeHome_ReadsOnlyKimiCli()
    {
        var json = (await _omk.RunAsync("cost", "usage", "kimi", "--json")).Json();

        Assert.Equal(1000UL + 2000 + 3000 + 400, json.GetProperty("input_other_tokens").GetUInt64());
    }

    [Fact]
    public async Task UsageKimi_Text_TotalLineGivesThePricedLowerBoundAndWhatLacksAPrice()
    {
        var result = await _omk.RunAsync("cost", "usage", "kimi", "--kimi-code-home", _codeHome);

        Assert.Contains(
            "\n\u2265 $0.06 (15 tokens of k9 have no price; add it to prices.json, see omk cost usage kimi --help)\n",
            result.Out,
            StringComparison.Ordinal);
        Assert.Empty(result.Error);
    }

    [Fact]
    public async Task UsageKimi_BySession_ForksShowOnlyTheirOwnCallsAndTheirSource()
    {
        var json = (await _omk.RunAsync("cost", "usage", "kimi", "--kimi-code-home", _codeHome, "--by", "session", "--json")).Json();

        var rows = json.GetProperty("groups").EnumerateArray().ToDictionary(
            static g => g.GetProperty("key").GetString()!,
            static g => (g.GetProperty("input_other_tokens").GetUInt64(), g.TryGetProperty("forked_from", out var from) ? from.GetString() : null));
        Assert.Equal((1000UL + 2000 + 3000, (string?)null), rows[KimiForkLogs.Source]);
        Assert.Equal((400UL, KimiForkLogs.Source), rows[KimiForkLogs.Fork]);
        Assert.Equal((0UL, KimiForkLogs.Source), rows[KimiForkLogs.Undo]);
        Assert.Equal((5000UL + 30000 + 10, (string?)null), rows[KimiForkLogs.CodeSource]);
        Assert.Equal((600UL, KimiForkLogs.CodeSource), rows[KimiForkLogs.CodeFork]);
    }

    [Fact]
    public async Task UsageKimi_ByModel_OneRowForBothSpellingsOfKimiForCoding()
    {
        var json = (await _omk.RunAsync("cost", "usage", "kimi", "--kimi-code-home", _codeHome, "--by", "model", "--json")).Json();

        Assert.Equal(["kimi-for-coding", "k9"], json.GetProperty("groups").EnumerateArray().Select(static g => g.GetProperty("key").GetString()));
    }

    [Fact]
    public async Task UsageKimi_Help_NamesBothHomesAndWhatKimiNeverLogs()
    {
        var result = await _omk.RunAsync("cost", "usage", "kimi", "--help");

        foreach (var text in (string[])["$KIMI_SHARE_DIR, else ~/.kimi", "$KIMI_CODE_HOME, else ~/.kimi-code", "--kimi-code-home",
            "compaction (automatic and /compact) writes no token usage", "/btw side questions", "Interrupted steps and failed retries",
            "2025-12-17", "/model, --model and KIMI_MODEL_NAME"])
        {
            Assert.Contains(text, result.Out, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task ImportKimi_Twice_SecondAddsNothing()
    {
        await _omk.RunAsync("cost", "import", "kimi", "--kimi-code-home", _codeHome);

        var json = (await _omk.RunAsync("cost", "import", "kimi", "--kimi-code-home", _codeHome, "--json")).Json();

        // Five sessions, less the Kimi Code one with k9's unpriced call.
        Assert.Equal((4, 0, 0, 4), (json.GetProperty("sessions").GetInt32(), json.GetProperty("added").GetInt32(), json.GetProperty("updated").GetInt32(), json.GetProperty("unchanged").GetInt32()));
    }

    [Fact]
    public async Task ImportKimi_Session_RecordsTheDurationFromFirstToLastCall()
    {
        await _omk.RunAsync("cost", "import", "kimi");

        var stored = JsonDocument.Parse(File.ReadAllText(_omk.CostsFile)).RootElement.EnumerateArray()
            .Single(static s => s.GetProperty("id").GetString() == "kimi:" + KimiForkLogs.Source);

        // m1 at t + 10.25 s, m3 at t + 100.25 s.
        Assert.Equal(90UL, stored.GetProperty("estimate").GetProperty("duration_secs").GetUInt64());
    }

    [Fact]
    public async Task ImportKimi_SessionWithAnUnpricedModel_NotRecordedAndTheWarningSaysHowToPriceIt()
    {
        var result = await _omk.RunAsync("cost", "import", "kimi", "--kimi-code-home", _codeHome);

        Assert.Equal(0, result.ExitCode);
        Assert.Contains(
            $"omk: warning: Kimi session {KimiForkLogs.CodeSource} not imported: 15 tokens of k9 have no price; add it to prices.json in the state folder (see omk cost import kimi --help), then import again\n",
            result.Error,
            StringComparison.Ordinal);
        Assert.DoesNotContain(
            JsonDocument.Parse(File.ReadAllText(_omk.CostsFile)).RootElement.EnumerateArray(),
            static s => s.GetProperty("id").GetString() == "kimi:" + KimiForkLogs.CodeSource);
    }

    [Fact]
    public async Task ImportKimi_PriceAddedAfterwards_ImportingAgainRecordsTheSessionAtItsWholeCost()
    {
        await _omk.RunAsync("cost", "import", "kimi", "--kimi-code-home", _codeHome);
        File.WriteAllText(Path.Combine(_omk.StateDirectory, "prices.json"), """{"prices": [{"model": "k9", "rates": {"cache_miss": 100, "output": 1000}}]}""");

        var json = (await _omk.RunAsync("cost", "import", "kimi", "--kimi-code-home", _codeHome, "--json")).Json();

        Assert.Equal((5, 1), (json.GetProperty("sessions").GetInt32(), json.GetProperty("added").GetInt32()));
        var stored = JsonDocument.Parse(File.ReadAllText(_omk.CostsFile)).RootElement.EnumerateArray()
            .Single(static s => s.GetProperty("id").GetString() == "kimi:" + KimiForkLogs.CodeSource);

        // The session's kimi-for-coding calls (turn 5000 in, 20000 cache, 500 out; compaction 30000 in, 1000 out) at
        // kimi-k2.7-code's rates, and k9's 10 in and 5 out at the added price.
        var expected = (((5000 + 30000) * 0.95m) + (20000 * 0.19m) + ((500 + 1000) * 4.00m) + (10 * 100m) + (5 * 1000m)) / 1_000_000m;
        Assert.Equal(expected, stored.GetProperty("actual_usd").GetDecimal());
    }

    public void Dispose() => _omk.Dispose();
}
