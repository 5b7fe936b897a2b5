using System.Text;
using System.Text.Json;
using Omk.Cost.Adapters.FileSystem.Serialization;
using Omk.Cost.Domain;

namespace Omk.Cost.Adapters.FileSystem.Tests.Serialization;

public sealed class SessionCostReaderTests
{
    [Fact]
    public void TryRead_ValidSession_MaterialisesIt()
    {
        var expected = new SessionCost
        {
            SessionType = "team",
            Name = "refactor-auth",
            StartedAt = new DateTimeOffset(2026, 11, 20, 9, 15, 2, TimeSpan.Zero),
            EndedAt = new DateTimeOffset(2026, 11, 20, 9, 47, 10, TimeSpan.Zero),
            Estimate = new CostEstimate(1, 2, 3, 4, 0.5m, PricingTier.Budget),
            ActualUsd = 0.75m,
            Id = "kimi:1",
        };

        var read = Read(Session());

        Assert.Equal(expected, read.Session);
    }

    [Fact]
    public void TryRead_WithoutMaterialising_ChecksButBuildsNoSession()
    {
        var read = Read(Session(), materialize: false);

        Assert.Equal((true, null), (read.Valid, read.Session));
    }

    [Fact]
    public void TryRead_WithoutMaterialising_StillReturnsTheId()
    {
        var read = Read(Session(), materialize: false);

        Assert.Equal("kimi:1", read.Id);
    }

    [Theory]
    [InlineData("null")]
    [InlineData(null)]
    public void TryRead_OptionalFieldsNullOrMissing_ReadsThemAsNull(string? value)
    {
        var json = Session(("ended_at", value), ("actual_usd", value), ("id", value));

        var read = Read(json);

        Assert.Equal((null, null, null), (read.Session!.EndedAt, read.Session.ActualUsd, read.Session.Id));
    }

    [Fact]
    public void TryRead_UnknownKeys_KeepsThemWhenMaterialising()
    {
        var unknown = new Dictionary<string, JsonElement>(StringComparer.Ordinal);

        Read(Session(("future_field", """{"nested": [1, 2, 3]}""")), unknownFields: unknown);

        Assert.Equal("""{"nested": [1, 2, 3]}""", unknown["future_field"].GetRawText());
    }

    [Fact]
    public void TryRead_DetailKeys_ReadsThemAsUsageDetails()
    {
        var expected = new SessionUsageDetails { Model = "kimi-k2.6", Project = null, CacheReadTokens = 7, CacheCreationTokens = 18446744073709551615 };

        var read = Read(Session(("model", "\"kimi-k2.6\""), ("project", "null"), ("cache_read_tokens", "7"), ("cache_creation_tokens", "18446744073709551615")));

        Assert.Equal(expected, read.Session!.Details);
    }

    [Fact]
    public void TryRead_NoDetailKeys_HasNoDetails()
    {
        Assert.Null(Read(Session()).Session!.Details);
    }

    [Fact]
    public void TryRead_DetailKeyOfAnotherType_KeepsItAsUnknownAndAcceptsTheSession()
    {
        var unknown = new Dictionary<string, JsonElement>(StringComparer.Ordinal);

        var read = Read(Session(("model", "{\"name\": \"k2\"}"), ("cache_read_tokens", "-1")), unknownFields: unknown);

        Assert.Equal(
            (true, null, "{\"name\": \"k2\"}", "-1"),
            (read.Valid, read.Session!.Details, unknown["model"].GetRawText(), unknown["cache_read_tokens"].GetRawText()));
    }

    [Fact]
    public void TryRead_UnknownEstimateKeys_AcceptsThem()
    {
        var read = Read(Session(("estimate.cached_tokens", "7")));

        Assert.True(read.Valid);
    }

    [Theory]
    [InlineData("session_type")]
    [InlineData("name")]
    [InlineData("started_at")]
    [InlineData("estimate")]
    public void TryRead_MissingRequiredKey_NamesIt(string key)
    {
        var read = Read(Session((key, null)));

        Assert.Equal((false, $"a session lacks \"{key}\""), (read.Valid, read.Error.Reason));
    }

    [Theory]
    [InlineData("input_tokens")]
    [InlineData("output_tokens")]
    [InlineData("duration_secs")]
    [InlineData("worker_count")]
    [InlineData("estimated_usd")]
    [InlineData("tier")]
    public void TryRead_MissingEstimateKey_NamesIt(string key)
    {
        var read = Read(Session(("estimate." + key, null)));

        Assert.Equal((false, $"an estimate lacks \"{key}\""), (read.Valid, read.Error.Reason));
    }

