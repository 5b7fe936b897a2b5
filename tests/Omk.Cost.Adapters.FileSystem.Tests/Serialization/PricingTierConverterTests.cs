using System.Text;
using System.Text.Json;
using Omk.Cost.Adapters.FileSystem.Serialization;
using Omk.Cost.Domain;

namespace Omk.Cost.Adapters.FileSystem.Tests.Serialization;

public sealed class PricingTierConverterTests
{
    [Theory]
    [InlineData("\"Budget\"", PricingTier.Budget)]
    [InlineData("\"Standard\"", PricingTier.Standard)]
    [InlineData("\"Premium\"", PricingTier.Premium)]
    [InlineData("\"Pr\\u0065mium\"", PricingTier.Premium)]
    public void Read_RustSpelling_ReturnsTheTier(string json, PricingTier expected)
    {
        var tier = Read(json);

        Assert.Equal(expected, tier);
    }

    [Theory]
    [InlineData("\"Gold\"")]
    [InlineData("\"standard\"")]
    [InlineData("\"STANDARD\"")]
    [InlineData("\"\"")]
    [InlineData("1")]
    [InlineData("null")]
    public void Read_AnythingElse_ThrowsJsonException(string json)
    {
        Assert.Throws<JsonException>(() => Read(json));
    }

    [Theory]
    [InlineData(PricingTier.Budget, "\"Budget\"")]
    [InlineData(PricingTier.Standard, "\"Standard\"")]
    [InlineData(PricingTier.Premium, "\"Premium\"")]
    public void Write_Tier_WritesTheRustSpelling(PricingTier tier, string expected)
    {
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            new PricingTierConverter().Write(writer, tier, JsonSerializerOptions.Default);
        }

        Assert.Equal(expected, Encoding.UTF8.GetString(buffer.ToArray()));
    }

    private static PricingTier Read(string json)
    {
        var reader = new Utf8JsonReader(Encoding.UTF8.GetBytes(json));
        reader.Read();
        return new PricingTierConverter().Read(ref reader, typeof(PricingTier), JsonSerializerOptions.Default);
    }
}
