namespace Omk.Cli.Rendering;

/// <summary>
/// A table of a text report: its columns, its rows, an optional totals row and an optional bar column drawn
/// from one value a row. It holds only text; <see cref="TableRenderer"/> lays it out.
/// </summary>
internal sealed class TextTable
{
    private readonly List<TextRow> _rows = [];

    /// <summary>Initializes a new instance of the <see cref="TextTable"/> class.</summary>
    /// <param name="columns">The columns.</param>
    public TextTable(params TextColumn[] columns)
    {
        ArgumentOutOfRangeException.ThrowIfZero(columns.Length);
        Columns = columns;
    }

    /// <summary>Gets the columns.</summary>
    public IReadOnlyList<TextColumn> Columns { get; }

    /// <summary>Gets the rows, in order.</summary>
    public IReadOnlyList<TextRow> Rows => _rows;

    /// <summary>Gets the totals row, or null.</summary>
    public TextRow? Totals { get; private set; }

    /// <summary>Gets or sets a value indicating whether a bar column follows the others, drawn from each row's bar value.</summary>
    public bool ShowBars { get; set; }

    /// <summary>Gets or sets the width of the longest bar, in cells.</summary>
    /// <value>The default value is <see cref="Bar.Width"/>.</value>
    public int BarWidth { get; set; } = Bar.Width;

    /// <summary>Gets or sets the bar value drawn as a full bar; null scales the bars to the largest row's value.</summary>
    public decimal? BarScale { get; set; }

    /// <summary>Adds a row.</summary>
    /// <param name="cells">The cells, one a column.</param>
    /// <param name="barValue">The value of the row's bar, when the table shows bars.</param>
    /// <param name="tone">How the row is coloured on a terminal.</param>
    public void AddRow(IReadOnlyList<string> cells, decimal? barValue = null, Tone tone = Tone.Plain) =>
        _rows.Add(new TextRow(Checked(cells), barValue, tone));

    /// <summary>Sets the totals row, shown after a rule under the rows.</summary>
    /// <param name="cells">The cells, one a column.</param>
    public void SetTotals(params string[] cells) => Totals = new TextRow(Checked(cells), null, Tone.Total);

    private IReadOnlyList<string> Checked(IReadOnlyList<string> cells) => cells.Count == Columns.Count
        ? cells
        : throw new ArgumentException($"A row of this table has {Columns.Count} cells, not {cells.Count}.", nameof(cells));
}
