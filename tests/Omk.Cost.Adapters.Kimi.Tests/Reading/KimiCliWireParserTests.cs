using System.Text;
using Omk.Cost.Adapters.Kimi.Caching;
using Omk.Cost.Adapters.Kimi.Reading;
using Omk.Cost.Adapters.Kimi.Tests.Fixtures;
using Omk.Cost.Domain.Usage;

namespace Omk.Cost.Adapters.Kimi.Tests.Reading;

public sealed class KimiCliWireParserTests
{
    [Fact]
    public void Parse_StatusUpdateWithUsage_ReturnsUsageAndMessageId()
    {
        var line = Parse(Wire.Status(1790000001.25m, 1200, 350, 29800, 7, "chatcmpl-abc"));

        Assert.Equal(WireLineKind.Usage, line.Kind);
        Assert.Equal(new TokenUsage(1200, 29800, 7, 350), line.Usage);
        Assert.Equal(MessageIdHash.Of("chatcmpl-abc"u8), line.MessageId);
        Assert.Null(line.AgentId);
    }

    [Fact]
    public void Parse_FractionalTimestamp_KeepsItExactly()
    {
        var line = Parse(Wire.Status(1790000001.25m, 1, 1, 0, 0, "m"));

        Assert.Equal(DateTimeOffset.FromUnixTimeMilliseconds(1790000001250), line.Timestamp);
    }

    [Fact]
    public void Parse_NullTokenUsage_IsIgnored()
    {
        Assert.Equal(WireLineKind.Ignored, Parse(Wire.NullUsage(1790000001m)).Kind);
    }

    [Fact]
    public void Parse_SubagentEvent_ReturnsInnerUsageAndAgentId()
    {
        var line = Parse(Wire.Subagent(1790000002m, "agent-7", Wire.StatusEvent(10, 20, 30, 40, "sub-msg")));

        Assert.Equal(WireLineKind.Usage, line.Kind);
        Assert.Equal(new TokenUsage(10, 30, 40, 20), line.Usage);
        Assert.Equal("agent-7", line.AgentId);
        Assert.Equal(MessageIdHash.Of("sub-msg"u8), line.MessageId);
    }

    [Fact]
    public void Parse_EscapedMessageId_HasTheSameFingerprintAsUnescaped()
    {
        var line = Parse(Wire.Status(1790000001m, 1, 1, 0, 0, "chatcmpl-\\u0041"));

        Assert.Equal(MessageIdHash.Of("chatcmpl-A"u8), line.MessageId);
    }

    [Fact]
    public void Parse_NestedSubagentEvent_ReturnsInnermostAgentId()
    {
        var line = Parse(Wire.Subagent(1790000002m, "outer", $$$"""{"type": "SubagentEvent", "payload": {"agent_id": "inner", "event": {{{Wire.StatusEvent(1, 1, 1, 1, "x")}}}}}"""));

        Assert.Equal("inner", line.AgentId);
    }

    [Fact]
    public void Parse_PayloadBeforeType_StillReadsUsage()
    {
        var line = Parse("""{"message": {"payload": {"token_usage": {"input_other": 5, "output": 6, "input_cache_read": 0, "input_cache_creation": 0}, "message_id": "m"}, "type": "StatusUpdate"}, "timestamp": 1790000000}""");

        Assert.Equal(WireLineKind.Usage, line.Kind);
        Assert.Equal(new TokenUsage(5, 0, 0, 6), line.Usage);
    }

    [Fact]
    public void Parse_KnownEventWithoutUsage_IsIgnoredWithTimestamp()
    {
        var line = Parse(Wire.TurnBegin(1790000000m));

        Assert.Equal(WireLineKind.Ignored, line.Kind);
        Assert.NotNull(line.Timestamp);
    }

    [Fact]
    public void Parse_MetadataLine_IsIgnored()
    {
        Assert.Equal(WireLineKind.Ignored, Parse(Wire.Metadata).Kind);
    }

