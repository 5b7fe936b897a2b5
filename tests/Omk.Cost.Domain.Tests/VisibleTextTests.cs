namespace Omk.Cost.Domain.Tests;

/// <summary>Every character a terminal would obey is shown as an escape; the rest of the text is kept.</summary>
public sealed class VisibleTextTests
{
    [Theory]
    [InlineData("\u001b[2J", "\\e[2J")]
    [InlineData("\u001b]0;pwned\u0007", "\\e]0;pwned\\x07")]
    [InlineData("\u001b]52;c;cm0gLXJmIH4K\u0007", "\\e]52;c;cm0gLXJmIH4K\\x07")]
    [InlineData("a\r\nb", "a\u23ceb")]
    [InlineData("a\nb", "a\u23ceb")]
    [InlineData("a\rb", "a\\rb")]
    [InlineData("a\tb", "a\\tb")]
    [InlineData("\u0000\u007f", "\\x00\\x7f")]
    [InlineData("\u009b2J", "\\u009b2J")]
    [InlineData("abc\u202edcb", "abc\\u202edcb")]
    [InlineData("\u2066x\u2069", "\\u2066x\\u2069")]
    [InlineData("\u200f\u061c", "\\u200f\\u061c")]
    public void Escape_HiddenCharacters_AreShown(string text, string shown) => Assert.Equal(shown, VisibleText.Escape(text));

    [Theory]
    [InlineData("Fix login")]
    [InlineData("修复登录 🚀")]
    [InlineData("C:\\path\\e")]
    [InlineData("")]
    public void Escape_PrintableText_IsTheSameInstance(string text) => Assert.Same(text, VisibleText.Escape(text));

    [Fact]
    public void Escape_Null_IsEmpty() => Assert.Equal(string.Empty, VisibleText.Escape(null));

    [Fact]
    public void IsHidden_EveryCharacter_MatchesWhatEscapeShows()
    {
        for (var code = 0; code <= char.MaxValue; code++)
        {
            var character = (char)code;
            if (char.IsSurrogate(character))
            {
                continue;
            }

            var text = character.ToString();
            Assert.Equal(VisibleText.IsHidden(character), !ReferenceEquals(text, VisibleText.Escape(text)));
        }
    }
}
