using System.Text.Json;
using Omk.Cost.Adapters.FileSystem.Serialization;
using Omk.Cost.Adapters.FileSystem.Tests.Fixtures;
using Omk.Cost.Domain;

namespace Omk.Cost.Adapters.FileSystem.Tests.Serialization;

public sealed class SessionCostDocumentTests
{
    [Fact]
    public void Constructor_NewDocument_HasEmptyTypeAndName()
    {
        var document = new SessionCostDocument();

        Assert.Equal((string.Empty, string.Empty), (document.SessionType, document.Name));
    }

    [Fact]
    public void From_SessionWithNothingExtra_HasNoAdditionalFields()
    {
        var document = SessionCostDocument.From(TestSessions.Stored());

        Assert.Null(document.AdditionalFields);
    }

    [Fact]
    public void From_NoUnknownFieldsInTheStoredVersion_HasNoAdditionalFields()
    {
        var document = SessionCostDocument.From(TestSessions.Stored(), new Dictionary<string, JsonElement>(StringComparer.Ordinal));

        Assert.Null(document.AdditionalFields);
    }

    [Fact]
    public void From_DetailKeyOfAnotherTypeAndNoDetails_KeepsTheStoredKey()
    {
        var unknown = new Dictionary<string, JsonElement>(StringComparer.Ordinal) { ["model"] = Element("""{"name": "k2"}""") };

        var document = SessionCostDocument.From(TestSessions.Stored(), unknown);

        Assert.Equal(["model:{\"name\": \"k2\"}"], Fields(document));
    }

    [Fact]
    public void From_DetailKeyOfAnotherTypeAndDetails_TheSessionsDetailsWin()
    {
        var session = TestSessions.Stored() with { Details = new SessionUsageDetails { Model = "kimi-k2.6", CacheReadTokens = 7 } };
        var unknown = new Dictionary<string, JsonElement>(StringComparer.Ordinal)
        {
            ["model"] = Element("""{"name": "k2"}"""),
            ["future_field"] = Element("1"),
        };

        var document = SessionCostDocument.From(session, unknown);

        Assert.Equal(
            ["model:\"kimi-k2.6\"", "project:null", "cache_read_tokens:7", "cache_creation_tokens:0", "future_field:1"],
            Fields(document));
    }

    private static JsonElement Element(string json)
    {
        using var document = JsonDocument.Parse(json);
        return document.RootElement.Clone();
    }

    private static string[] Fields(SessionCostDocument document) =>
        [.. document.AdditionalFields!.Select(static field => $"{field.Key}:{field.Value.GetRawText()}")];
}
