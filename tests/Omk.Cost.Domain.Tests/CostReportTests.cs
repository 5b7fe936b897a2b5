namespace Omk.Cost.Domain.Tests;

public sealed class CostReportTests
{
    private const string ReferenceText =
        "OMK Cost Report\n" +
        "Total estimated: ~$6.0000\n" +
        "\n" +
        "By session type:\n" +
        "  team                 $4.0000\n" +
        "  autopilot            $2.0000\n" +
        "\n" +
        "Sessions: 3\n";

    private static readonly SessionCost[] ReferenceSessions =
    [
        TestSessions.Create(sessionType: "team", estimatedUsd: 1.0m),
        TestSessions.Create(sessionType: "team", estimatedUsd: 3.0m),
        TestSessions.Create(sessionType: "autopilot", estimatedUsd: 2.0m),
    ];

    [Fact]
    public void ToString_ReferenceSessions_IsTheReferenceText()
    {
        var report = CostReport.Create(ReferenceSessions);

        var text = report.ToString();

        Assert.Equal(ReferenceText, text);
    }

    [Fact]
    public void ToString_CommaDecimalCulture_IsStillTheReferenceText()
    {
        var report = CostReport.Create(ReferenceSessions);
        string text;
        using (new CommaDecimalCulture())
        {
            text = report.ToString();
        }

        Assert.Equal(ReferenceText, text);
    }

    [Fact]
    public void ToString_KeyLongerThanTheColumn_WidensTheColumnForEveryGroup()
    {
        var longName = new string('n', 30);
        var report = CostReport.Create(
            [TestSessions.Create(name: longName, estimatedUsd: 2m), TestSessions.Create(name: "short", estimatedUsd: 1m)],
            new CostReportQuery { GroupBy = CostGrouping.Name });

        var lines = report.ToString().Split('\n');

        Assert.Contains($"  {longName} $2.0000", lines);
        Assert.Contains($"  {"short".PadRight(30)} $1.0000", lines);
    }

    [Fact]
    public void ToString_NoSessions_SaysNoCostDataRecordedYet()
    {
        var report = CostReport.Create([]);

        var text = report.ToString();

        Assert.Equal("No cost data recorded yet.", text);
    }

    [Fact]
    public void ToString_NoSessionInTheWindow_SaysNoCostDataRecordedYet()
    {
        var report = CostReport.Create(ReferenceSessions, new CostReportQuery { Until = TestSessions.Noon });

        var text = report.ToString();

        Assert.Equal("No cost data recorded yet.", text);
    }

    [Theory]
    [InlineData(CostGrouping.Type, "By session type:\n")]
    [InlineData(CostGrouping.Name, "By name:\n")]
    [InlineData(CostGrouping.Day, "By day:\n")]
    [InlineData(CostGrouping.Month, "By month:\n")]
    public void ToString_AnyGrouping_NamesItInTheHeading(CostGrouping groupBy, string heading)
    {
        var report = CostReport.Create(ReferenceSessions, new CostReportQuery { GroupBy = groupBy });

        var text = report.ToString();

        Assert.Contains(heading, text, StringComparison.Ordinal);
    }

    [Fact]
    public void Create_NullQuery_CoversEverySessionByType()
    {
        var report = CostReport.Create(ReferenceSessions, query: null);

        Assert.Equal((CostGrouping.Type, 3L), (report.GroupBy, report.Sessions));
    }

    [Fact]
    public void Create_NullSessions_ThrowsArgumentNullException()
    {
        Assert.Throws<ArgumentNullException>(() => CostReport.Create(null!));
    }

    [Fact]
    public async Task CreateAsync_Stream_GivesTheSameReportAsCreate()
    {
        var report = await CostReport.CreateAsync(ReferenceSessions.ToAsyncEnumerable());

        Assert.Equal(ReferenceText, report.ToString());
    }

    [Fact]
    public async Task CreateAsync_CancelledToken_Throws()
    {
        await Assert.ThrowsAnyAsync<OperationCanceledException>(
            () => CostReport.CreateAsync(ReferenceSessions.ToAsyncEnumerable(), cancellationToken: TestSessions.Cancelled()));
    }

    [Theory]
    [InlineData(CostGrouping.Type, "session type")]
    [InlineData(CostGrouping.Name, "name")]
    [InlineData(CostGrouping.Day, "day")]
    [InlineData(CostGrouping.Week, "week")]
    [InlineData(CostGrouping.Month, "month")]
    public void GroupTitle_EveryGrouping_HasItsWords(CostGrouping grouping, string words)
    {
        Assert.Equal(words, CostReport.GroupTitle(grouping));
    }
}