    [Theory]
    [InlineData("session_type", "1")]
    [InlineData("name", "null")]
    [InlineData("started_at", "\"2026-11-20\"")]
    [InlineData("started_at", "null")]
    [InlineData("ended_at", "0")]
    [InlineData("actual_usd", "\"0.75\"")]
    [InlineData("id", "7")]
    [InlineData("estimate", "[]")]
    [InlineData("estimate.input_tokens", "\"x\"")]
    [InlineData("estimate.input_tokens", "-1")]
    [InlineData("estimate.input_tokens", "1.5")]
    [InlineData("estimate.output_tokens", "18446744073709551616")]
    [InlineData("estimate.duration_secs", "null")]
    [InlineData("estimate.worker_count", "true")]
    [InlineData("estimate.estimated_usd", "\"0.5\"")]
    [InlineData("estimate.tier", "\"Gold\"")]
    [InlineData("estimate.tier", "\"budget\"")]
    [InlineData("estimate.tier", "\"STANDARD\"")]
    [InlineData("estimate.tier", "\"\"")]
    [InlineData("estimate.tier", "1")]
    [InlineData("estimate.tier", "null")]
    public void TryRead_WrongValue_NamesTheKey(string key, string value)
    {
        var read = Read(Session((key, value)));

        Assert.Equal((false, true), (read.Valid, read.Error.Reason.StartsWith($"\"{key}\" must be ", StringComparison.Ordinal)));
    }

    [Theory]
    [InlineData("\"Budget\"", PricingTier.Budget)]
    [InlineData("\"Standard\"", PricingTier.Standard)]
    [InlineData("\"Premium\"", PricingTier.Premium)]
    [InlineData("\"Pr\\u0065mium\"", PricingTier.Premium)]
    public void TryRead_Tier_ReadsTheRustSpelling(string value, PricingTier expected)
    {
        var read = Read(Session(("estimate.tier", value)));

        Assert.Equal(expected, read.Session!.Estimate.Tier);
    }

    [Fact]
    public void TryRead_WrongValue_PointsAtTheValue()
    {
        var json = Session(("estimate.tier", "\"Gold\""));

        var read = Read(json);

        Assert.Equal(json.IndexOf("\"Gold\"", StringComparison.Ordinal), read.Error.Offset);
    }

    [Fact]
    public void TryRead_MissingKey_PointsAtTheObject()
    {
        var json = "[" + Session(("name", null));

        var read = Read(json, skipTokens: 1);

        Assert.Equal((false, 1L), (read.Valid, read.Error.Offset));
    }

    [Fact]
    public void TryRead_NotAnObject_Fails()
    {
        var read = Read("[]");

        Assert.Equal((false, "a session must be a JSON object"), (read.Valid, read.Error.Reason));
    }

    [Theory]
    [InlineData("session_type", "1", "\"session_type\" must be a string")]
    [InlineData("name", "null", "\"name\" must be a string")]
    [InlineData("started_at", "\"2026-11-20\"", "\"started_at\" must be an RFC 3339 timestamp")]
    [InlineData("ended_at", "0", "\"ended_at\" must be null or an RFC 3339 timestamp")]
    [InlineData("actual_usd", "\"0.75\"", "\"actual_usd\" must be null or a number of US dollars")]
    [InlineData("id", "7", "\"id\" must be null or a string")]
    [InlineData("estimate", "[]", "\"estimate\" must be an object")]
    [InlineData("estimate.worker_count", "-1", "\"estimate.worker_count\" must be a whole number from 0 to 18446744073709551615")]
    [InlineData("estimate.estimated_usd", "\"0.5\"", "\"estimate.estimated_usd\" must be a number of US dollars")]
    [InlineData("estimate.tier", "\"Gold\"", "\"estimate.tier\" must be \"Budget\", \"Standard\" or \"Premium\"")]
    [InlineData("estimate.tier", "\"\\ud800\"", "\"estimate.tier\" must be \"Budget\", \"Standard\" or \"Premium\"")]
    public void TryRead_WrongValue_SaysWhatTheKeyMustBe(string key, string value, string expected)
    {
        var read = Read(Session((key, value)));

        Assert.Equal((false, expected), (read.Valid, read.Error.Reason));
    }

    [Fact]
    public void TryRead_KnownKeysWrittenWithEscapes_ReadsThemAsTheKeys()
    {
        // "na\u006de" is "name", "estimated\u005fusd" is "estimated_usd": JSON allows any character escaped.
        const string json = """
            {"session_type": "team", "na\u006de": "refactor-auth", "started_at": "2026-11-20T09:15:02Z", "ended_at": null,
             "estimate": {"input_tokens": 1, "output_tokens": 2, "duration_secs": 3, "worker_count": 4, "estimated\u005fusd": 0.5, "tier": "Budget"},
             "actual_usd": null}
            """;

        var read = Read(json);

        Assert.True(read.Valid, read.Error.Reason);
        Assert.Equal(("refactor-auth", 0.5m), (read.Session!.Name, read.Session.Estimate.EstimatedUsd));
    }