    [Fact]
    public void Parse_UnknownEventType_IsReportedAsUnknown()
    {
        Assert.Equal(WireLineKind.UnknownType, Parse(Wire.Line(1790000000m, """{"type": "BrandNewEvent", "payload": {}}""")).Kind);
    }

    [Fact]
    public void Parse_TruncatedJson_IsInvalid()
    {
        var full = Wire.Status(1790000000m, 1, 2, 3, 4, "m");

        Assert.Equal(WireLineKind.InvalidJson, Parse(full[..(full.Length / 2)]).Kind);
    }

    [Theory]
    [InlineData("""{"\ud800": 1}""")]
    [InlineData("""{"timestamp": 1790000000, "message": {"\udc00": 1, "type": "StatusUpdate", "payload": {}}}""")]
    public void Parse_KeyWithAnEscapedLoneSurrogate_IsInvalid(string line)
    {
        // Comparing such a key throws InvalidOperationException in Utf8JsonReader, not JsonException.
        Assert.Equal(WireLineKind.InvalidJson, Parse(line).Kind);
    }

    [Fact]
    public void Parse_TrailingGarbage_IsInvalid()
    {
        Assert.Equal(WireLineKind.InvalidJson, Parse(Wire.Status(1790000000m, 1, 2, 3, 4, "m") + " x").Kind);
    }

    [Fact]
    public void Parse_JsonWithoutMessage_IsNotAnEvent()
    {
        Assert.Equal(WireLineKind.NotAnEvent, Parse("""{"timestamp": 1790000000}""").Kind);
    }

    [Fact]
    public void Parse_NegativeCount_IsBadCounts()
    {
        Assert.Equal(WireLineKind.BadCounts, Parse(Wire.Status(1790000000m, 1, 2, 3, 4, "m").Replace("\"output\": 2", "\"output\": -2", StringComparison.Ordinal)).Kind);
    }

    [Fact]
    public void Parse_AbsurdCount_IsBadCounts()
    {
        Assert.Equal(WireLineKind.BadCounts, Parse(Wire.Status(1790000000m, 1_000_000_001, 2, 3, 4, "m")).Kind);
    }

    [Fact]
    public void Parse_FractionalCount_IsBadCounts()
    {
        Assert.Equal(WireLineKind.BadCounts, Parse(Wire.Status(1790000000m, 1, 2, 3, 4, "m").Replace("\"output\": 2", "\"output\": 2.5", StringComparison.Ordinal)).Kind);
    }

    [Fact]
    public void Parse_UsageWithoutTimestamp_IsMissingTimestamp()
    {
        Assert.Equal(WireLineKind.MissingTimestamp, Parse($$$"""{"message": {{{Wire.StatusEvent(1, 2, 3, 4, "m")}}}}""").Kind);
    }

    [Fact]
    public void Parse_AllZeroUsage_IsIgnored()
    {
        Assert.Equal(WireLineKind.Ignored, Parse(Wire.Status(1790000000m, 0, 0, 0, 0, "m")).Kind);
    }

    [Theory]
    [InlineData("TextPart")]
    [InlineData("ThinkPart")]
    [InlineData("ToolResult")]
    [InlineData("StepBegin")]
    [InlineData("TurnEnd")]
    [InlineData("CompactionEnd")]
    [InlineData("ApprovalRequestResolved")]
    [InlineData("QuestionResponse")]
    public void Parse_KnownTypeFromTheHead_IsIgnoredWithTimestamp(string type)
    {
        var line = KimiCliWireParser.Parse(Encoding.UTF8.GetBytes(Wire.Line(1790000000.5m, TypedEvent(type))), validateWhole: false);

        Assert.Equal(WireLineKind.Ignored, line.Kind);
        Assert.Equal(DateTimeOffset.FromUnixTimeMilliseconds(1790000000500), line.Timestamp);
    }

