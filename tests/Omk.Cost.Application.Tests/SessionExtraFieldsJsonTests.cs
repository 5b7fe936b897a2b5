using System.Text.Json;
using Omk.Cost.Application.Stores;
using Omk.Cost.Domain;

namespace Omk.Cost.Application.Tests;

public sealed class SessionExtraFieldsJsonTests
{
    [Fact]
    public void From_FieldsInAnyOrder_KeepsCompactValuesInTheOrdinalOrderOfTheKeys()
    {
        using var tags = JsonDocument.Parse("""[ "a", { "z": 1, "b": 2 } ]""");
        using var added = JsonDocument.Parse("\"0.6\"");

        var fields = SessionExtraFieldsJson.From([KeyValuePair.Create("tags", tags.RootElement), KeyValuePair.Create("added_in", added.RootElement)])!;

        Assert.Equal("""{"added_in":"0.6","tags":["a",{"b":2,"z":1}]}""", fields.Text);
    }

    [Fact]
    public void From_KeyGivenTwice_KeepsTheLaterValue()
    {
        using var first = JsonDocument.Parse("1");
        using var second = JsonDocument.Parse("2");

        var fields = SessionExtraFieldsJson.From([KeyValuePair.Create("k", first.RootElement), KeyValuePair.Create("k", second.RootElement)])!;

        Assert.Equal("""{"k":2}""", fields.Text);
    }

    [Fact]
    public void From_NoFields_IsNull()
    {
        Assert.Null(SessionExtraFieldsJson.From([]));
    }

    [Fact]
    public void From_Null_ThrowsNamingTheArgument()
    {
        Assert.Equal("fields", Assert.Throws<ArgumentNullException>(() => SessionExtraFieldsJson.From(null!)).ParamName);
    }

    [Fact]
    public void FromJson_Object_ReadsEachFieldAndWritesItBackCompact()
    {
        var fields = SessionExtraFieldsJson.FromJson("""{ "tags": [ "a" ], "added_in": "0.6", "text": "修复 <b>" }""")!;

        Assert.Equal("""{"added_in":"0.6","tags":["a"],"text":"修复 <b>"}""", fields.Text);
        Assert.Equal(fields.Text, fields.ToString());
    }

    [Fact]
    public void FromJson_EmptyObject_IsNull()
    {
        Assert.Null(SessionExtraFieldsJson.FromJson("{}"));
    }

    [Theory]
    [InlineData("[1, 2]")]
    [InlineData("\"text\"")]
    [InlineData("3")]
    public void FromJson_NotAnObject_SaysItMustBeOne(string json)
    {
        var error = Assert.Throws<FormatException>(() => SessionExtraFieldsJson.FromJson(json));

        Assert.Equal("The extra fields of a session must be a JSON object.", error.Message);
    }

    [Fact]
    public void FromJson_NotJson_SaysSoWithTheParsersReason()
    {
        var error = Assert.Throws<FormatException>(() => SessionExtraFieldsJson.FromJson("{\"a\": "));

        Assert.StartsWith("The extra fields of a session are not valid JSON: ", error.Message, StringComparison.Ordinal);
        Assert.IsAssignableFrom<JsonException>(error.InnerException);
    }

    [Fact]
    public void FromJson_Null_ThrowsNamingTheArgument()
    {
        Assert.Equal("jsonObject", Assert.Throws<ArgumentNullException>(() => SessionExtraFieldsJson.FromJson(null!)).ParamName);
    }

    [Fact]
    public void Elements_GivesEachFieldParsed()
    {
        var fields = SessionExtraFieldsJson.FromJson("""{"b": {"x": [1, 2.50]}, "a": null}""")!;

        var elements = SessionExtraFieldsJson.Elements(fields);

        Assert.Equal(["a", "b"], elements.Select(static element => element.Key));
        Assert.Equal(JsonValueKind.Null, elements[0].Value.ValueKind);
        Assert.Equal("2.50", elements[1].Value.GetProperty("x")[1].GetRawText());
    }

    [Fact]
    public void Equals_SameFieldsWrittenDifferently_AreEqualWithTheSameHash()
    {
        var left = SessionExtraFieldsJson.FromJson("""{"b": {"y": 1, "x": 2}, "a": [true]}""")!;
        var right = SessionExtraFieldsJson.FromJson("""{ "a" : [ true ] , "b" : { "x" : 2 , "y" : 1 } }""")!;

        Assert.True(left.Equals(right));
        Assert.True(left.Equals((object)right));
        Assert.Equal(left.GetHashCode(), right.GetHashCode());
    }

    [Theory]
    [InlineData("""{"a": 1}""", """{"a": 2}""")]
    [InlineData("""{"a": 1}""", """{"b": 1}""")]
    [InlineData("""{"a": 1}""", """{"a": 1, "b": 1}""")]
    [InlineData("""{"a": 1, "b": 1}""", """{"a": 1}""")]
    public void Equals_DifferentFields_AreNotEqual(string left, string right)
    {
        Assert.False(SessionExtraFieldsJson.FromJson(left)!.Equals(SessionExtraFieldsJson.FromJson(right)));
    }

    [Fact]
    public void Equals_NullOrAnotherType_IsFalse()
    {
        var fields = SessionExtraFieldsJson.FromJson("""{"a": 1}""")!;

        Assert.False(fields.Equals(null));
        Assert.False(fields.Equals("""{"a":1}"""));
    }
}
