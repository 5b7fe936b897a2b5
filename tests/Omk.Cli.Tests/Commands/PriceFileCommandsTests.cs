using Omk.Cli.Tests.Fixtures;

namespace Omk.Cli.Tests.Commands;

/// <summary>
/// A wrong price file: one line naming the file as given, the line and column, and what was expected there; exit 1,
/// nothing on standard output and nothing written.
/// </summary>
public sealed class PriceFileCommandsTests : IDisposable
{
    private const string Rates = "an object of cache_hit, cache_miss and output (US dollars per 1M tokens)";

    private readonly CliRunner _omk = new();

    public PriceFileCommandsTests()
    {
        var share = _omk.Folder.Folder("kimi");
        KimiLogs.Write(share);
        _omk.Variables["KIMI_SHARE_DIR"] = share;
    }

    public static TheoryData<string, string> WrongFiles => new()
    {
        // Not JSON at all, or cut short.
        { "{\n  \"prices\": [\n    {\"model\": kimi}\n  ]\n}", "3:15: not valid JSON: unexpected 'k'" },
        { "{\"prices\": [{\"model\": \"m\", \"rates\": {\"cache_miss\": 1, \"output\": 2}}", "1:68: not valid JSON: the file ends before the JSON is complete" },
        { "{\"prices\": []} x", "1:16: not valid JSON: unexpected 'x'" },

        // Empty.
        { string.Empty, "1:1: the file is empty; a price file is {\"prices\": [...]}" },
        { "\n  \n", "1:1: the file is empty; a price file is {\"prices\": [...]}" },

        // The wrong root, or no prices.
        { "[]", "1:1: a price file is an object {\"prices\": [...]}, not an array" },
        { "\"prices\"", "1:1: a price file is an object {\"prices\": [...]}, not a string" },
        { "{}", "1:1: \"prices\" is missing; a price file is {\"prices\": [...]}" },
        { "{\"prices\": {}}", "1:12: \"prices\" must be an array of entries such as {\"model\": \"kimi-k2.6\", \"rates\": {...}}, not an object" },
        { "{\"prices\": [3]}", "1:13: each entry of \"prices\" must be an object such as {\"model\": \"kimi-k2.6\", \"rates\": {...}}, not a number" },

        // Unknown or repeated keys.
        { "{\"pricez\": []}", "1:2: unknown key \"pricez\"; a price file has \"prices\" and an optional \"comment\"" },
        { "{\"prices\": [{\"model\": \"m\", \"cost\": 1}]}", "1:28: unknown key \"cost\"; an entry has \"model\", \"rates\" or \"priced_as\", and optional \"effective_from\", \"date\", \"source\" and \"comment\"" },
        { "{\"prices\": [{\"model\": \"m\", \"rates\": {\"cache_mis\": 1, \"output\": 2}}]}", "1:38: unknown key \"cache_mis\"; the rates are cache_hit, cache_miss, cache_creation and output (US dollars per 1M tokens)" },
        { "{\"prices\": [{\"model\": \"m\", \"cache_miss\": 1, \"output\": 2}]}", "1:28: unknown key \"cache_miss\"; rates go in \"rates\": {\"cache_hit\": 0.16, \"cache_miss\": 0.95, \"output\": 4.0}" },
        { "{\"prices\": [{\"model\": \"m\", \"model\": \"n\"}]}", "1:28: \"model\" is given twice" },

        // The model.
        { "{\"prices\": [{\"rates\": {\"cache_miss\": 1, \"output\": 2}}]}", "1:13: \"model\" is missing; each entry names its model, such as \"model\": \"kimi-k2.6\"" },
        { "{\"prices\": [{\"model\": \" \"}]}", "1:23: \"model\" must be a model name such as \"kimi-k2.6\", not an empty string" },
        { "{\"prices\": [{\"model\": 7}]}", "1:23: \"model\" must be a model name such as \"kimi-k2.6\", not a number" },

        // The rates: missing, of the wrong shape, of the wrong type, out of range.
        { "{\"prices\": [{\"model\": \"m\"}]}", $"1:13: \"rates\" is missing; an entry needs \"rates\", {Rates}, or \"priced_as\" naming another model" },
        { "{\n  \"prices\": [\n   {\"rates\": 5, \"model\": \"k3\"}\n  ]\n}", $"3:14: \"rates\" must be {Rates}" },
        { "{\"prices\": [{\"model\": \"m\", \"rates\": [0.16, 0.95, 4]}]}", $"1:37: \"rates\" must be {Rates}" },
        { "{\"prices\": [{\"model\": \"m\", \"rates\": {\"output\": 2}}]}", $"1:37: \"rates\" must be {Rates}: \"cache_miss\" is missing" },
        { "{\"prices\": [{\"model\": \"m\", \"rates\": {}}]}", $"1:37: \"rates\" must be {Rates}: \"cache_miss\" and \"output\" are missing" },
        { "{\"prices\": [{\"model\": \"m\", \"rates\": {\"cache_miss\": \"0.95\", \"output\": 2}}]}", "1:52: \"cache_miss\" must be a number of US dollars per 1M tokens, such as 0.95, not a string" },
        { "{\"prices\": [{\"model\": \"m\", \"rates\": {\"cache_miss\": 1, \"output\": null}}]}", "1:65: \"output\" must be a number of US dollars per 1M tokens, such as 0.95, not null" },
        { "{\"prices\": [{\"model\": \"m\", \"rates\": {\"cache_miss\": -1, \"output\": 2}}]}", "1:52: \"cache_miss\" must be between 0 and 1,000,000 US dollars per 1M tokens, not -1" },
        { "{\"prices\": [{\"model\": \"m\", \"rates\": {\"cache_miss\": 1, \"output\": 1e400}}]}", "1:65: \"output\" must be between 0 and 1,000,000 US dollars per 1M tokens, not 1e400" },
        { "{\"prices\": [{\"model\": \"m\", \"rates\": {\"cache_hit\": 2000000, \"cache_miss\": 1, \"output\": 2}}]}", "1:51: \"cache_hit\" must be between 0 and 1,000,000 US dollars per 1M tokens, not 2000000" },
        { "{\"prices\": [{\"model\": \"m\", \"priced_as\": \"n\", \"rates\": {\"cache_miss\": 1, \"output\": 2}}]}", "1:41: an entry with \"priced_as\" takes its rates from \"n\" and cannot also have \"rates\"" },

        // Dates.
        { "{\"prices\": [{\"model\": \"m\", \"effective_from\": \"2026-01-01\", \"rates\": {\"cache_miss\": 1, \"output\": 2}}]}", "1:46: \"effective_from\" must be an RFC 3339 moment such as 2026-04-20T00:00:00Z or 2026-04-20T08:00:00+08:00, not \"2026-01-01\"" },
        { "{\"prices\": [{\"model\": \"m\", \"effective_from\": 20260101, \"rates\": {\"cache_miss\": 1, \"output\": 2}}]}", "1:46: \"effective_from\" must be a string, not a number" },
        { "{\"prices\": [{\"model\": \"m\", \"date\": \"yesterday\", \"rates\": {\"cache_miss\": 1, \"output\": 2}}]}", "1:36: \"date\" (when the price was looked up) must be a day such as 2026-11-23, not \"yesterday\"" },

        // The same model twice from the same moment, however it is spelt or written.
        { "{\"prices\": [{\"model\": \"m\", \"rates\": {\"cache_miss\": 1, \"output\": 2}}, {\"model\": \"M\", \"priced_as\": \"kimi-k2.6\"}]}", "1:70: a second price of \"M\" without \"effective_from\" (the first is at 1:13); give each price of a model its own \"effective_from\"" },
        {
            "{\"prices\": [\n  {\"model\": \"m\", \"effective_from\": \"2026-01-01T00:00:00Z\", \"rates\": {\"cache_miss\": 1, \"output\": 2}},\n  {\"model\": \"m\", \"effective_from\": \"2026-01-01T08:00:00+08:00\", \"rates\": {\"cache_miss\": 1, \"output\": 2}}\n]}",
            "3:3: a second price of \"m\" from 2026-01-01T00:00:00Z (the first is at 2:3); give each price of a model its own \"effective_from\""
        },

        // Columns count characters, not bytes.
        { "{\"prices\": [{\"model\": \"支付\", \"rates\": 1}]}", $"1:38: \"rates\" must be {Rates}" },
    };

