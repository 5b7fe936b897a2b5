using Omk.Cost.Adapters.Kimi;
using Omk.Cost.Adapters.Kimi.Caching;
using Omk.Cost.Domain.Usage;

namespace Omk.Cost.Adapters.Kimi.Tests.RealShape;

/// <summary>
/// The reader on <see cref="RealShapeTree"/>: every figure below is the sum of the counts written into the fixture's
/// lines, added up by hand, not by the reader's code.
/// </summary>
public sealed class RealShapeTreeTests
{
    // kimi-for-coding (priced as kimi-k2.7-code from 2026-06-12): Kimi CLI m1, m3, m4, f1, ff1; Kimi Code u1, u2, the
    // compaction, the fork's own and the fork of the fork's own request.
    private static readonly TokenUsage ForCoding = new(
        InputOther: 1200 + 900 + 1500 + 110 + 130 + 3000 + 2500 + 52000 + 600 + 700,
        CacheRead: 8000 + 12000 + 15000 + 21000 + 22000 + 40000 + 45000 + 0 + 50000 + 51000,
        CacheCreation: 10,
        Output: 150 + 220 + 330 + 44 + 55 + 500 + 700 + 2100 + 90 + 95);

    // kimi-k2-turbo-preview (the subagent's meta.json "fast" alias): m2 (logged twice) and m5 (only in its own log).
    private static readonly TokenUsage Turbo = new(InputOther: 400 + 70, CacheRead: 2000, CacheCreation: 0, Output: 60 + 30);

    // k9 (no price): one request of 10 input and 5 output tokens.
    private static readonly TokenUsage K9 = new(10, 0, 0, 5);

    [Fact]
    public void Read_RealShapeTree_EveryTokenClassEqualsTheHandCount()
    {
        var report = Read().Report();

        Assert.Equal(ForCoding + Turbo + K9, report.Total.Usage);
        Assert.Equal(new TokenUsage(62640 + 470 + 10, 264000 + 2000, 10, 4284 + 90 + 5), report.Total.Usage);
    }

    [Fact]
    public void Read_RealShapeTree_PricedCostEqualsTheHandCount()
    {
        var report = Read().Report();

        var forCoding = ((62640 * 0.95m) + (264000 * 0.19m) + (10 * 0.95m) + (4284 * 4.00m)) / 1_000_000m;
        var turbo = ((470 * 1.15m) + (2000 * 0.15m) + (90 * 8.00m)) / 1_000_000m;
        Assert.InRange(report.Total.PricedCostUsd, forCoding + turbo - 1e-8m, forCoding + turbo + 1e-8m);
        Assert.Null(report.Total.CostUsd);
        Assert.Equal([new UnpricedModel("k9", 15)], report.Total.Unpriced);
    }

    [Fact]
    public void Read_RealShapeTree_PrintsNoWarning()
    {
        Assert.Empty(Read().Warnings);
    }

    [Fact]
    public void Report_ByModel_OneRowPerModelHoweverSpelled()
    {
        var report = Read().Report(new UsageQuery { GroupBy = UsageGrouping.Model });

        Assert.Equal(
            [("kimi-for-coding", ForCoding), ("kimi-k2-turbo-preview", Turbo), ("k9", K9)],
            report.Groups.Select(static g => (g.Key, g.Summary.Usage)));
    }

    [Theory]
    [InlineData(RealShapeTree.Source, 1200 + 400 + 900 + 1500 + 70, null)]
    [InlineData(RealShapeTree.Fork, 110, RealShapeTree.Source)]
    [InlineData(RealShapeTree.Undo, 0, RealShapeTree.Source)]
    [InlineData(RealShapeTree.ForkOfFork, 130, RealShapeTree.Fork)]
    [InlineData(RealShapeTree.CodeSource, 3000 + 2500 + 52000 + 10, null)]
    [InlineData(RealShapeTree.CodeFork, 600, RealShapeTree.CodeSource)]
    [InlineData(RealShapeTree.CodeForkOfFork, 700, RealShapeTree.CodeFork)]
    public void Report_BySession_AForkHasOnlyItsOwnCallsAndNamesItsSource(string session, long inputOther, string? forkedFrom)
    {
        var report = Read().Report(new UsageQuery { GroupBy = UsageGrouping.Session });

        var group = Assert.Single(report.Groups, g => g.Key == session);
        Assert.Equal(((ulong)inputOther, 1L, forkedFrom), (group.Summary.Usage.InputOther, group.Summary.Sessions, group.ForkedFrom));
    }

    [Fact]
    public void Report_BySession_CountsSevenSessions()
    {
        Assert.Equal(7, Read().Report(new UsageQuery { GroupBy = UsageGrouping.Session }).Total.Sessions);
    }

    [Fact]
    public void Read_ForkWithoutCalls_StartsAfterWhatItCopied()
    {
        var undo = Read().Sessions.Single(static s => s.SessionId == RealShapeTree.Undo);

        Assert.Empty(undo.Calls);
        Assert.Equal(RealShapeTree.Start.AddSeconds(4.125), undo.StartedAt);
    }

    [Fact]
    public void Read_KimiCodeHomeFromTheEnvironment_ReadsItAndNotTheDefaultHome()
    {
        var tree = RealShapeTree.Build();
        var options = KimiUsageOptions.FromEnvironment(
            name => name == "KIMI_CODE_HOME" ? RealShapeTree.CodeHome : null,
            "/home/user");

        var sessions = new KimiUsageReader(tree.FileSystem, options).Read().Sessions.Select(static s => s.SessionId).ToList();

        Assert.Contains(RealShapeTree.CodeSource, sessions);
        Assert.DoesNotContain("ses_decoy", sessions);
    }

    [Fact]
    public void Read_NoKimiCodeHomeVariable_ReadsTheDefaultHome()
    {
        var options = KimiUsageOptions.FromEnvironment(static _ => null, "/home/user");

        Assert.Equal((RealShapeTree.ShareRoot, RealShapeTree.DefaultCodeHome), (options.KimiCliRoot, options.KimiCodeRoot));
    }

    private static KimiUsageResult Read()
    {
        var tree = RealShapeTree.Build();
        return new KimiUsageReader(tree.FileSystem, new KimiUsageOptions { KimiCliRoot = RealShapeTree.ShareRoot, KimiCodeRoot = RealShapeTree.CodeHome }).Read();
    }
}
