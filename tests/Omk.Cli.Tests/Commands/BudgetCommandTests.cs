using Omk.Cli.Tests.Fixtures;

namespace Omk.Cli.Tests.Commands;

public sealed class BudgetCommandTests : IDisposable
{
    private readonly CliRunner _omk = new();

    public BudgetCommandTests() => _omk.WriteCostsFile(CostFile.Reference);

    [Fact]
    public async Task Budget_UnderLimit_ExitsZeroAndPrintsSpentLimitRemaining()
    {
        var result = await _omk.RunAsync("cost", "budget", "--limit", "10");

        Assert.Equal(0, result.ExitCode);
        Assert.Equal("Spent:      $5.50\nLimit:     $10.00\nRemaining:  $4.50\n", result.Out);
        Assert.Empty(result.Error);
    }

    [Fact]
    public async Task Budget_OverLimit_ExitsThreeWithOneLineOnStandardError()
    {
        var result = await _omk.RunAsync("cost", "budget", "--limit", "5");

        Assert.Equal(3, result.ExitCode);
        Assert.Equal("omk: budget exceeded: spent $5.50 of $5.00", Assert.Single(result.ErrorLines));
    }

    [Fact]
    public async Task Budget_OverLimitColourForced_SpentLineIsRedAndNothingElseIs()
    {
        _omk.Variables["FORCE_COLOR"] = "1";

        var result = await _omk.RunAsync("cost", "budget", "--limit", "5");

        Assert.Equal("\u001b[91mSpent:     $5.50\u001b[0m\nLimit:     $5.00\nRemaining: $0.00\n", result.Out);
    }

    [Fact]
    public async Task Budget_UnderLimitColourForced_NoEscapeSequence()
    {
        _omk.Variables["FORCE_COLOR"] = "1";

        var result = await _omk.RunAsync("cost", "budget", "--limit", "10");

        Assert.DoesNotContain("\u001b", result.Out, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Budget_OverLimit_StillPrintsTheStatus()
    {
        var result = await _omk.RunAsync("cost", "budget", "--limit", "$5");

        Assert.StartsWith("Spent:     $5.50\n", result.Out, StringComparison.Ordinal);
        Assert.Contains("Remaining: $0.00\n", result.Out, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Budget_SpendBetweenFourDecimals_ShowsLinesThatAddUp()
    {
        _omk.WriteCostsFile(CostFile.Of(CostFile.Session("team", "a", "2026-11-20T09:00:00Z", 2.46275m)));

        var result = await _omk.RunAsync("cost", "budget", "--limit", "5");

        Assert.Equal("Spent:     $2.46\nLimit:     $5.00\nRemaining: $2.54\n", result.Out);
    }

    [Fact]
    public async Task Budget_Json_PrintsLimitSpentRemainingExceeded()
    {
        var result = await _omk.RunAsync("cost", "budget", "--limit", "10", "--json");

        var json = result.Json();
        JsonAssert.Keys(json, "limit_usd", "spent_usd", "remaining_usd", "exceeded");
        Assert.Equal(10m, json.GetProperty("limit_usd").GetDecimal());
        Assert.Equal(5.5m, json.GetProperty("spent_usd").GetDecimal());
        Assert.Equal(4.5m, json.GetProperty("remaining_usd").GetDecimal());
        Assert.False(json.GetProperty("exceeded").GetBoolean());
    }

    [Fact]
    public async Task Budget_JsonOverLimit_SaysExceededAndExitsThree()
    {
        var result = await _omk.RunAsync("cost", "budget", "--limit", "5", "--json");

        Assert.Equal(3, result.ExitCode);
        Assert.True(result.Json().GetProperty("exceeded").GetBoolean());
    }

    [Theory]
    [InlineData("-1")]
    [InlineData("abc")]
    [InlineData("1e3")]
    public async Task Budget_BadLimit_ExitsTwoNamingTheOption(string limit)
    {
        var result = await _omk.RunAsync("cost", "budget", "--limit", limit);

        Assert.Equal(2, result.ExitCode);
        Assert.Empty(result.Out);
        Assert.Contains("--limit", Assert.Single(result.ErrorLines), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Budget_NoLimit_ExitsTwo()
    {
        var result = await _omk.RunAsync("cost", "budget");

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("--limit", Assert.Single(result.ErrorLines), StringComparison.Ordinal);
    }

    public void Dispose() => _omk.Dispose();
}
