using System.Text.Json;
using Omk.Cli.Tests.Fixtures;

namespace Omk.Cli.Tests.Commands;

public sealed class KimiCommandsTests : IDisposable
{
    private readonly CliRunner _omk = new();

    public KimiCommandsTests()
    {
        var share = _omk.Folder.Folder("kimi");
        KimiLogs.Write(share);
        _omk.Variables["KIMI_SHARE_DIR"] = share;
    }

    [Fact]
    public async Task UsageKimi_Json_TotalsTheModelCalls()
    {
        var result = await _omk.RunAsync("cost", "usage", "kimi", "--json");

        Assert.Equal(0, result.ExitCode);
        var json = result.Json();
        Assert.Equal(1, json.GetProperty("sessions").GetInt64());
        Assert.Equal(KimiLogs.InputOther, json.GetProperty("input_other_tokens").GetUInt64());
        Assert.Equal(KimiLogs.CacheRead, json.GetProperty("cache_read_tokens").GetUInt64());
        Assert.Equal(0UL, json.GetProperty("cache_creation_tokens").GetUInt64());
        Assert.Equal(KimiLogs.Output, json.GetProperty("output_tokens").GetUInt64());
        Assert.Equal(KimiLogs.CostUsd, json.GetProperty("cost_usd").GetDecimal());
    }

    [Fact]
    public async Task UsageKimi_Json_HasTheUsageKeys()
    {
        var json = (await _omk.RunAsync("cost", "usage", "kimi", "--json")).Json();

        JsonAssert.Keys(json, "sessions", "input_other_tokens", "cache_read_tokens", "cache_creation_tokens", "output_tokens", "cost_usd", "priced_cost_usd", "unpriced", "retries", "time_zone", "window", "groups");
    }

    [Fact]
    public async Task UsageKimi_Text_PrintsAReport()
    {
        var result = await _omk.RunAsync("cost", "usage", "kimi");

        Assert.Equal(0, result.ExitCode);
        Assert.Contains("2026-11-20", result.Out, StringComparison.Ordinal);
        Assert.Empty(result.Error);
    }

    [Fact]
    public async Task UsageKimi_Always_WritesOnlyItsIndexToTheStateFolder()
    {
        await _omk.RunAsync("cost", "usage", "kimi", "--by", "session");

        var entries = Directory.GetFileSystemEntries(_omk.StateDirectory).Select(Path.GetFileName);
        Assert.Equal(["kimi-index"], entries);
    }

    [Fact]
    public async Task UsageKimi_NoCache_WritesNothingToTheStateFolder()
    {
        await _omk.RunAsync("cost", "usage", "kimi", "--no-cache");

        Assert.False(Directory.Exists(_omk.StateDirectory));
    }

    [Fact]
    public async Task UsageKimi_Warm_PrintsWhatTheColdReadPrints()
    {
        var cold = await _omk.RunAsync("cost", "usage", "kimi", "--by", "session", "--json", "--no-cache");
        var first = await _omk.RunAsync("cost", "usage", "kimi", "--by", "session", "--json");
        var warm = await _omk.RunAsync("cost", "usage", "kimi", "--by", "session", "--json");

        Assert.Equal(cold.Out, first.Out);
        Assert.Equal(cold.Out, warm.Out);
        Assert.NotEmpty(Directory.GetFiles(Path.Combine(_omk.StateDirectory, "kimi-index")));
    }

    [Fact]
    public async Task UsageKimi_ByProject_KeysTheGroupByWorkDir()
    {
        var json = (await _omk.RunAsync("cost", "usage", "kimi", "--by", "project", "--json")).Json();

        var group = Assert.Single(json.GetProperty("groups").EnumerateArray());
        Assert.Equal(KimiLogs.WorkDir, group.GetProperty("key").GetString());
    }

    [Theory]
    [InlineData("usage")]
    [InlineData("import")]
    public async Task KimiHelp_ListsTheKimiWorkHomeBesideTheOtherHomes(string command)
    {
        var result = await _omk.RunAsync("cost", command, "kimi", "--help");

        Assert.Equal(0, result.ExitCode);
        var code = result.Out.IndexOf("--kimi-code-home", StringComparison.Ordinal);
        var work = result.Out.IndexOf("--kimi-work-home", StringComparison.Ordinal);
        Assert.True(code >= 0 && work > code, result.Out);
        Assert.Contains("$KIMI_WORK_HOME", result.Out, StringComparison.Ordinal);
    }

    [Fact]
    public async Task UsageKimi_KimiWorkHomeVariable_ReadsItsSessions()
    {
        var work = _omk.Folder.Folder("work-home");
        var agent = Path.Combine(work, "sessions", "wd_notes_77aa", "conv-5d1e", "agents", "main");
        Directory.CreateDirectory(agent);
        File.WriteAllText(Path.Combine(agent, "wire.jsonl"), """{"type":"usage.record","model":"k3-agent","usage":{"inputOther":1000,"output":100,"inputCacheRead":0,"inputCacheCreation":0},"usageScope":"turn","time":1795000000000}""" + "\n");
        _omk.Variables["KIMI_WORK_HOME"] = work;

        var json = (await _omk.RunAsync("cost", "usage", "kimi", "--json")).Json();

        Assert.Equal((2, KimiLogs.InputOther + 1000), (json.GetProperty("sessions").GetInt32(), json.GetProperty("input_other_tokens").GetUInt64()));
    }

