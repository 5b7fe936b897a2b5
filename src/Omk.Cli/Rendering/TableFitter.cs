using System.Globalization;
using Spectre.Console;

namespace Omk.Cli.Rendering;

/// <summary>
/// Fits a table to a terminal's width, in this order until it fits: the bars shrink (to <see cref="MinimumBar"/> cells),
/// the widest column of long texts (titles, names, paths) is shortened in the middle with <c>…</c> (to
/// <see cref="ShortenedWidth"/> cells), the bars go, the columns are dropped in their stated order
/// (<see cref="TextColumn.DropOrder"/>), and last the long texts are shortened further (to <see cref="NarrowestWidth"/>).
/// Widths are terminal cells: CJK and emoji take two.
/// </summary>
internal static class TableFitter
{
    /// <summary>The narrowest bar kept before the bars go.</summary>
    public const int MinimumBar = 6;

    /// <summary>The narrowest a long text is shortened to before columns are dropped.</summary>
    public const int ShortenedWidth = 16;

    /// <summary>The narrowest a long text is ever shortened to.</summary>
    public const int NarrowestWidth = 8;

    private const string Ellipsis = "…";

    /// <summary>Renders a table no wider than a width, when it can be made so.</summary>
    /// <param name="table">The table.</param>
    /// <param name="width">The width in terminal cells.</param>
    /// <param name="render">Renders a table as it is.</param>
    /// <returns>The rendered table.</returns>
    public static string Fit(TextTable table, int width, Func<TextTable, string> render)
    {
        ArgumentNullException.ThrowIfNull(table);
        ArgumentNullException.ThrowIfNull(render);
        var shown = Enumerable.Range(0, table.Columns.Count).ToList();
        var limits = new int?[table.Columns.Count];
        var barWidth = table.ShowBars ? table.BarWidth : 0;
        while (true)
        {
            var candidate = Build(table, shown, limits, barWidth);
            var text = render(candidate);
            var excess = WidestLine(text) - width;
            if (excess <= 0 || !Narrow(table, candidate, shown, limits, ref barWidth, excess))
            {
                return text;
            }
        }
    }

    /// <summary>
    /// Takes the next step that makes a table narrower, in the stated order: the bars shrink, the long texts are
    /// shortened, the bars go, a column is dropped, the long texts are shortened further.
    /// </summary>
    /// <returns><see langword="false"/> when no step is left.</returns>
    private static bool Narrow(TextTable table, TextTable candidate, List<int> shown, int?[] limits, ref int barWidth, int excess)
    {
        if (barWidth > MinimumBar)
        {
            barWidth = Math.Max(MinimumBar, barWidth - excess);
            return true;
        }

        if (Shorten(candidate, shown, limits, excess, ShortenedWidth))
        {
            return true;
        }

        if (barWidth > 0)
        {
            barWidth = 0;
            return true;
        }

        var drop = shown.Where(index => table.Columns[index].DropOrder is not null).OrderBy(index => table.Columns[index].DropOrder).FirstOrDefault(-1);
        if (drop >= 0)
        {
            shown.Remove(drop);
            return true;
        }

        return Shorten(candidate, shown, limits, excess, NarrowestWidth);
    }

    /// <summary>Shortens a text in the middle with <c>…</c> to at most a number of terminal cells.</summary>
    /// <param name="text">The text.</param>
    /// <param name="cells">The most cells it may take; at least 2.</param>
    /// <returns>The text, whole when it fits, else its start, <c>…</c> and its end.</returns>
    public static string ShortenMiddle(string text, int cells)
    {
        ArgumentNullException.ThrowIfNull(text);
        if (text.GetCellWidth() <= cells)
        {
            return text;
        }

        var elements = new List<string>();
        var enumerator = StringInfo.GetTextElementEnumerator(text);
        while (enumerator.MoveNext())
        {
            elements.Add(enumerator.GetTextElement());
        }

        var room = Math.Max(1, cells - 1);
        var rightRoom = room / 2;
        var leftRoom = room - rightRoom;
        var left = new System.Text.StringBuilder();
        var used = 0;
        var first = 0;
        for (; first < elements.Count && used + elements[first].GetCellWidth() <= leftRoom; first++)
        {
            used += elements[first].GetCellWidth();
            left.Append(elements[first]);
        }

        var right = new List<string>();
        used = 0;
        for (var last = elements.Count - 1; last >= first && used + elements[last].GetCellWidth() <= rightRoom; last--)
        {
            used += elements[last].GetCellWidth();
            right.Insert(0, elements[last]);
        }

        return left + Ellipsis + string.Concat(right);
    }

    private static bool Shorten(TextTable candidate, List<int> shown, int?[] limits, int excess, int floor)
    {
        // The widest column of long texts gives up the cells the table is too wide by, down to the floor.
        var widest = -1;
        var widestWidth = 0;
        for (var position = 0; position < shown.Count; position++)
        {
            var index = shown[position];
            if (!candidate.Columns[position].CanShorten)
            {
                continue;
            }

            var columnWidth = ColumnWidth(candidate, position);
            if (columnWidth > floor && columnWidth > widestWidth)
            {
                widest = index;
                widestWidth = columnWidth;
            }
        }

        if (widest < 0)
        {
            return false;
        }

        limits[widest] = Math.Max(floor, widestWidth - excess);
        return true;
    }

    private static TextTable Build(TextTable table, List<int> shown, int?[] limits, int barWidth)
    {
        var fitted = new TextTable([.. shown.Select(index => table.Columns[index])])
        {
            ShowBars = table.ShowBars && barWidth > 0,
            BarScale = table.BarScale,
            BarWidth = Math.Max(barWidth, 1),
        };
        foreach (var row in table.Rows)
        {
            fitted.AddRow(Cells(row, shown, limits), row.BarValue, row.Tone);
        }

        if (table.Totals is { } totals)
        {
            fitted.SetTotals([.. Cells(totals, shown, limits)]);
        }

        return fitted;
    }

    private static string[] Cells(TextRow row, List<int> shown, int?[] limits) =>
        [.. shown.Select(index => limits[index] is { } limit ? ShortenMiddle(row.Cells[index], limit) : row.Cells[index])];

    private static int ColumnWidth(TextTable table, int position)
    {
        var width = table.Columns[position].Header.GetCellWidth();
        foreach (var row in table.Rows)
        {
            width = Math.Max(width, row.Cells[position].GetCellWidth());
        }

        return table.Totals is { } totals ? Math.Max(width, totals.Cells[position].GetCellWidth()) : width;
    }

    private static int WidestLine(string text)
    {
        var widest = 0;
        foreach (var line in text.Split('\n'))
        {
            widest = Math.Max(widest, StripEscapes(line).GetCellWidth());
        }

        return widest;
    }

    // Colour escape sequences take no cell.
    private static string StripEscapes(string line) => line.Contains('\u001b', StringComparison.Ordinal)
        ? System.Text.RegularExpressions.Regex.Replace(line, "\u001b\\[[0-9;]*m", string.Empty)
        : line;
}