    [Theory]
    [MemberData(nameof(WrongFiles))]
    public async Task UsageKimi_WrongPriceFile_OneLineWithLineColumnAndWhatWasExpected(string content, string expected)
    {
        var prices = _omk.Folder.Combine("my-prices.json");
        File.WriteAllText(prices, content);

        var result = await _omk.RunAsync("cost", "usage", "kimi", "--prices", prices);

        Assert.Equal(1, result.ExitCode);
        Assert.Equal(string.Empty, result.Out);
        Assert.Equal($"omk: {prices}:{expected}\n", result.Error);
    }

    [Fact]
    public async Task UsageKimi_PriceFileNotUtf8_NamesTheByteAndWhereItIs()
    {
        var prices = _omk.Folder.Combine("my-prices.json");
        File.WriteAllBytes(prices, [.. "{\"prices\": [\n  {\"model\": \"k\u00e9"u8, 0xFF, .. "\"}]}"u8]);

        var result = await _omk.RunAsync("cost", "usage", "kimi", "--prices", prices);

        Assert.Equal(1, result.ExitCode);
        Assert.Equal($"omk: {prices}:2:16: not UTF-8 text (byte 0xFF); save the file as UTF-8\n", result.Error);
    }

    [Fact]
    public async Task UsageKimi_PriceFileWithByteOrderMarkCommentsAndTrailingCommas_IsRead()
    {
        var prices = _omk.Folder.Combine("my-prices.json");
        File.WriteAllBytes(prices, [0xEF, 0xBB, 0xBF, .. """
            {
              // kimi-k2.6 at ten times its price
              "prices": [
                {"model": "kimi-k2.6", "rates": {"cache_hit": 1.6, "cache_miss": 9.5, "output": 40,},},
              ],
            }
            """u8]);

        var result = await _omk.RunAsync("cost", "usage", "kimi", "--prices", prices, "--json");

        Assert.Equal(0, result.ExitCode);
        Assert.Equal(KimiLogs.CostUsd * 10, result.Json().GetProperty("cost_usd").GetDecimal());
    }

