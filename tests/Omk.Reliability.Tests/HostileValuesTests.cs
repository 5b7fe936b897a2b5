using Microsoft.Extensions.Options;
using Omk.Cost.Adapters.FileSystem;
using Omk.Cost.Domain;

namespace Omk.Reliability.Tests;

/// <summary>
/// Extreme but representable values round-trip faithfully through costs.json, and the file still loads afterwards.
/// </summary>
public sealed class HostileValuesTests : IDisposable
{
    private readonly TempFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    public static TheoryData<string> HostileNames => new()
    {
        new string('x', 10_000),
        "quote \" backslash \\ slash / unicode é 漢字 😀",
        "</script><!--",
        "line\u2028separator\u2029paragraph",
    };

    [Theory]
    [MemberData(nameof(HostileNames))]
    public async Task Record_HostileName_RoundTripsExactly(string name)
    {
        var tracker = NewTracker();
        var session = Session() with { Name = name };

        await tracker.RecordAsync(session);
        await tracker.RecordAsync(Session());

        var loaded = await NewTracker().LoadAsync();
        Assert.Equal(name, loaded[0].Name);
        Assert.Equal(2, loaded.Count);
    }

    [Fact]
    public async Task Record_NameWithControlCharacters_IsRefusedAndTheFileKeepsWhatItHad()
    {
        var tracker = NewTracker();
        await tracker.RecordAsync(Session());

        var refused = await Assert.ThrowsAsync<ArgumentException>(
            () => tracker.RecordAsync(Session() with { Name = "tab\there, newline\nthere, bell\a, nul\0, escape\u001b[31m" }));

        Assert.Contains("control character", refused.Message, StringComparison.Ordinal);
        Assert.Single(await NewTracker().LoadAsync());
    }

    [Fact]
    public async Task Record_ExtremeNumbersAndTheLastReportableTick_RoundTripExactly()
    {
        var tracker = NewTracker();
        var session = Session() with
        {
            StartedAt = new DateTimeOffset(9998, 12, 31, 23, 59, 59, TimeSpan.Zero).AddTicks(9_999_998),
            EndedAt = SessionTimes.End.AddTicks(-1),
            Estimate = new CostEstimate(ulong.MaxValue, ulong.MaxValue, ulong.MaxValue, ulong.MaxValue, decimal.MaxValue, PricingTier.Premium),
            ActualUsd = 0.0000000000000000000000000001m,
        };

        await tracker.RecordAsync(session);

        var loaded = Assert.Single(await NewTracker().LoadAsync());
        Assert.Equal(session.StartedAt, loaded.StartedAt);
        Assert.Equal(session.EndedAt, loaded.EndedAt);
        Assert.Equal(session.Estimate, loaded.Estimate);
        Assert.Equal(session.ActualUsd, loaded.ActualUsd);
        await Assert.ThrowsAsync<ArgumentException>(() => tracker.RecordAsync(session with { EndedAt = SessionTimes.End }));
    }

    [Fact]
    public async Task Report_OverSaturatingTotals_DoesNotThrow()
    {
        var tracker = NewTracker();
        var huge = Session() with
        {
            Estimate = new CostEstimate(ulong.MaxValue, ulong.MaxValue, 0, 1, decimal.MaxValue, PricingTier.Premium),
            ActualUsd = decimal.MaxValue,
        };
        await tracker.RecordAsync(huge);
        await tracker.RecordAsync(huge);

        var report = await NewTracker().ReportAsync();

        Assert.Equal(ulong.MaxValue, report.InputTokens);
        Assert.Equal(decimal.MaxValue, report.TotalEstimatedUsd);
        Assert.Equal(decimal.MaxValue, report.TotalActualUsd);
        Assert.Equal(2, report.Sessions);
    }

    private CostTracker NewTracker() => new(new JsonFileCostSink(
        new System.IO.Abstractions.FileSystem(),
        Options.Create(new OmkCostOptions { StateDirectory = _folder.Path }),
        TimeProvider.System));

    private static SessionCost Session() => new()
    {
        SessionType = "team",
        Name = "plain",
        StartedAt = new DateTimeOffset(2026, 11, 20, 9, 15, 2, TimeSpan.Zero),
        Estimate = CostEstimator.Estimate(60, 2, 1, PricingTier.Standard),
    };
}
