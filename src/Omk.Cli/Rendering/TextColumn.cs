namespace Omk.Cli.Rendering;

/// <summary>A column of a <see cref="TextTable"/>.</summary>
/// <param name="Header">The column's header.</param>
/// <param name="IsNumber">Whether the column holds figures, which are right-aligned (the header too).</param>
internal sealed record TextColumn(string Header, bool IsNumber)
{
    /// <summary>Gets a value indicating whether a table too wide for the terminal may shorten this column's long texts in
    /// the middle with <c>…</c> (titles, names, paths).</summary>
    public bool CanShorten { get; init; }

    /// <summary>Gets when a table too wide for the terminal drops this column: 1 first, then 2, …; null never.</summary>
    public int? DropOrder { get; init; }

    /// <summary>Creates a column of text, left-aligned.</summary>
    /// <param name="header">The header.</param>
    /// <returns>The column.</returns>
    public static TextColumn Text(string header) => new(header, IsNumber: false);

    /// <summary>Creates a column of figures, right-aligned.</summary>
    /// <param name="header">The header.</param>
    /// <returns>The column.</returns>
    public static TextColumn Number(string header) => new(header, IsNumber: true);
}