    [Theory]
    [InlineData("session_type", "\"\\ud800\"", "\"session_type\"")]
    [InlineData("id", "\"\\udc00x\"", "\"id\"")]
    [InlineData("\\ud800", "1", "a key")]
    [InlineData("estimate.\\ud800", "1", "a key")]
    [InlineData("future_field", "\"\\ud800\"", "a value")]
    [InlineData("future_field", "{\"nested\": [1, \"\\ud800\"]}", "a value")]
    [InlineData("future_field", "{\"\\ud800\": 1}", "a value")]
    [InlineData("estimate.cached_tokens", "\"\\ud800\"", "a value")]
    public void TryRead_EscapedLoneSurrogate_SaysWhatHoldsIt(string key, string value, string what)
    {
        var json = Session((key, value));

        var read = Read(json);

        Assert.Equal(
            (false, $"{what} holds bytes that are not valid UTF-8 text (or an escaped lone surrogate)"),
            (read.Valid, read.Error.Reason));
    }

    [Theory]
    [InlineData("id", "\"\u00ff\"", "\"id\"")]
    [InlineData("name", "\"\u00c3a\"", "\"name\"")]
    [InlineData("\u00ff", "1", "a key")]
    [InlineData("estimate.\u00ff", "1", "a key")]
    [InlineData("future_field", "\"\u00ff\"", "a value")]
    [InlineData("future_field", "[\"\u00ff\"]", "a value")]
    [InlineData("estimate.cached_tokens", "\"\u00ff\"", "a value")]
    public void TryRead_InvalidUtf8_SaysWhatHoldsItAndPointsAtIt(string key, string value, string what)
    {
        // Latin-1 turns each character into one byte: U+00FF becomes the byte 0xFF, never valid in UTF-8.
        var bytes = Encoding.Latin1.GetBytes(Session((key, value)));
        var quote = Array.FindIndex(bytes, static b => b >= 0x80) - 1;

        var read = Read(bytes);

        Assert.Equal(
            (false, $"{what} holds bytes that are not valid UTF-8 text (or an escaped lone surrogate)", (long)quote),
            (read.Valid, read.Error.Reason, read.Error.Offset));
    }

    [Theory]
    [InlineData("session_type", "\"solo\"")]
    [InlineData("name", "\"other\"")]
    [InlineData("started_at", "\"2026-11-21T00:00:00Z\"")]
    [InlineData("ended_at", "null")]
    [InlineData("actual_usd", "null")]
    [InlineData("id", "\"kimi:2\"")]
    [InlineData("estimate", """{"input_tokens": 9, "output_tokens": 8, "duration_secs": 7, "worker_count": 6, "estimated_usd": 5, "tier": "Premium"}""")]
    [InlineData("estimate.input_tokens", "9")]
    [InlineData("estimate.output_tokens", "9")]
    [InlineData("estimate.duration_secs", "9")]
    [InlineData("estimate.worker_count", "9")]
    [InlineData("estimate.estimated_usd", "9")]
    [InlineData("estimate.tier", "\"Premium\"")]
    public void TryRead_KeyGivenTwice_TakesTheLastValue(string key, string value)
    {
        var once = Read(Session((key, value)));

        var twice = Read(Session(("+" + key, value)));

        Assert.Equal((true, true, once.Session), (once.Valid, twice.Valid, twice.Session));
    }

    [Fact]
    public void TryRead_WithoutMaterialising_CollectsNoUnknownKeys()
    {
        var unknown = new Dictionary<string, JsonElement>(StringComparer.Ordinal);

        var read = Read(Session(("future_field", "1"), ("model", "{}")), materialize: false, unknownFields: unknown);

        Assert.Equal((true, 0), (read.Valid, unknown.Count));
    }

    [Fact]
    public void TryRead_UnknownEstimateKeyFirst_ReadsEveryKeyAfterIt()
    {
        var estimate = """{"cached_tokens": {"a": [7]}, "input_tokens": 1, "output_tokens": 2, "duration_secs": 3, "worker_count": 4, "estimated_usd": 0.5, "tier": "Premium"}""";

        var read = Read(Session(("estimate", estimate)));

        Assert.Equal(
            (new CostEstimate(1, 2, 3, 4, 0.5m, PricingTier.Premium), 0.75m, "kimi:1"),
            (read.Session!.Estimate, read.Session.ActualUsd, read.Session.Id));
    }

