using System.Text.Json;
using System.Text.Json.Serialization;
using Omk.Cost.Domain;

namespace Omk.Cost.Adapters.FileSystem.Serialization;

/// <summary>
/// Reads and writes a tier as the Rust omk does: exactly <c>"Budget"</c>, <c>"Standard"</c> or <c>"Premium"</c>.
/// </summary>
internal sealed class PricingTierConverter : JsonConverter<PricingTier>
{
    public override PricingTier Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        if (reader.TokenType == JsonTokenType.String)
        {
            if (reader.ValueTextEquals("Standard"u8))
            {
                return PricingTier.Standard;
            }

            if (reader.ValueTextEquals("Budget"u8))
            {
                return PricingTier.Budget;
            }

            if (reader.ValueTextEquals("Premium"u8))
            {
                return PricingTier.Premium;
            }
        }

        throw new JsonException("The tier must be \"Budget\", \"Standard\" or \"Premium\".");
    }

    public override void Write(Utf8JsonWriter writer, PricingTier value, JsonSerializerOptions options) =>
        writer.WriteStringValue(value.Name());
}
