using System.Text;

namespace Omk.Cli.Output;

/// <summary>
/// Writes RFC 4180 CSV: one header row, fields separated by commas, rows ended by CR LF, and a field quoted (its
/// quotes doubled) when it holds a comma, a quote or a line break.
/// </summary>
internal static class Csv
{
    /// <summary>Writes a header row and the rows under it.</summary>
    /// <param name="output">The output.</param>
    /// <param name="header">The field names.</param>
    /// <param name="rows">The rows, each as many fields as the header.</param>
    public static void Write(TextWriter output, IReadOnlyList<string> header, IEnumerable<IReadOnlyList<string>> rows)
    {
        ArgumentNullException.ThrowIfNull(output);
        var text = new StringBuilder();
        Append(text, header);
        foreach (var row in rows)
        {
            Append(text, row);
        }

        output.Write(text.ToString());
    }

    /// <summary>Quotes a field when RFC 4180 requires it.</summary>
    /// <param name="field">The field.</param>
    /// <returns>The field as written.</returns>
    public static string Field(string field)
    {
        ArgumentNullException.ThrowIfNull(field);
        return field.AsSpan().IndexOfAny(",\"\r\n") < 0 ? field : "\"" + field.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"";
    }

    private static void Append(StringBuilder text, IReadOnlyList<string> fields)
    {
        for (var index = 0; index < fields.Count; index++)
        {
            if (index > 0)
            {
                text.Append(',');
            }

            text.Append(Field(fields[index]));
        }

        text.Append("\r\n");
    }
}
