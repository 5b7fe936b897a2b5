namespace Omk.Cost.Adapters.FileSystem.Tests;

public sealed class CostFileFormatExceptionTests
{
    public static TheoryData<CostFileFormatException> WithoutFile => new()
    {
        new CostFileFormatException(),
        new CostFileFormatException("broken"),
        new CostFileFormatException("broken", new IOException("disk")),
    };

    [Theory]
    [MemberData(nameof(WithoutFile))]
    public void Constructor_WithoutFile_HasAnEmptyPathAndNoPosition(CostFileFormatException exception)
    {
        Assert.Equal((string.Empty, null, null, null), (exception.FilePath, exception.Line, exception.Column, exception.Reason));
    }

    [Fact]
    public void Constructor_MessageAndCause_KeepsBoth()
    {
        var cause = new IOException("disk");

        var exception = new CostFileFormatException("broken", cause);

        Assert.Equal(("broken", cause), (exception.Message, exception.InnerException));
    }

    [Theory]
    [InlineData(3L, 7L, "/s/costs.json is not a readable cost history at line 3, column 7: bad")]
    [InlineData(3L, null, "/s/costs.json is not a readable cost history at line 3: bad")]
    [InlineData(null, null, "/s/costs.json is not a readable cost history: bad")]
    [InlineData(null, 7L, "/s/costs.json is not a readable cost history: bad")]
    public void Constructor_Position_SaysAsMuchOfItAsIsKnown(long? line, long? column, string expected)
    {
        var exception = new CostFileFormatException("/s/costs.json", line, column, "bad");

        Assert.Equal((expected, "/s/costs.json", line, column, "bad"), (exception.Message, exception.FilePath, exception.Line, exception.Column, exception.Reason));
    }

    [Fact]
    public void Constructor_OtherDocument_NamesIt()
    {
        var exception = new CostFileFormatException("/s/budgets.json", "list of budgets", 1, 2, "bad");

        Assert.Equal("/s/budgets.json is not a readable list of budgets at line 1, column 2: bad", exception.Message);
    }
}
