using System.Text;
using Omk.Cost.Adapters.Kimi.Caching;
using Omk.Cost.Adapters.Kimi.Pricing;
using Omk.Cost.Adapters.Kimi.Reading;
using Omk.Cost.Adapters.Kimi.Tests.Fixtures;
using Omk.Cost.Domain.Usage;

namespace Omk.Cost.Adapters.Kimi.Tests.Reading;

/// <summary>
/// The byte scanner of <c>StatusUpdate</c> lines: it reads Kimi CLI's own shape, hands anything else to the JSON
/// reader, and never gives a result the JSON reader would not.
/// </summary>
public sealed class StatusUpdateScannerTests
{
    private const string Head = """{"timestamp": 1790000001.25, "message": {"type": "StatusUpdate", "payload": """;

    private static readonly string KimiLine = Wire.Status(1790000001.25m, 1200, 350, 29800, 7, "chatcmpl-abc");

    [Fact]
    public void TryScan_KimiCliShape_ReadsUsageMessageIdAndTimestamp()
    {
        Assert.True(Scan(KimiLine, out var line));

        Assert.Equal(WireLineKind.Usage, line.Kind);
        Assert.Equal(new TokenUsage(1200, 29800, 7, 350), line.Usage);
        Assert.Equal(MessageIdHash.Of("chatcmpl-abc"u8), line.MessageId);
        Assert.Equal(DateTimeOffset.FromUnixTimeMilliseconds(1790000001250), line.Timestamp);
        Assert.Equal(KimiCliWireParser.ParseWhole(Bytes(KimiLine)), line);
    }

    [Theory]
    [InlineData("""{"context_usage": null, "token_usage": null, "message_id": null, "plan_mode": null}""", false)]
    [InlineData("""{"token_usage": {"input_other": 0, "output": 0, "input_cache_read": 0, "input_cache_creation": 0}, "message_id": "m"}""", false)]
    [InlineData("""{}""", false)]
    [InlineData("""{"plan_mode": true, "message_id": "m"}""", false)]
    [InlineData("""{"token_usage": {"output": 2, "input_cache_creation": 4, "input_other": 1, "input_cache_read": 3}}""", true)]
    [InlineData("""{"token_usage": {"output": 2}}""", true)]
    [InlineData("""{"message_id": "m", "token_usage": {"input_other": 1}, "extra": "x"}""", true)]
    [InlineData("""{"context_usage": -1.5e-3, "context_tokens": 0, "max_context_tokens": 1E+9, "token_usage": {"input_other": 1000000000, "output": 0}, "message_id": "id with spaces", "plan_mode": false}""", true)]
    public void TryScan_OtherKeyOrderNumbersOrNoUsage_ReadsWhatTheJsonReaderReads(string payload, bool usage)
    {
        var text = Head + payload + "}}";

        Assert.True(Scan(text, out var line));
        Assert.Equal(usage ? WireLineKind.Usage : WireLineKind.Ignored, line.Kind);
        Assert.Equal(KimiCliWireParser.ParseWhole(Bytes(text)), line);
    }

    [Theory]
    [InlineData("""{"timestamp":1790000001.25,"message":{"type":"StatusUpdate","payload":{"token_usage":{"input_other":5,"output":6},"message_id":"m"}}}""")]
    [InlineData("""{"timestamp": 1790000001.25, "message": {"type": "StatusUpdate", "payload": {"token_usage": {"input_other":5, "output": 6}, "message_id": "m"}}}""")]
    [InlineData("""{"timestamp": 1790000001.25, "message": {"type": "StatusUpdate", "payload": {"token_usage": {"input_other": 5}, "message_id": "m"} }}""")]
    [InlineData("""{"timestamp": 1790000001.25, "message": {"type": "StatusUpdate", "payload": {"token_usage": {"input_other": 5}, "message_id": "chatcmpl-\u0041"}}}""")]
    [InlineData("""{"timestamp": 1790000001.25, "message": {"type": "StatusUpdate", "payload": {"token_usage": {"input_other": 5}, "message_id": "m\"q"}}}""")]
    [InlineData("""{"timestamp": 1790000001.25, "message": {"type": "StatusUpdate", "payload": {"note": "café", "token_usage": {"input_other": 5}, "message_id": "m"}}}""")]
    [InlineData("""{"timestamp": 1790000001.25, "message": {"type": "StatusUpdate", "payload": {"extra": {"a": [1, 2]}, "token_usage": {"input_other": 5}, "message_id": "m"}}}""")]
    [InlineData("""{"timestamp": 1790000001.25, "message": {"type": "StatusUpdate", "payload": {"token_usage": {"input_other": 5, "reasoning": 2}, "message_id": "m"}}}""")]
    [InlineData("""{"timestamp": 1790000001.25, "message": {"type": "StatusUpdate", "payload": {"token_usage": {"input_other": 5, "input_other": 7}, "message_id": "m"}}}""")]
    [InlineData("""{"timestamp": 1790000001.25, "message": {"type": "StatusUpdate", "payload": {"token_usage": {"input_other": 5}, "token_usage": {"output": 7}, "message_id": "m"}}}""")]
    [InlineData("""{"timestamp": 1790000001.25, "message": {"type": "StatusUpdate", "payload": {"token_usage": {"input_other": 5}, "message_id": "a", "message_id": "b"}}}""")]
    [InlineData("""{"timestamp": 1790000001.25, "message": {"type": "StatusUpdate", "payload": {"token_usage": {"input_other": null, "output": 6}, "message_id": "m"}}}""")]
    [InlineData(Head + """{"token_usage": {"input_other": 5}, "message_id": "m"}}} """)]
    [InlineData(Head + """{"token_usage": {"input_other": 5}, "message_id": "m"}}, "x": 1}""")]
    public void Parse_OtherSpacingEscapesNestingOrRepeats_FallsBackToTheJsonReader(string text)
    {
        Assert.False(Scan(text, out _));

        AssertSameAsJsonReader(text);
        Assert.Equal(WireLineKind.Usage, KimiCliWireParser.Parse(Bytes(text)).Kind);
    }

