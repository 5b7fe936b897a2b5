using System.Text;
using Omk.Cost.Domain;
using Spectre.Console;
using Spectre.Console.Rendering;

namespace Omk.Cli.Rendering;

/// <summary>
/// Lays out every table of the text reports, through Spectre.Console: columns as wide as their widest cell in
/// terminal cells (CJK and emoji take two), figures right-aligned, a rule under the headers and above the totals,
/// and bars scaled to the largest value. Lines carry no trailing blanks; colour only when asked for.
/// </summary>
internal static class TableRenderer
{
    // Wide enough that no table is ever wrapped: a report sent to a file or a pipe keeps its rows whole.
    private const int UnboundedWidth = 100_000;

    /// <summary>Renders a table.</summary>
    /// <param name="table">The table.</param>
    /// <param name="color">Whether to colour headers, totals, alerts and bars with ANSI escape sequences.</param>
    /// <param name="width">The terminal's width in cells, to which the table is fitted (<see cref="TableFitter"/>), or
    /// null for a table as wide as its cells.</param>
    /// <returns>The table's lines, each ended by a line feed.</returns>
    public static string Render(TextTable table, bool color, int? width = null)
    {
        ArgumentNullException.ThrowIfNull(table);
        return width is { } cells ? TableFitter.Fit(table, cells, fitted => Render(fitted, color)) : Render(table, color);
    }

    private static string Render(TextTable table, bool color)
    {
        var grid = new Table
        {
            Border = TableBorder.Simple,
            ShowFooters = table.Totals is not null,
            Expand = false,
        };

        AddColumns(grid, table, color);
        AddRows(grid, table, color);
        return Write(grid, color);
    }

    /// <summary>Adds a column for each of the table's, with its header and total, and one for the bars.</summary>
    private static void AddColumns(Table grid, TextTable table, bool color)
    {
        foreach (var (column, index) in table.Columns.Select(static (column, index) => (column, index)))
        {
            var added = new TableColumn(Styled(column.Header, Tone.Header, color))
            {
                Alignment = column.IsNumber ? Justify.Right : Justify.Left,
                NoWrap = true,
                Padding = new Padding(0, 0, 2, 0),
            };
            if (table.Totals is { } totals)
            {
                added.Footer = Styled(totals.Cells[index], Tone.Total, color);
            }

            grid.AddColumn(added);
        }

        if (table.ShowBars)
        {
            grid.AddColumn(new TableColumn(Text.Empty) { NoWrap = true, Padding = new Padding(0) });
        }
    }

    /// <summary>Adds the table's rows in their tones, each with its bar scaled to the largest value.</summary>
    private static void AddRows(Table grid, TextTable table, bool color)
    {
        var barMax = !table.ShowBars ? 0m : table.BarScale ?? table.Rows.Max(static row => row.BarValue ?? 0m);
        foreach (var row in table.Rows)
        {
            var cells = row.Cells.Select(cell => Styled(cell, row.Tone, color)).ToList();
            if (table.ShowBars)
            {
                cells.Add(Styled(Bar.Of(row.BarValue ?? 0m, barMax, table.BarWidth), Tone.Bar, color));
            }

            grid.AddRow(cells);
        }
    }

    /// <summary>Renders one line of text in a tone.</summary>
    /// <param name="text">The text, shown as it is (no markup).</param>
    /// <param name="tone">The tone.</param>
    /// <param name="color">Whether to colour it.</param>
    /// <returns>The line, ended by a line feed.</returns>
    public static string RenderLine(string text, Tone tone, bool color) =>
        text.Length == 0 ? "\n" : Write(Styled(text, tone, color), color);

    // Plain text carries no style at all: Spectre then writes no escape sequence (and never reaches for System.Console,
    // which it does to colour text without ANSI). Every cell and line may hold text from outside (a title, a path, a
    // name): its control characters are made visible, so that it cannot drive the terminal.
    private static Text Styled(string text, Tone tone, bool color) => new(VisibleText.Escape(text), color ? StyleOf(tone) : Style.Plain);

    private static Style StyleOf(Tone tone) => tone switch
    {
        Tone.Header or Tone.Total => new Style(decoration: Decoration.Bold),
        Tone.Alert => new Style(foreground: Color.Red),
        Tone.Bar => new Style(foreground: Color.Teal),
        Tone.Note => new Style(foreground: Color.Grey),
        _ => Style.Plain,
    };

    private static string Write(IRenderable renderable, bool color)
    {
        using var buffer = new StringWriter();
        var console = AnsiConsole.Create(new AnsiConsoleSettings
        {
            Ansi = AnsiSupport.Yes,
            ColorSystem = color ? ColorSystemSupport.Standard : ColorSystemSupport.NoColors,
            Interactive = InteractionSupport.No,
            Out = new BufferOutput(buffer, UnboundedWidth),
            Enrichment = new ProfileEnrichment { UseDefaultEnrichers = false },
            EnvironmentVariables = new Dictionary<string, string>(StringComparer.Ordinal),
        });
        console.Profile.Width = UnboundedWidth;
        console.Profile.Capabilities.Unicode = true;
        console.Write(renderable);

        // The simple border draws blank lines above the headers and below the totals, and pads every line to the
        // table's width: keep the lines that hold something, without their trailing blanks.
        var text = new StringBuilder();
        foreach (var line in buffer.ToString().ReplaceLineEndings("\n").Split('\n'))
        {
            var trimmed = line.TrimEnd(' ');
            if (trimmed.Length > 0)
            {
                text.Append(trimmed).Append('\n');
            }
        }

        return text.ToString();
    }
}
