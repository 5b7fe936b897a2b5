using System.Text.Json;
using Omk.Cost.Domain.Usage;

using Omk.Cli.Output;

namespace Omk.Cli.Tests.Output;

public sealed class UsageReportJsonTests
{
    private static readonly DateTimeOffset Moment = new(2026, 11, 20, 9, 0, 0, TimeSpan.Zero);

    private static readonly PriceTable Prices = new([new ModelPrice { Model = "priced", CacheMissPerMillion = 1.20m, OutputPerMillion = 2m }]);

    [Fact]
    public void Serialize_Report_UsesTheDocumentedNamesInOrder()
    {
        using var document = Serialize(new UsageCall(Moment, "priced", new TokenUsage(1, 2, 3, 4)));

        Assert.Equal(
            ["sessions", "input_other_tokens", "cache_read_tokens", "cache_creation_tokens", "output_tokens", "cost_usd", "priced_cost_usd", "unpriced", "retries", "time_zone", "window", "groups"],
            document.RootElement.EnumerateObject().Select(p => p.Name));
        Assert.Equal(
            ["key", "start", "end", "sessions", "input_other_tokens", "cache_read_tokens", "cache_creation_tokens", "output_tokens", "cost_usd", "priced_cost_usd", "unpriced", "retries"],
            document.RootElement.GetProperty("groups")[0].EnumerateObject().Select(p => p.Name));
    }

    [Fact]
    public void Serialize_PricedCost_WritesItWithoutTrailingZeros()
    {
        using var document = Serialize(new UsageCall(Moment, "priced", new TokenUsage(1_000_000, 0, 0, 0)));

        Assert.Equal("1.2", document.RootElement.GetProperty("cost_usd").GetRawText());
    }

    [Fact]
    public void Serialize_UnpricedModel_WritesNullCostAndUnpricedEntry()
    {
        using var document = Serialize(new UsageCall(Moment, "mystery", new TokenUsage(1, 2, 3, 4)));

        Assert.Equal(JsonValueKind.Null, document.RootElement.GetProperty("cost_usd").ValueKind);
        Assert.Equal("""[{"model":"mystery","tokens":10}]""", JsonSerializer.Serialize(document.RootElement.GetProperty("unpriced")));
    }

    [Fact]
    public void Serialize_TokenCounts_AreExact()
    {
        using var document = Serialize(new UsageCall(Moment, "priced", new TokenUsage(ulong.MaxValue, 2, 3, 4)));

        Assert.Equal(ulong.MaxValue, document.RootElement.GetProperty("input_other_tokens").GetUInt64());
    }

    [Fact]
    public void Serialize_ByDayInAZone_GivesTheZoneAndEachDaysBoundsWithItsOffset()
    {
        var shanghai = TimeZoneInfo.FindSystemTimeZoneById("Asia/Shanghai");
        var session = new SessionUsage { SessionId = "s", StartedAt = Moment, EndedAt = Moment, Calls = [new UsageCall(Moment.AddHours(15), "priced", new TokenUsage(1, 0, 0, 0))] };

        using var document = JsonDocument.Parse(Serialize(UsageReport.Create([session], Prices, new UsageQuery { TimeZone = shanghai })));

        var root = document.RootElement;
        Assert.Equal("Asia/Shanghai", root.GetProperty("time_zone").GetString());
        var day = root.GetProperty("groups")[0];
        Assert.Equal("2026-11-21", day.GetProperty("key").GetString());
        Assert.Equal("2026-11-21T00:00:00+08:00", day.GetProperty("start").GetString());
        Assert.Equal("2026-11-22T00:00:00+08:00", day.GetProperty("end").GetString());
    }

