using System.Text;
using Omk.Cost.Adapters.Kimi.Reading;
using Omk.Cost.Adapters.Kimi.Tests.Fixtures;
using Omk.Cost.Domain.Usage;

namespace Omk.Cost.Adapters.Kimi.Tests.Reading;

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
    public void Parse_SessionScopedRecord_IsUsage()
    {
        Assert.Equal(WireLineKind.Usage, Parse(Wire.UsageRecord(1790000000000, "m", 1, 1, 1, 1, scope: "session")).Kind);
    }

    [Fact]
    public void Parse_RecordWithoutScope_IsUsage()
    {
        Assert.Equal(WireLineKind.Usage, Parse("""{"type":"usage.record","model":"m","usage":{"inputOther":1,"output":2,"inputCacheRead":0,"inputCacheCreation":0},"time":1790000000000}""").Kind);
    }

    [Fact]
    public void Parse_StepEndLoopEvent_IsIgnoredThoughItHoldsUsage()
    {
        const string Line = """{"type":"context.append_loop_event","event":{"type":"step.end","uuid":"u","turnId":"1","step":1,"usage":{"inputOther":5,"output":6,"inputCacheRead":7,"inputCacheCreation":0},"finishReason":"tool_calls"},"time":1790000000000}""";

        Assert.Equal(WireLineKind.Ignored, Parse(Line).Kind);
    }

    [Fact]
    public void Parse_KnownRecordType_IsIgnored()
    {
        Assert.Equal(WireLineKind.Ignored, Parse(Wire.CodeEvent(1790000000000, "full_compaction.complete")).Kind);
    }

    [Fact]
    public void Parse_UnknownRecordType_IsUnknownType()
    {
        Assert.Equal(WireLineKind.UnknownType, Parse(Wire.CodeEvent(1790000000000, "hologram.render")).Kind);
    }

    [Fact]
    public void Parse_ForkedRecord_IsForked()
    {
        Assert.Equal(WireLineKind.Forked, Parse("""{"type":"forked","time":1790000000000}""").Kind);
    }

    [Fact]
    public void Parse_LlmRequest_GivesModelOfAlias()
    {
        var line = Parse("""{"type":"llm.request","kind":"loop","provider":"kimi","model":"kimi-for-coding","modelAlias":"kimi-code/kimi-for-coding","toolSelect":false,"systemPromptHash":"h","toolsHash":"t","messageCount":3,"time":1790000000000}""");

        Assert.Equal((WireLineKind.ModelRequest, "kimi-for-coding", "kimi-code/kimi-for-coding"), (line.Kind, line.Model, line.ModelAlias));
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

    [Theory]
    [InlineData("""{"\ud800": 1}""")]
    [InlineData("""{"type": "usage.record", "usage": {"\udc00": 1}}""")]
    public void Parse_KeyWithAnEscapedLoneSurrogate_IsInvalid(string line)
    {
        // Comparing such a key throws InvalidOperationException in Utf8JsonReader, not JsonException.
        Assert.Equal(WireLineKind.InvalidJson, Parse(line).Kind);
    }

    [Fact]
    public void Parse_NotJson_IsInvalid()
    {
        Assert.Equal(WireLineKind.InvalidJson, Parse("{\"type\":\"usage.rec").Kind);
    }

    private static WireLine Parse(string line) => KimiCodeWireParser.Parse(Encoding.UTF8.GetBytes(line));
}
