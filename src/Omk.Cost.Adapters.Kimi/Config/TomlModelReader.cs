using System.Text;

namespace Omk.Cost.Adapters.Kimi.Config;

/// <summary>
/// Reads the two keys of Kimi CLI's <c>config.toml</c> that name the model: the top-level <c>default_model</c> and
/// <c>model</c> in the table <c>[models.&lt;name&gt;]</c>. It understands the TOML that carries them (bare, quoted and
/// dotted keys, basic and literal strings, comments, multi-line strings to skip) and ignores the rest.
/// </summary>
internal static class TomlModelReader
{
    /// <summary>
    /// Finds the API model id of the default model.
    /// </summary>
    /// <param name="toml">The text of <c>config.toml</c>.</param>
    /// <returns>The <c>model</c> of <c>[models.&lt;default_model&gt;]</c>, else <c>default_model</c> itself, else null.</returns>
    public static string? ReadDefaultModel(string toml)
    {
        string? defaultModel = null;
        var models = new Dictionary<string, string>(StringComparer.Ordinal);
        List<string> table = [];
        string? closing = null;
        foreach (var rawLine in toml.Split('\n'))
        {
            var line = rawLine.Trim();
            if (closing is not null)
            {
                // Inside a multi-line string: nothing here is a key.
                if (line.Contains(closing, StringComparison.Ordinal))
                {
                    closing = null;
                }

                continue;
            }

            if (line.Length == 0 || line[0] == '#')
            {
                continue;
            }

            if (line[0] == '[')
            {
                table = line.StartsWith("[[", StringComparison.Ordinal) ? ["[["] : ParseKey(line.AsSpan(1), ']') ?? ["["];
                continue;
            }

            var position = 0;
            var key = ParseKey(line, '=', ref position);
            if (key is null)
            {
                continue;
            }

            var value = line.AsSpan(position).TrimStart();
            if (value.StartsWith("\"\"\"") || value.StartsWith("'''"))
            {
                var delimiter = value[..3].ToString();
                if (value.Length < 6 || !value[3..].Contains(delimiter, StringComparison.Ordinal))
                {
                    closing = delimiter;
                }

                continue;
            }

            if (ParseString(value) is not { } text)
            {
                continue;
            }

            List<string> path = [.. table, .. key];
            if (path is ["default_model"])
            {
                defaultModel = text;
            }
            else if (path is ["models", var name, "model"])
            {
                models[name] = text;
            }
        }

        if (defaultModel is null)
        {
            return null;
        }

        return models.TryGetValue(defaultModel, out var model) && model.Length > 0 ? model : defaultModel;
    }

    private static List<string>? ParseKey(ReadOnlySpan<char> text, char end)
    {
        var position = 0;
        return ParseKey(text, end, ref position);
    }

    /// <summary>Parses a dotted key up to <paramref name="end"/>, leaving the position after it.</summary>
    private static List<string>? ParseKey(ReadOnlySpan<char> text, char end, ref int position)
    {
        var parts = new List<string>();
        while (true)
        {
            SkipSpaces(text, ref position);
            if (position >= text.Length)
            {
                return null;
            }

            string? part;
            if (text[position] is '"' or '\'')
            {
                part = ReadQuoted(text, ref position);
            }
            else
            {
                var start = position;
                while (position < text.Length && (char.IsAsciiLetterOrDigit(text[position]) || text[position] is '_' or '-'))
                {
                    position++;
                }

                part = position > start ? text[start..position].ToString() : null;
            }

            if (part is null)
            {
                return null;
            }

            parts.Add(part);
            SkipSpaces(text, ref position);
            if (position < text.Length && text[position] == '.')
            {
                position++;
                continue;
            }

            if (position < text.Length && text[position] == end)
            {
                position++;
                return parts;
            }

            return null;
        }
    }

    private static string? ParseString(ReadOnlySpan<char> value)
    {
        if (value.IsEmpty || value[0] is not ('"' or '\''))
        {
            return null;
        }

        var position = 0;
        var text = ReadQuoted(value, ref position);
        if (text is null)
        {
            return null;
        }

        // Only a comment may follow the value.
        var rest = value[position..].TrimStart();
        return rest.IsEmpty || rest[0] == '#' ? text : null;
    }

    /// <summary>Reads a basic ("...", with escapes) or literal ('...') single-line string.</summary>
    private static string? ReadQuoted(ReadOnlySpan<char> text, ref int position)
    {
        var quote = text[position++];
        var result = new StringBuilder();
        while (position < text.Length)
        {
            var c = text[position++];
            if (c == quote)
            {
                return result.ToString();
            }

            if (c != '\\' || quote == '\'')
            {
                result.Append(c);
                continue;
            }

            if (position >= text.Length)
            {
                return null;
            }

            var escape = text[position++];
            switch (escape)
            {
                case 'n': result.Append('\n'); break;
                case 't': result.Append('\t'); break;
                case 'r': result.Append('\r'); break;
                case 'b': result.Append('\b'); break;
                case 'f': result.Append('\f'); break;
                case '"': result.Append('"'); break;
                case '\\': result.Append('\\'); break;
                case 'u' or 'U':
                    var length = escape == 'u' ? 4 : 8;
                    if (position + length > text.Length
                        || !int.TryParse(text.Slice(position, length), System.Globalization.NumberStyles.HexNumber, System.Globalization.CultureInfo.InvariantCulture, out var code)
                        || !System.Text.Rune.IsValid(code))
                    {
                        return null;
                    }

                    result.Append(new System.Text.Rune(code).ToString());
                    position += length;
                    break;
                default:
                    return null;
            }
        }

        return null;
    }

    private static void SkipSpaces(ReadOnlySpan<char> text, ref int position)
    {
        while (position < text.Length && text[position] is ' ' or '\t')
        {
            position++;
        }
    }
}