    [Fact]
    public void Serialize_BySession_GivesTitleStartProjectAndMainModel()
    {
        var losAngeles = TimeZoneInfo.FindSystemTimeZoneById("America/Los_Angeles");
        var session = new SessionUsage
        {
            SessionId = "s",
            Title = "修复登录",
            Project = "/home/li/项目",
            StartedAt = Moment,
            EndedAt = Moment,
            Calls = [new UsageCall(Moment, "small", new TokenUsage(1, 0, 0, 0)), new UsageCall(Moment, "priced", new TokenUsage(5, 0, 0, 0))],
        };

        var json = Serialize(UsageReport.Create([session], Prices, new UsageQuery { GroupBy = UsageGrouping.Session, TimeZone = losAngeles }));

        using var document = JsonDocument.Parse(json);
        var group = document.RootElement.GetProperty("groups")[0];
        Assert.Equal(
            ["key", "title", "started_at", "project", "model", "model_source", "start", "end", "sessions", "input_other_tokens", "cache_read_tokens", "cache_creation_tokens", "output_tokens", "cost_usd", "priced_cost_usd", "unpriced", "retries"],
            group.EnumerateObject().Select(p => p.Name));
        Assert.Equal("修复登录", group.GetProperty("title").GetString());
        Assert.Equal("2026-11-20T01:00:00-08:00", group.GetProperty("started_at").GetString());
        Assert.Equal("/home/li/项目", group.GetProperty("project").GetString());
        Assert.Equal("priced", group.GetProperty("model").GetString());
        Assert.Contains("\"title\": \"修复登录\"", json, StringComparison.Ordinal);
    }

    [Fact]
    public void CsvRows_BySession_AreTheJsonFieldsInTheJsonOrder()
    {
        var session = new SessionUsage
        {
            SessionId = "s",
            Title = "Fix, then \"ship\"",
            StartedAt = Moment,
            EndedAt = Moment,
            Calls = [new UsageCall(Moment, "priced", new TokenUsage(1_000_000, 0, 0, 0)), new UsageCall(Moment, "mystery", new TokenUsage(7, 0, 0, 0))],
        };
        var report = UsageReport.Create([session], Prices, new UsageQuery { GroupBy = UsageGrouping.Session });

        var (header, rows) = UsageReportJson.CsvRows(report);

        using var document = JsonDocument.Parse(Serialize(report));
        var jsonNames = document.RootElement.GetProperty("groups")[0].EnumerateObject().Select(p => p.Name).ToList();
        Assert.Equal(jsonNames, header.Where(jsonNames.Contains));
        Assert.Equal(["project", "forked_from", "window_start", "window_end"], header.Except(jsonNames));
        Assert.Equal(
            ["s", "Fix, then \"ship\"", "2026-11-20T09:00:00+00:00", string.Empty, "priced", "logs", string.Empty, string.Empty, string.Empty, "1", "1000007", "0", "0", "0", string.Empty, "1.2", "mystery=7", "0", string.Empty, string.Empty],
            Assert.Single(rows));
    }

    [Fact]
    public void SerializeAndCsv_Window_IsTheQuerysInTheReportsZone()
    {
        var session = new SessionUsage { SessionId = "s", StartedAt = Moment, EndedAt = Moment, Calls = [new UsageCall(Moment, "priced", new TokenUsage(1, 0, 0, 0))] };
        var shanghai = TimeZoneInfo.FindSystemTimeZoneById("Asia/Shanghai");
        var query = new UsageQuery { Since = new DateTimeOffset(2026, 11, 19, 16, 0, 0, TimeSpan.Zero), Until = new DateTimeOffset(2026, 11, 21, 0, 0, 0, TimeSpan.Zero), TimeZone = shanghai };
        var report = UsageReport.Create([session], Prices, query);

        using var document = JsonDocument.Parse(Serialize(report));
        var (_, rows) = UsageReportJson.CsvRows(report);

        var window = document.RootElement.GetProperty("window");
        Assert.Equal("2026-11-20T00:00:00+08:00", window.GetProperty("start").GetString());
        Assert.Equal("2026-11-21T08:00:00+08:00", window.GetProperty("end").GetString());
        Assert.Equal(["2026-11-20T00:00:00+08:00", "2026-11-21T08:00:00+08:00"], Assert.Single(rows).TakeLast(2));
    }

    private static JsonDocument Serialize(UsageCall call)
    {
        var session = new SessionUsage { SessionId = "s", StartedAt = Moment, EndedAt = Moment, Calls = [call] };
        return JsonDocument.Parse(Serialize(UsageReport.Create([session], Prices)));
    }

    private static string Serialize(UsageReport report)
    {
        using var output = new StringWriter();
        UsageReportJson.Write(output, report);
        return output.ToString();
    }
}