    [Theory]
    [InlineData("TextPar")]
    [InlineData("TextPartX")]
    [InlineData("textpart")]
    [InlineData("ApprovalRequestResolvedX")]
    [InlineData("A_1")]
    [InlineData("Foo Bar")]
    [InlineData("Tool\u0043all")]
    public void Parse_UnknownTypeFromTheHead_IsUnknownLikeTheJsonReader(string type)
    {
        var text = Encoding.UTF8.GetBytes(Wire.Line(1790000000m, TypedEvent(type)));

        var fromHead = KimiCliWireParser.Parse(text, validateWhole: false);

        Assert.Equal(KimiCliWireParser.ParseWhole(text).Kind, fromHead.Kind);
    }

    [Theory]
    [InlineData("0", 0L)]
    [InlineData("0.5", 5_000_000L)]
    [InlineData("1790000001.25", 17_900_000_012_500_000L)]
    [InlineData("1790000001.123456789", 17_900_000_011_234_567L)]
    [InlineData("253370764799.9999999", 2_533_707_647_999_999_999L)]
    [InlineData("12345678", 123_456_780_000_000L)]
    [InlineData("99999999.9", 999_999_999_000_000L)]
    [InlineData("1000000000", 10_000_000_000_000_000L)]
    [InlineData("1234567", 12_345_670_000_000L)]
    public void TryReadPlainSeconds_PlainNumber_ReadsTheTicks(string text, long ticks)
    {
        var bytes = Encoding.UTF8.GetBytes(text + ", ");

        Assert.Equal(text.Length, UnixTime.TryReadPlainSeconds(bytes, out var moment));
        Assert.Equal(DateTimeOffset.UnixEpoch.AddTicks(ticks), moment);
        Assert.Equal(UnixTime.Parse(Encoding.UTF8.GetBytes(text), milliseconds: false), moment);
    }

    [Fact]
    public void TryReadPlainSeconds_GeneratedNumbers_AgreeWithParse()
    {
        var random = new Random(7);
        for (var round = 0; round < 20_000; round++)
        {
            var whole = random.Next(1, 14);
            var text = new StringBuilder().Append((char)('1' + random.Next(9)));
            for (var digit = 1; digit < whole; digit++)
            {
                text.Append((char)('0' + random.Next(10)));
            }

            if (random.Next(3) > 0)
            {
                text.Append('.');
                for (var digit = random.Next(1, 12); digit > 0; digit--)
                {
                    text.Append((char)('0' + random.Next(10)));
                }
            }

            var number = text.ToString();
            var length = UnixTime.TryReadPlainSeconds(Encoding.UTF8.GetBytes(number + ", \"message\""), out var moment);
            var expected = UnixTime.Parse(Encoding.UTF8.GetBytes(number), milliseconds: false);

            Assert.Equal(expected is null ? 0 : number.Length, length);
            Assert.Equal(expected ?? default, moment);
        }
    }

    [Theory]
    [InlineData("")]
    [InlineData("01790000001")]
    [InlineData("00.5")]
    [InlineData("1790000001.")]
    [InlineData("253402300800")]
    [InlineData("9999999999999")]
    [InlineData("-1")]
    [InlineData(".5")]
    [InlineData("0000000001")]
    [InlineData("/2345678")]
    public void TryReadPlainSeconds_NotAPlainNumberOrPastTheYear9999_ReturnsZero(string text)
    {
        Assert.Equal(0, UnixTime.TryReadPlainSeconds(Encoding.UTF8.GetBytes(text + ", "), out _));
    }

    [Fact]
    public void Parse_BlankLine_IsIgnored()
    {
        Assert.Equal(WireLineKind.Ignored, Parse("   ").Kind);
    }

    private static string TypedEvent(string type) => "{\"type\": \"" + type + "\", \"payload\": {}}";

    private static WireLine Parse(string line) => KimiCliWireParser.Parse(Encoding.UTF8.GetBytes(line));
}