    [Fact]
    public void Parse_EscapedMessageId_FallsBackAndKeepsTheUnescapedFingerprint()
    {
        var text = Head + """{"token_usage": {"input_other": 5}, "message_id": "chatcmpl-\u0041"}}}""";

        Assert.False(Scan(text, out _));
        Assert.Equal(MessageIdHash.Of("chatcmpl-A"u8), KimiCliWireParser.Parse(Bytes(text), validateWhole: false).MessageId);
    }

    [Theory]
    [InlineData("99999999999")]
    [InlineData("1000000001")]
    [InlineData("18446744073709551616")]
    [InlineData("1.5")]
    [InlineData("1e3")]
    [InlineData("-1")]
    [InlineData("\"5\"")]
    public void Parse_HugeFractionalOrNegativeCount_FallsBackAndIsBadCounts(string count)
    {
        var text = Head + """{"token_usage": {"input_other": """ + count + """, "output": 1}, "message_id": "m"}}}""";

        Assert.False(Scan(text, out _));
        Assert.Equal(WireLineKind.BadCounts, KimiCliWireParser.Parse(Bytes(text), validateWhole: false).Kind);
        AssertSameAsJsonReader(text);
    }

    [Theory]
    [InlineData("""{"token_usage": {"input_other": 5}, "message_id": "m"}}}}""")]
    [InlineData("""{"context_tokens": 012, "token_usage": {"input_other": 5}}}}""")]
    [InlineData("""{"context_tokens": 1., "token_usage": {"input_other": 5}}}}""")]
    [InlineData("""{"plan_mode": nul, "token_usage": {"input_other": 5}}}}""")]
    [InlineData("""{"token_usage": {"input_other": 05}}}}""")]
    public void Parse_TrailingBytesOrInvalidValues_FallsBackToTheJsonReader(string payload)
    {
        var text = Head + payload;

        Assert.False(Scan(text, out _));
        AssertSameAsJsonReader(text);
        Assert.NotEqual(WireLineKind.Usage, KimiCliWireParser.Parse(Bytes(text), validateWhole: false).Kind);
    }

    [Fact]
    public void Parse_LeadingZeroTimestamp_IsInvalidJsonLikeTheJsonReader()
    {
        var text = """{"timestamp": 01790000001, "message": {"type": "StatusUpdate", "payload": {"token_usage": {"input_other": 5}}}}""";

        Assert.Equal(WireLineKind.InvalidJson, KimiCliWireParser.Parse(Bytes(text), validateWhole: false).Kind);
        AssertSameAsJsonReader(text);
    }

    [Fact]
    public void Parse_EveryTruncationOfAKimiLine_IsWhatTheJsonReaderSays()
    {
        for (var length = 0; length < KimiLine.Length; length++)
        {
            var text = KimiLine[..length];

            Assert.False(Scan(text, out _), text);
            AssertSameAsJsonReader(text);
        }
    }

    [Fact]
    public void Parse_EverySingleByteEditOfAKimiLine_IsWhatTheJsonReaderSays()
    {
        var original = Bytes(KimiLine);
        byte[] replacements = [(byte)' ', (byte)'"', (byte)'\\', (byte)'x', (byte)'}', (byte)'{', (byte)',', (byte)':', (byte)'0', (byte)'9', (byte)'-', (byte)'.', (byte)'e', 0x01, 0xC3, 0xFF];
        for (var position = 0; position < original.Length; position++)
        {
            foreach (var replacement in replacements)
            {
                var edited = (byte[])original.Clone();
                edited[position] = replacement;
                Assert.Equal(KimiCliWireParser.ParseWhole(edited), KimiCliWireParser.Parse(edited));

                byte[] inserted = [.. original.AsSpan(0, position), replacement, .. original.AsSpan(position)];
                Assert.Equal(KimiCliWireParser.ParseWhole(inserted), KimiCliWireParser.Parse(inserted));
            }

            byte[] removed = [.. original.AsSpan(0, position), .. original.AsSpan(position + 1)];
            Assert.Equal(KimiCliWireParser.ParseWhole(removed), KimiCliWireParser.Parse(removed));
        }
    }

    private static bool Scan(string text, out WireLine line)
    {
        line = default;
        var bytes = Bytes(text);
        var type = "\"StatusUpdate\""u8;
        var at = bytes.AsSpan().IndexOf(type);
        var timestamp = DateTimeOffset.FromUnixTimeMilliseconds(1790000001250);
        return at >= 0 && StatusUpdateScanner.TryScan(bytes.AsSpan(at + type.Length), timestamp, out line) && text.StartsWith(Head, StringComparison.Ordinal);
    }

    /// <summary>The line as a log's last line (validated whole) is read exactly as the JSON reader reads it.</summary>
    private static void AssertSameAsJsonReader(string text) =>
        Assert.Equal(KimiCliWireParser.ParseWhole(Bytes(text)), KimiCliWireParser.Parse(Bytes(text), validateWhole: true));

    private static byte[] Bytes(string text) => Encoding.UTF8.GetBytes(text);
}
