using Omk.Cli.Tests.Fixtures;

namespace Omk.Cli.Tests.Commands;

/// <summary>
/// A Kimi CLI session started with <c>kimi --model kimi-k2.5</c> (config: kimi-k2.6) is priced at kimi-k2.5 because
/// Kimi CLI's own <c>logs/kimi.log</c> says so, by a reading of the logs and by the stored result after it, and stays
/// so after the log is rotated away.
/// </summary>
public sealed class KimiLaunchModelCommandsTests : IDisposable
{
    // KimiLogs' session sess-a: 1500 input, 300 output, 5000 cache read; at kimi-k2.5 (0.60 in, 0.10 cache read, 3.00 out per 1M).
    private const decimal K25Usd = ((1500 * 0.60m) + (5000 * 0.10m) + (300 * 3.00m)) / 1_000_000m;

    private readonly CliRunner _omk = new();
    private readonly string _share;

    public KimiLaunchModelCommandsTests()
    {
        _share = _omk.Folder.Folder("kimi");
        KimiLogs.Write(_share);
        _omk.Variables["KIMI_SHARE_DIR"] = _share;
        // kimi.log is written in the machine's local time.
        var shanghai = TimeZoneInfo.FindSystemTimeZoneById("Asia/Shanghai");
        _omk.Clock.SetLocalTimeZone(shanghai);
        Directory.CreateDirectory(Path.Combine(_share, "logs"));
        var local = TimeZoneInfo.ConvertTime(KimiLogs.Start.AddSeconds(-2), shanghai);
        var at = local.ToString("yyyy-MM-dd HH:mm:ss.fff", System.Globalization.CultureInfo.InvariantCulture);
        File.WriteAllText(Path.Combine(_share, "logs", "kimi.log"), string.Join('\n',
            $"{at} | INFO     | kimi_cli.cli:_run:583 |  - Created new session: sess-a",
            $"{at} | INFO     | kimi_cli.app:create:252 |  - Using LLM model: provider='moonshot' model='kimi-k2.5' max_context_size=262144 capabilities=None display_name=None") + "\n");
    }

    [Fact]
    public async Task UsageKimi_SessionStartedWithModel_PricedAtItReadAndStoredAndAfterRotation()
    {
        var read = await BySession();
        Assert.Equal(("kimi-k2.5", "kimi.log", K25Usd), read);

        // A stored reading is kept only for logs older than the racy window, by the clock omk reads.
        await Task.Delay(TimeSpan.FromSeconds(2.5));
        _omk.Clock.SetUtcNow(DateTimeOffset.UtcNow);
        Assert.Equal((read, "stored"), (await BySession(), "stored"));
        Assert.Equal((read, "stored again"), (await BySession(), "stored again"));

        File.Delete(Path.Combine(_share, "logs", "kimi.log"));
        Assert.Equal((read, "rotated"), (await BySession(), "rotated"));
    }

    [Fact]
    public async Task UsageKimi_NoLaunchLine_PricedAtConfigAndMarkedAssumed()
    {
        File.Delete(Path.Combine(_share, "logs", "kimi.log"));

        Assert.Equal("kimi-k2.6", (await BySession()).Model);
        Assert.Equal("assumed from config", (await BySession()).Source);
    }

    public void Dispose() => _omk.Dispose();

    private async Task<(string? Model, string? Source, decimal Cost)> BySession()
    {
        var result = await _omk.RunAsync("cost", "usage", "kimi", "--by", "session", "--json");
        Assert.True(result.ExitCode == 0, result.Error);
        var group = Assert.Single(result.Json().GetProperty("groups").EnumerateArray());
        return (group.GetProperty("model").GetString(), group.GetProperty("model_source").GetString(), group.GetProperty("cost_usd").GetDecimal());
    }
}
