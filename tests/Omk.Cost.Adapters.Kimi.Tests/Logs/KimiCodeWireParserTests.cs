using System.Text;
using Omk.Cost.Adapters.Kimi.Logs;
using Omk.Cost.Adapters.Kimi.Tests.Fixtures;
using Omk.Cost.Domain.Usage;

namespace Omk.Cost.Adapters.Kimi.Tests.Logs;

public sealed class KimiCodeWireParserTests
{
    [Fact]
    public void Parse_TurnUsageRecord_ReturnsUsageModelAndTime()
    {
        var line = Parse(Wire.UsageRecord(1790000000123, "kimi-code/kimi-for-coding", 10, 20, 30, 40));

        Assert.Equal(WireLineKind.Usage, line.Kind);
        Assert.Equal(new TokenUsage(10, 30, 40, 20), line.Usage);
        Assert.Equal("kimi-code/kimi-for-coding", line.Model);
        Assert.Equal(DateTimeOffset.FromUnixTimeMilliseconds(1790000000123), line.Timestamp);
    }

    [Fact]
    public void Parse_SessionScopedRecord_IsIgnored()
    {
        Assert.Equal(WireLineKind.Ignored, Parse(Wire.UsageRecord(1790000000000, "m", 1, 1, 1, 1, scope: "session")).Kind);
    }

    [Fact]
    public void Parse_OtherRecordType_IsIgnored()
    {
        Assert.Equal(WireLineKind.Ignored, Parse(Wire.CodeEvent(1790000000000, "content.part")).Kind);
    }

    [Fact]
    public void Parse_ObjectWithoutType_IsNotAnEvent()
    {
        Assert.Equal(WireLineKind.NotAnEvent, Parse("""{"time": 1}""").Kind);
    }

    [Fact]
    public void Parse_NegativeCount_IsBadCounts()
    {
        Assert.Equal(WireLineKind.BadCounts, Parse(Wire.UsageRecord(1790000000000, "m", 1, 1, 1, 1).Replace("\"output\":1", "\"output\":-1", StringComparison.Ordinal)).Kind);
    }

    [Fact]
    public void Parse_NotJson_IsInvalid()
    {
        Assert.Equal(WireLineKind.InvalidJson, Parse("{\"type\":\"usage.rec").Kind);
    }

    private static WireLine Parse(string line) => KimiCodeWireParser.Parse(Encoding.UTF8.GetBytes(line));
}
