using System.IO.Abstractions.TestingHelpers;
using Omk.Cli.Tests.Fixtures;

namespace Omk.Cli.Tests.Commands;

public sealed class EstimateCommandTests : IDisposable
{
    private readonly CliRunner _omk = new();

    [Fact]
    public async Task Estimate_Custom60SecondsTwoWorkersOneIteration_PrintsReferenceLine()
    {
        var result = await _omk.RunAsync("cost", "estimate", "custom", "--duration", "60", "--workers", "2", "--iterations", "1");

        Assert.Equal(0, result.ExitCode);
        Assert.Equal("~$0.0091 (2 workers, ~60s, ~2K tokens)\n", result.Out);
        Assert.Empty(result.Error);
    }

    [Fact]
    public async Task Estimate_Json_PrintsEstimateObjectWithStorageKeys()
    {
        var result = await _omk.RunAsync("cost", "estimate", "custom", "--duration", "60", "--workers", "2", "--iterations", "1", "--json");

        var json = result.Json();
        JsonAssert.Keys(json, "input_tokens", "output_tokens", "duration_secs", "worker_count", "estimated_usd", "tier");
        Assert.Equal(1950UL, json.GetProperty("input_tokens").GetUInt64());
        Assert.Equal(650UL, json.GetProperty("output_tokens").GetUInt64());
        Assert.Equal(60UL, json.GetProperty("duration_secs").GetUInt64());
        Assert.Equal(2, json.GetProperty("worker_count").GetInt64());
        Assert.Equal(0.0091m, json.GetProperty("estimated_usd").GetDecimal());
        Assert.Equal("Standard", json.GetProperty("tier").GetString());
    }

    [Theory]
    [InlineData("Ralph")]
    [InlineData(" RALPH ")]
    public async Task Estimate_KindInAnyCase_IsThatKindAsRecordReadsIt(string kind)
    {
        // One rule names a run's kind (RunKinds.Of): estimate, gate and record read "Ralph" as a ralph run alike.
        var expected = await _omk.RunAsync("cost", "estimate", "ralph", "--duration", "30m", "--iterations", "2", "--stories", "3");

        var result = await _omk.RunAsync("cost", "estimate", kind, "--duration", "30m", "--iterations", "2", "--stories", "3");

        Assert.Equal((0, expected.Out), (result.ExitCode, result.Out));
        Assert.Empty(result.Error);
    }

