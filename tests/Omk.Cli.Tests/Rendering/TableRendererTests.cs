using Omk.Cli.Rendering;

namespace Omk.Cli.Tests.Rendering;

public sealed class TableRendererTests
{
    [Fact]
    public void Render_Plain_SizesColumnsByDisplayWidthWithCjkAndEmoji()
    {
        var text = TableRenderer.Render(Sample(), color: false);

        Assert.Equal(
            """
             Project                   Sessions      Cost
            ─────────────────────────────────────────────────────────────────────────
             /home/wei/src/omk                2     $4.67   ████████████████████████
             /home/wei/项目/支付网关          1     $2.32   ███████████▉
             🚀 launch                       12   $0.0091   ▏
            ─────────────────────────────────────────────────────────────────────────
             Total                           15     $6.99

            """.Replace("\r", string.Empty, StringComparison.Ordinal),
            text);
    }

    [Fact]
    public void Render_Color_BoldHeadersAndTotalsRedAlertsAndTealBars()
    {
        var text = TableRenderer.Render(Sample(), color: true);

        Assert.Equal(" \u001b[1mProject\u001b[0m                   \u001b[1mSessions\u001b[0m      \u001b[1mCost\u001b[0m\n─────────────────────────────────────────────────────────────────────────\n /home/wei/src/omk                2     $4.67   \u001b[36m████████████████████████\u001b[0m\n /home/wei/项目/支付网关          1     $2.32   \u001b[36m███████████▉\u001b[0m\n \u001b[91m🚀 launch\u001b[0m                       \u001b[91m12\u001b[0m   \u001b[91m$0.0091\u001b[0m   \u001b[36m▏\u001b[0m\n─────────────────────────────────────────────────────────────────────────\n \u001b[1mTotal\u001b[0m                           \u001b[1m15\u001b[0m     \u001b[1m$6.99\u001b[0m\n", text);
    }

    [Fact]
    public void Render_Plain_WritesNoEscapeSequence()
    {
        Assert.DoesNotContain('\u001b', TableRenderer.Render(Sample(), color: false));
    }

    [Fact]
    public void Render_HundredRowSeries_ScalesEveryBarToTheLargest()
    {
        var table = new TextTable(TextColumn.Text("Day"), TextColumn.Number("Spent"));
        table.ShowBars = true;
        var start = new DateOnly(2026, 9, 1);
        for (var day = 0; day < 100; day++)
        {
            var spent = (day % 10) + 1m;
            table.AddRow([start.AddDays(day).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture), $"${spent}.00"], spent);
        }

        table.SetTotals("Total", "$550.00");

        var lines = TableRenderer.Render(table, color: false).Split('\n', StringSplitOptions.RemoveEmptyEntries);

        Assert.Equal(100 + 4, lines.Length);
        var rows = lines[2..^2];
        Assert.All(rows, row => Assert.Equal(rows[0].IndexOf(".00", StringComparison.Ordinal), row.IndexOf(".00", StringComparison.Ordinal)));
        Assert.EndsWith(new string('█', Bar.Width), rows[9], StringComparison.Ordinal);
        Assert.EndsWith("   " + new string('█', 12), rows[4], StringComparison.Ordinal);
        Assert.All(lines, line => Assert.False(line.EndsWith(' '), $"trailing blank in '{line}'"));
    }

    [Fact]
    public void AddRow_WrongNumberOfCells_Throws()
    {
        var table = new TextTable(TextColumn.Text("Day"), TextColumn.Number("Spent"));

        Assert.Throws<ArgumentException>(() => table.AddRow(["2026-12-01"]));
    }

    [Fact]
    public void RenderLine_Color_StylesTheLineAndPlainDoesNot()
    {
        Assert.Equal("over budget\n", TableRenderer.RenderLine("over budget", Tone.Alert, color: false));
        Assert.Equal("\u001b[91mover budget\u001b[0m\n", TableRenderer.RenderLine("over budget", Tone.Alert, color: true));
    }

    [Fact]
    public void RenderLine_Markup_IsShownAsWritten()
    {
        Assert.Equal("[red]x[/]\n", TableRenderer.RenderLine("[red]x[/]", Tone.Plain, color: false));
    }

    private static TextTable Sample()
    {
        var table = new TextTable(TextColumn.Text("Project"), TextColumn.Number("Sessions"), TextColumn.Number("Cost"));
        table.ShowBars = true;
        table.AddRow(["/home/wei/src/omk", "2", "$4.67"], 4.67m);
        table.AddRow(["/home/wei/项目/支付网关", "1", "$2.32"], 2.32m);
        table.AddRow(["🚀 launch", "12", "$0.0091"], 0.0091m, Tone.Alert);
        table.SetTotals("Total", "15", "$6.99");
        return table;
    }
}
