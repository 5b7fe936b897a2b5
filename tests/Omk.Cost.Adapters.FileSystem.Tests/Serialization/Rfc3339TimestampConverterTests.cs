using System.Text;
using System.Text.Json;
using Omk.Cost.Adapters.FileSystem.Serialization;

namespace Omk.Cost.Adapters.FileSystem.Tests.Serialization;

public sealed class Rfc3339TimestampConverterTests
{
    private static readonly DateTimeOffset Instant = new(2026, 11, 20, 9, 15, 2, TimeSpan.Zero);

    [Fact]
    public void Read_Timestamp_ReturnsTheInstant()
    {
        var value = Read("\"2026-11-20T09:15:02.123456789Z\"");

        Assert.Equal(Instant.AddTicks(1_234_567), value);
    }

    [Fact]
    public void Read_EscapedTimestamp_ReturnsTheInstant()
    {
        var value = Read("\"2026-11-20T09:15:02\\u005A\"");

        Assert.Equal(Instant, value);
    }

    [Theory]
    [InlineData("\"yesterday\"")]
    [InlineData("1763630102")]
    [InlineData("null")]
    public void Read_NotATimestampString_ThrowsJsonException(string json)
    {
        Assert.Throws<JsonException>(() => Read(json));
    }

    [Fact]
    public void Write_TimestampWithOffset_WritesUtcWithZ()
    {
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            new Rfc3339TimestampConverter().Write(writer, new DateTimeOffset(2026, 11, 20, 11, 15, 2, TimeSpan.FromHours(2)), JsonSerializerOptions.Default);
        }

        Assert.Equal("\"2026-11-20T09:15:02Z\"", Encoding.UTF8.GetString(buffer.ToArray()));
    }

    private static DateTimeOffset Read(string json)
    {
        var reader = new Utf8JsonReader(Encoding.UTF8.GetBytes(json));
        reader.Read();
        return new Rfc3339TimestampConverter().Read(ref reader, typeof(DateTimeOffset), JsonSerializerOptions.Default);
    }
}
