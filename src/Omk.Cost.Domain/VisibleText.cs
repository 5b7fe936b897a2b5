using System.Buffers;
using System.Globalization;
using System.Text;

namespace Omk.Cost.Domain;

/// <summary>
/// Text that came from outside (Kimi's logs, a ledger, a file name) made harmless to show: every character a terminal
/// would obey rather than print, or that reorders the text around it, is written as a visible escape. The C0 controls
/// and DEL (<c>\e</c> for ESC, <c>\t</c>, <c>\r</c>, <c>\x07</c> for the others), a line break (<c>⏎</c>, CR LF as one),
/// the C1 controls (<c>\u009b</c>) and the bidirectional marks, embeddings, overrides and isolates (<c>\u202e</c>). So a
/// title cannot move the cursor, clear the screen, set the window title (OSC 0), write the clipboard (OSC 52), fake a
/// table row or read backwards.
/// </summary>
internal static class VisibleText
{
    private static readonly SearchValues<char> Hidden = SearchValues.Create(
        [.. Enumerable.Range(0, 0x2070).Select(static code => (char)code).Where(IsHidden)]);

    /// <summary>Tells whether a character is one that <see cref="Escape"/> makes visible.</summary>
    /// <param name="character">The character.</param>
    /// <returns>Whether it is a C0 or C1 control, DEL, or a bidirectional control.</returns>
    public static bool IsHidden(char character) =>
        character < ' '
        || character is >= '\u007f' and <= '\u009f'
        || character is '\u061c' or '\u200e' or '\u200f'
        || character is >= '\u202a' and <= '\u202e'
        || character is >= '\u2066' and <= '\u2069';

    /// <summary>Writes the hidden characters of a text as visible escapes; the rest is kept as it is.</summary>
    /// <param name="text">The text; null for none.</param>
    /// <returns>The text to show: the same instance when nothing in it is hidden.</returns>
    public static string Escape(string? text)
    {
        if (string.IsNullOrEmpty(text))
        {
            return text ?? string.Empty;
        }

        var first = IndexOfHidden(text);
        if (first < 0)
        {
            return text;
        }

        var shown = new StringBuilder(text.Length + 16).Append(text, 0, first);
        for (var index = first; index < text.Length; index++)
        {
            var character = text[index];
            if (!IsHidden(character))
            {
                shown.Append(character);
                continue;
            }

            switch (character)
            {
                case '\u001b':
                    shown.Append("\\e");
                    break;
                case '\t':
                    shown.Append("\\t");
                    break;
                case '\n':
                    shown.Append('\u23ce');
                    break;
                case '\r' when index + 1 < text.Length && text[index + 1] == '\n':
                    shown.Append('\u23ce');
                    index++;
                    break;
                case '\r':
                    shown.Append("\\r");
                    break;
                case < '\u0080':
                    shown.Append(CultureInfo.InvariantCulture, $"\\x{(int)character:x2}");
                    break;
                default:
                    shown.Append(CultureInfo.InvariantCulture, $"\\u{(int)character:x4}");
                    break;
            }
        }

        return shown.ToString();
    }

    /// <summary>Finds the first hidden character of a text.</summary>
    /// <param name="text">The text.</param>
    /// <returns>Its index, or -1 when there is none.</returns>
    public static int IndexOfHidden(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        return text.AsSpan().IndexOfAny(Hidden);
    }
}
