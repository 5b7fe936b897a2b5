using System.Text;

namespace Omk.Cost.Adapters.FileSystem.Tests;

public sealed class StateFileTests
{
    [Theory]
    [InlineData("", true)]
    [InlineData(" \t\r\n", true)]
    [InlineData("\uFEFF", true)]
    [InlineData("\uFEFF \n", true)]
    [InlineData("[]", false)]
    [InlineData("\uFEFF[]", false)]
    [InlineData(" \u00a0", false)]
    [InlineData("\uFEFF\uFEFF", false)]
    public void HoldsNothing_Bytes_IsTrueForWhiteSpaceAfterAByteOrderMarkOnly(string text, bool expected)
    {
        Assert.Equal(expected, StateFile.HoldsNothing(Encoding.UTF8.GetBytes(text)));
    }
}
