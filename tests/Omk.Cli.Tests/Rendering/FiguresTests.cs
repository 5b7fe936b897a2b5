using Omk.Cli.Rendering;

namespace Omk.Cli.Tests.Rendering;

public sealed class FiguresTests
{
    [Theory]
    [InlineData("1655.0724", "$1,655.07")]
    [InlineData("4.1475", "$4.15")]
    [InlineData("0.0091", "$0.0091")]
    [InlineData("0.00001", "$0.0000")]
    [InlineData("0.01", "$0.01")]
    [InlineData("0", "$0.00")]
    [InlineData("-2.5", "-$2.50")]
    [InlineData("1234567.891", "$1,234,567.89")]
    public void Usd_Amount_TwoDecimalsWithSeparatorsAndFourBelowACent(string amount, string expected)
    {
        Assert.Equal(expected, Figures.Usd(decimal.Parse(amount, System.Globalization.CultureInfo.InvariantCulture)));
    }

    [Theory]
    [InlineData("0.2511", "0.25", "$0.2511")]
    [InlineData("50.004", "50", "$50.004")]
    [InlineData("1000.00000001", "1000", "$1,000.00000001")]
    [InlineData("10.00001", "10", "$10.00001")]
    [InlineData("0.26", "0.25", "$0.26")]
    [InlineData("0.25", "0.25", "$0.25")]
    [InlineData("7.91", "5", "$7.91")]
    [InlineData("-0.2511", "-0.25", "-$0.2511")]
    [InlineData("5.000000001", "5", "$5.00")]
    public void UsdBeside_ShownLikeTheOtherAmount_GetsTheDecimalsThatTellThemApart(string amount, string other, string expected)
    {
        var invariant = System.Globalization.CultureInfo.InvariantCulture;

        Assert.Equal(expected, Figures.UsdBeside(decimal.Parse(amount, invariant), decimal.Parse(other, invariant)));
    }

    [Fact]
    public void Usd_Unknown_WritesTheGivenWord()
    {
        Assert.Equal("unknown", Figures.Usd(null, "unknown"));
    }

    [Theory]
    [InlineData(0, "0 sessions")]
    [InlineData(1, "1 session")]
    [InlineData(2, "2 sessions")]
    [InlineData(1200, "1,200 sessions")]
    public void Counted_Count_NounInTheRightNumber(long count, string expected)
    {
        Assert.Equal(expected, Figures.Counted(count, "session"));
    }

    [Fact]
    public void Counted_IrregularPlural_UsesIt()
    {
        Assert.Equal("3 entries", Figures.Counted(3, "entry", "entries"));
    }
}