    [Fact]
    public void TryRead_TimestampWithManyFractionalDigits_KeepsTheFirstSeven()
    {
        // 70 bytes: longer than what an escaped timestamp is copied into.
        var read = Read(Session(("started_at", "\"2026-11-20T09:15:02." + Digits(49) + "Z\"")));

        Assert.Equal(new DateTimeOffset(2026, 11, 20, 9, 15, 2, TimeSpan.Zero).AddTicks(1234567), read.Session!.StartedAt);
    }

    [Fact]
    public void TryRead_EscapedTimestampOf64Bytes_ReadsIt()
    {
        const string Start = "\\u0032026-11-20T09:15:02.";

        var read = Read(Session(("ended_at", "\"" + Start + Digits(64 - Start.Length - 1) + "Z\"")));

        Assert.Equal(new DateTimeOffset(2026, 11, 20, 9, 15, 2, TimeSpan.Zero).AddTicks(1234567), read.Session!.EndedAt);
    }

    [Theory]
    [InlineData("started_at", "\"started_at\" must be an RFC 3339 timestamp")]
    [InlineData("ended_at", "\"ended_at\" must be null or an RFC 3339 timestamp")]
    public void TryRead_EscapedTextTooLongForATimestamp_IsRefused(string key, string expected)
    {
        var read = Read(Session((key, "\"\\u0032" + new string('0', 70) + "\"")));

        Assert.Equal((false, expected), (read.Valid, read.Error.Reason));
    }

    /// <summary>
    /// A valid session, with some keys replaced (or removed, when the value is null); <c>estimate.</c> keys are in the
    /// estimate; a key marked <c>+</c> is added once more at the end.
    /// </summary>
    private static string Session(params (string Key, string? Value)[] changes)
    {
        List<(string Key, string? Value)> session =
        [
            ("session_type", "\"team\""),
            ("name", "\"refactor-auth\""),
            ("started_at", "\"2026-11-20T09:15:02Z\""),
            ("ended_at", "\"2026-11-20T09:47:10Z\""),
            ("estimate", null),
            ("actual_usd", "0.75"),
            ("id", "\"kimi:1\""),
        ];
        List<(string Key, string? Value)> estimate =
        [
            ("input_tokens", "1"),
            ("output_tokens", "2"),
            ("duration_secs", "3"),
            ("worker_count", "4"),
            ("estimated_usd", "0.5"),
            ("tier", "\"Budget\""),
        ];
        session[4] = ("estimate", Apply(estimate, changes.Where(c => InEstimate(c.Key)).Select(c => (c.Key.Replace("estimate.", string.Empty, StringComparison.Ordinal), c.Value))));
        return Apply(session, changes.Where(c => !InEstimate(c.Key)));
    }

    private static bool InEstimate(string key) => key.TrimStart('+').StartsWith("estimate.", StringComparison.Ordinal);

    private static string Digits(int count) => string.Concat(Enumerable.Range(1, count).Select(static digit => (char)('0' + (digit % 10))));

    private static string Apply(List<(string Key, string? Value)> fields, IEnumerable<(string Key, string? Value)> changes)
    {
        foreach (var (key, value) in changes)
        {
            if (key.StartsWith('+'))
            {
                fields.Add((key[1..], value));
                continue;
            }

            var index = fields.FindIndex(f => f.Key == key);
            if (index < 0)
            {
                fields.Add((key, value));
            }
            else
            {
                fields[index] = (key, value);
            }
        }

        return "{" + string.Join(", ", fields.Where(f => f.Value is not null).Select(f => $"\"{f.Key}\": {f.Value}")) + "}";
    }

    private static (bool Valid, SessionCost? Session, string? Id, SessionReadError Error) Read(
        string json,
        bool materialize = true,
        int skipTokens = 0,
        Dictionary<string, JsonElement>? unknownFields = null) =>
        Read(Encoding.UTF8.GetBytes(json), materialize, skipTokens, unknownFields);

    private static (bool Valid, SessionCost? Session, string? Id, SessionReadError Error) Read(
        byte[] json,
        bool materialize = true,
        int skipTokens = 0,
        Dictionary<string, JsonElement>? unknownFields = null)
    {
        var reader = new Utf8JsonReader(json);
        for (var token = 0; token <= skipTokens; token++)
        {
            reader.Read();
        }

        var valid = SessionCostReader.TryRead(ref reader, materialize, unknownFields, out var session, out var id, out var error);
        return (valid, session, id, error);
    }
}