    [Fact]
    public async Task ImportKimi_FirstTime_AddsTheSession()
    {
        var result = await _omk.RunAsync("cost", "import", "kimi", "--json");

        Assert.Equal(0, result.ExitCode);
        var json = result.Json();
        JsonAssert.Keys(json, "sessions", "added", "updated", "unchanged", "dry_run");
        Assert.Equal(1, json.GetProperty("sessions").GetInt32());
        Assert.Equal(1, json.GetProperty("added").GetInt32());
        Assert.False(json.GetProperty("dry_run").GetBoolean());
    }

    [Fact]
    public async Task ImportKimi_FirstTime_StoresModelProjectAndCacheTokensUnderTheFileKeys()
    {
        await _omk.RunAsync("cost", "import", "kimi");

        var stored = Assert.Single(JsonDocument.Parse(File.ReadAllText(_omk.CostsFile)).RootElement.EnumerateArray());
        Assert.Equal(
            ("kimi-k2.6", KimiLogs.WorkDir, KimiLogs.CacheRead, 0UL),
            (stored.GetProperty("model").GetString(), stored.GetProperty("project").GetString(), stored.GetProperty("cache_read_tokens").GetUInt64(), stored.GetProperty("cache_creation_tokens").GetUInt64()));
    }

    [Fact]
    public async Task ImportKimi_SecondTime_AddsNothing()
    {
        await _omk.RunAsync("cost", "import", "kimi");

        var json = (await _omk.RunAsync("cost", "import", "kimi", "--json")).Json();

        Assert.Equal(0, json.GetProperty("added").GetInt32());
        Assert.Equal(0, json.GetProperty("updated").GetInt32());
        Assert.Equal(1, json.GetProperty("unchanged").GetInt32());
    }

    [Fact]
    public async Task ImportKimi_SecondTime_LeavesOneSessionInTheHistory()
    {
        await _omk.RunAsync("cost", "import", "kimi");

        await _omk.RunAsync("cost", "import", "kimi");

        var report = (await _omk.RunAsync("cost", "report", "--json")).Json();
        Assert.Equal(1, report.GetProperty("sessions").GetInt64());
        Assert.Equal(KimiLogs.CostUsd, report.GetProperty("total_actual_usd").GetDecimal());
    }

    [Fact]
    public async Task ImportKimi_DryRun_CountsWithoutWriting()
    {
        var result = await _omk.RunAsync("cost", "import", "kimi", "--dry-run", "--json");

        var json = result.Json();
        Assert.Equal(1, json.GetProperty("added").GetInt32());
        Assert.True(json.GetProperty("dry_run").GetBoolean());
        Assert.False(File.Exists(_omk.CostsFile));
    }

    [Fact]
    public async Task ImportKimi_DryRunAfterAnImport_PredictsWhatTheImportDoes()
    {
        await _omk.RunAsync("cost", "import", "kimi");
        var before = File.ReadAllBytes(_omk.CostsFile);

        var json = (await _omk.RunAsync("cost", "import", "kimi", "--dry-run", "--json")).Json();

        Assert.Equal((0, 0, 1), (json.GetProperty("added").GetInt32(), json.GetProperty("updated").GetInt32(), json.GetProperty("unchanged").GetInt32()));
        Assert.Equal(before, File.ReadAllBytes(_omk.CostsFile));
    }

    [Fact]
    public async Task ImportKimi_Text_PrintsTheCounts()
    {
        var result = await _omk.RunAsync("cost", "import", "kimi");

        Assert.Equal($"Imported 1 Kimi session into {_omk.CostsFile}: 1 added, 0 updated, 0 unchanged.\n", result.Out);
    }

    [Fact]
    public async Task ImportKimi_Twice_SaysNothingNew()
    {
        await _omk.RunAsync("cost", "import", "kimi");

        var result = await _omk.RunAsync("cost", "import", "kimi");

        Assert.Equal(0, result.ExitCode);
        Assert.Equal($"Nothing new: the 1 Kimi session found is already in {_omk.CostsFile}.\n", result.Out);
    }

    [Fact]
    public async Task ImportKimi_MissingPriceFile_ExitsOneNamingIt()
    {
        var prices = Path.Combine(_omk.Folder.Path, "missing-prices.json");

        var result = await _omk.RunAsync("cost", "import", "kimi", "--prices", prices);

        Assert.Equal(1, result.ExitCode);
        Assert.Contains(prices, Assert.Single(result.ErrorLines), StringComparison.Ordinal);
        Assert.False(File.Exists(_omk.CostsFile));
    }

    public void Dispose() => _omk.Dispose();
}
