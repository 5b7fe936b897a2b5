using System.Globalization;
using System.Text;
using Omk.Cost.Domain;

namespace Omk.Cli.Output;

/// <summary>
/// Writes RFC 4180 CSV: one header row, fields separated by commas, rows ended by CR LF, and a field quoted (its
/// quotes doubled) when it holds a comma, a quote or a line break. A field's control characters are shown as on a
/// terminal (<see cref="VisibleText"/>), and a field that a spreadsheet would read as a formula (one that starts with
/// <c>=</c>, <c>+</c>, <c>-</c>, <c>@</c>, a tab or a CR and is not a plain number: OWASP's rule) is written after a
/// <c>'</c>, which makes it text.
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

    /// <summary>The characters a cell starts with for a spreadsheet to read it as a formula.</summary>
    public const string FormulaStarts = "=+-@\t\r";

    /// <summary>Writes a field: its control characters shown, a formula made text, quoted when RFC 4180 requires it.</summary>
    /// <param name="field">The field.</param>
    /// <returns>The field as written.</returns>
    public static string Field(string field)
    {
        ArgumentNullException.ThrowIfNull(field);
        var shown = Neutralized(field) + VisibleText.Escape(field);
        return shown.AsSpan().IndexOfAny(",\"\r\n") < 0 ? shown : "\"" + shown.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"";
    }

    /// <summary>Gets the <c>'</c> that goes before a field a spreadsheet would read as a formula; none before a plain number (<c>-1.5</c>).</summary>
    private static string Neutralized(string field) =>
        field.Length > 0 && FormulaStarts.Contains(field[0], StringComparison.Ordinal)
            && !decimal.TryParse(field, NumberStyles.AllowLeadingSign | NumberStyles.AllowDecimalPoint | NumberStyles.AllowExponent, CultureInfo.InvariantCulture, out _)
            ? "'"
            : string.Empty;

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