    [Fact]
    public async Task RunKind_NotAKind_IsRefusedNamingTheWordsEstimateTakes()
    {
        var run = await _omk.RunAsync("cost", "run", "--kind", "bogus", "--", "true");
        var estimate = await _omk.RunAsync("cost", "estimate", "bogus");

        Assert.Equal(2, run.ExitCode);
        Assert.StartsWith("omk: --kind must be team, autopilot, ralph or custom, not 'bogus'", run.Error, StringComparison.Ordinal);
        Assert.Contains("the kind of run must be team, autopilot, ralph or custom, not 'bogus'", estimate.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Estimate_Team_CountsOneIterationAtStandard()
    {
        var result = await _omk.RunAsync("cost", "estimate", "team", "--duration", "1m", "--workers", "2");

        Assert.Equal(0, result.ExitCode);
        Assert.Equal("~$0.0091 (2 workers, ~60s, ~2K tokens)\n", result.Out);
    }

    [Theory]
    [InlineData("architect")]
    [InlineData("Security reviewer")]
    public async Task Estimate_TeamWithPremiumRole_PricesAsPremium(string role)
    {
        var result = await _omk.RunAsync("cost", "estimate", "team", "--duration", "60", "--workers", "2", "--role", role, "--json");

        var json = result.Json();
        Assert.Equal("Premium", json.GetProperty("tier").GetString());
        Assert.Equal(0.0273m, json.GetProperty("estimated_usd").GetDecimal());
    }

    [Fact]
    public async Task Estimate_TeamWithOtherRole_PricesAsStandard()
    {
        var result = await _omk.RunAsync("cost", "estimate", "team", "--duration", "60", "--role", "coder", "--json");

        Assert.Equal("Standard", result.Json().GetProperty("tier").GetString());
    }

    [Fact]
    public async Task Estimate_Autopilot_CountsPhasesAsIterationsWithOneWorker()
    {
        var result = await _omk.RunAsync("cost", "estimate", "autopilot", "--duration", "10m", "--phases", "2");

        Assert.Equal(0, result.ExitCode);
        Assert.Equal("~$0.0560 (1 worker, ~600s, ~16K tokens)\n", result.Out);
    }

    [Fact]
    public async Task Estimate_Ralph_CountsIterationsPlusStoriesWithOneWorker()
    {
        var result = await _omk.RunAsync("cost", "estimate", "ralph", "--duration", "2h", "--iterations", "4", "--stories", "6");

        Assert.Equal(0, result.ExitCode);
        Assert.Equal("~$1.6800 (1 worker, ~7200s, ~480K tokens)\n", result.Out);
    }

    [Theory]
    [InlineData("budget", "Budget", "0.002275")]
    [InlineData("standard", "Standard", "0.0091")]
    [InlineData("PREMIUM", "Premium", "0.0273")]
    public async Task Estimate_CustomWithTier_PricesAtThatTier(string tier, string stored, string usd)
    {
        var result = await _omk.RunAsync("cost", "estimate", "custom", "--duration", "60", "--workers", "2", "--iterations", "1", "--tier", tier, "--json");

        var json = result.Json();
        Assert.Equal(stored, json.GetProperty("tier").GetString());
        Assert.Equal(decimal.Parse(usd, System.Globalization.CultureInfo.InvariantCulture), json.GetProperty("estimated_usd").GetDecimal());
    }

    [Theory]
    [InlineData("codex", "Premium")]
    [InlineData("GPT-4o", "Premium")]
    [InlineData("gemini", "Budget")]
    [InlineData("kimi", "Standard")]
    [InlineData("llama", "Standard")]
    [InlineData("codexx", "Standard")]
    public async Task Estimate_CustomWithModelHint_TakesTierFromHint(string model, string tier)
    {
        var result = await _omk.RunAsync("cost", "estimate", "custom", "--duration", "1h", "--model", model, "--json");

        Assert.Equal(tier, result.Json().GetProperty("tier").GetString());
    }

    [Fact]
    public async Task Estimate_CustomWithTierAndModel_TierWins()
    {
        var result = await _omk.RunAsync("cost", "estimate", "custom", "--duration", "1h", "--tier", "budget", "--model", "codex", "--json");

        Assert.Equal("Budget", result.Json().GetProperty("tier").GetString());
    }

    [Theory]
    [InlineData("team", "--iterations", "1")]
    [InlineData("team", "--phases", "1")]
    [InlineData("team", "--stories", "1")]
    [InlineData("team", "--tier", "premium")]
    [InlineData("team", "--model", "codex")]
    [InlineData("autopilot", "--workers", "2")]
    [InlineData("autopilot", "--iterations", "2")]
    [InlineData("autopilot", "--stories", "2")]
    [InlineData("autopilot", "--role", "architect")]
    [InlineData("autopilot", "--tier", "budget")]
    [InlineData("ralph", "--workers", "2")]
    [InlineData("ralph", "--phases", "2")]
    [InlineData("ralph", "--model", "gemini")]
    [InlineData("custom", "--phases", "1")]
    [InlineData("custom", "--stories", "1")]
    [InlineData("custom", "--role", "architect")]
    public async Task Estimate_OptionThatDoesNotApplyToKind_ExitsTwoNamingTheOption(string kind, string option, string value)
    {
        var result = await _omk.RunAsync("cost", "estimate", kind, option, value);

        Assert.Equal(2, result.ExitCode);
        Assert.Empty(result.Out);
        var line = Assert.Single(result.ErrorLines);
        Assert.StartsWith($"omk: {option} does not apply to", line, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Estimate_UnknownKind_ExitsTwo()
    {
        var result = await _omk.RunAsync("cost", "estimate", "sprint");

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("sprint", Assert.Single(result.ErrorLines), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Estimate_Always_TouchesNoFile()
    {
        var fileSystem = new MockFileSystem();
        _omk.FileSystem = fileSystem;

        await _omk.RunAsync("cost", "estimate", "team", "--duration", "30m", "--workers", "3");

        Assert.Empty(fileSystem.AllFiles);
        Assert.False(fileSystem.Directory.Exists(_omk.StateDirectory));
    }

    public void Dispose() => _omk.Dispose();
}