    [Fact]
    public async Task ImportKimi_WrongPriceFileInTheStateFolder_NamesItsFullPathAndWritesNothing()
    {
        Directory.CreateDirectory(_omk.StateDirectory);
        var prices = Path.Combine(_omk.StateDirectory, "prices.json");
        File.WriteAllText(prices, "{\"prices\": [{\"model\": \"m\", \"rates\": 5}]}");

        var result = await _omk.RunAsync("cost", "import", "kimi");

        Assert.Equal(1, result.ExitCode);
        Assert.Equal($"omk: {prices}:1:37: \"rates\" must be {Rates}\n", result.Error);
        Assert.False(File.Exists(_omk.CostsFile));
    }

    [Fact]
    public async Task UsageKimi_PriceFileGivenRelative_IsNamedAsGiven()
    {
        using var folder = new TempFolder();
        File.WriteAllText(folder.Combine("prices.json"), "{\n  \"prices\": [\n   {\"rates\": 5, \"model\": \"k3\"}\n  ]\n}");
        var omk = new OmkProcess(folder.Folder("home")) { WorkingDirectory = folder.Path };
        omk.Environment["KIMI_SHARE_DIR"] = _omk.Folder.Combine("kimi");
        omk.Environment["OMK_STATE_DIR"] = folder.Combine("state");

        var result = await omk.RunAsync("cost", "usage", "kimi", "--prices", "prices.json");

        Assert.Equal(1, result.ExitCode);
        Assert.Equal($"omk: prices.json:3:14: \"rates\" must be {Rates}\n", result.Error);
    }

    [Fact]
    public async Task UsageKimiHelp_DocumentsThePriceFile()
    {
        var result = await _omk.RunAsync("cost", "usage", "kimi", "--help");

        Assert.Contains("Rates are US dollars per 1M tokens", result.Out, StringComparison.Ordinal);
        Assert.Contains("\"effective_from\" (an RFC 3339 moment with its offset)", result.Out, StringComparison.Ordinal);
        Assert.Contains("{\"model\": \"kimi-k2.6\", \"rates\": {\"cache_hit\": 0.16, \"cache_miss\": 0.95, \"output\": 4.0}},", result.Out, StringComparison.Ordinal);
    }

    public void Dispose() => _omk.Dispose();
}
