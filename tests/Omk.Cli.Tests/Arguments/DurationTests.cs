using Omk.Cli.Arguments;
using Omk.Cli.Tests.Fixtures;

namespace Omk.Cli.Tests.Arguments;

public sealed class DurationTests : IDisposable
{
    private readonly CliRunner _omk = new();

    public static TheoryData<string, ulong> ReferenceForms => new()
    {
        { "90", 90UL },
        { "90s", 90UL },
        { "15m", 900UL },
        { "2h", 7200UL },
        { "1h30m", 5400UL },
    };

    [Theory]
    [MemberData(nameof(ReferenceForms))]
    [InlineData("1h30m15s", 5415UL)]
    [InlineData("0", 0UL)]
    [InlineData(" 2H ", 7200UL)]
    [InlineData("18446744073709551615", ulong.MaxValue)]
    public void TryParse_ValidDuration_ReturnsSeconds(string text, ulong expected)
    {
        var parsed = Duration.TryParse(text, out var seconds);

        Assert.True(parsed);
        Assert.Equal(expected, seconds);
    }

    [Theory]
    [InlineData("-5")]
    [InlineData("1x")]
    [InlineData("h")]
    [InlineData("99999999999999999999")]
    [InlineData("")]
    [InlineData("1 5")]
    [InlineData("30m1h")]
    [InlineData("1h1h")]
    [InlineData("5m3")]
    [InlineData("1.5h")]
    [InlineData("5124095576030432h")]
    public void TryParse_InvalidDuration_ReturnsFalse(string text)
    {
        var parsed = Duration.TryParse(text, out _);

        Assert.False(parsed);
    }

    [Theory]
    [MemberData(nameof(ReferenceForms))]
    public async Task Estimate_DurationForm_IsReadAsSeconds(string text, ulong expected)
    {
        var result = await _omk.RunAsync("cost", "estimate", "custom", "--duration", text, "--json");

        Assert.Equal(expected, result.Json().GetProperty("duration_secs").GetUInt64());
    }

    [Theory]
    [InlineData("-5")]
    [InlineData("1x")]
    [InlineData("h")]
    [InlineData("99999999999999999999")]
    public async Task Estimate_BadDuration_ExitsTwoWithOneLineNamingTheOption(string text)
    {
        var result = await _omk.RunAsync("cost", "estimate", "custom", "--duration", text);

        Assert.Equal(2, result.ExitCode);
        Assert.Empty(result.Out);
        var line = Assert.Single(result.ErrorLines);
        Assert.StartsWith("omk: ", line, StringComparison.Ordinal);
        Assert.Contains("--duration", line, StringComparison.Ordinal);
    }

    public void Dispose() => _omk.Dispose();
}
