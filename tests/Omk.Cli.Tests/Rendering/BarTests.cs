using Omk.Cli.Rendering;

namespace Omk.Cli.Tests.Rendering;

public sealed class BarTests
{
    [Theory]
    [InlineData("1", "1", 8, "████████")]
    [InlineData("1", "2", 8, "████")]
    [InlineData("1", "16", 8, "▌")]
    [InlineData("3", "16", 8, "█▌")]
    [InlineData("7", "64", 8, "▉")]
    [InlineData("1", "64", 8, "▏")]
    [InlineData("1", "1000000", 8, "▏")]
    [InlineData("0", "5", 8, "")]
    [InlineData("5", "0", 8, "")]
    [InlineData("9", "3", 4, "████")]
    public void Of_ValueAgainstMax_EighthsOfACell(string value, string max, int width, string expected)
    {
        var invariant = System.Globalization.CultureInfo.InvariantCulture;

        Assert.Equal(expected, Bar.Of(decimal.Parse(value, invariant), decimal.Parse(max, invariant), width));
    }
}
