namespace Omk.Cost.Adapters.FileSystem.Tests.Fixtures;

/// <summary>
/// A line and a column (both from 1) in a text of ASCII characters, where one byte is one character.
/// </summary>
internal readonly record struct TextPosition(long Line, long Column)
{
    /// <summary>Finds where <paramref name="token"/> first starts in <paramref name="text"/>.</summary>
    public static TextPosition Of(string text, string token) => At(text, text.IndexOf(token, StringComparison.Ordinal));

    /// <summary>Finds where <paramref name="token"/> last starts in <paramref name="text"/>.</summary>
    public static TextPosition OfLast(string text, string token) => At(text, text.LastIndexOf(token, StringComparison.Ordinal));

    /// <summary>The position a format error reports.</summary>
    public static TextPosition Of(CostFileFormatException exception) => new(exception.Line ?? 0, exception.Column ?? 0);

    private static TextPosition At(string text, int offset) =>
        new(text.AsSpan(0, offset).Count('\n') + 1, offset - (text.LastIndexOf('\n', offset) + 1) + 1);
}
