namespace Omk.Cli.Rendering;

/// <summary>A column of a <see cref="TextTable"/>.</summary>
/// <param name="Header">The column's header.</param>
/// <param name="IsNumber">Whether the column holds figures, which are right-aligned (the header too).</param>
internal sealed record TextColumn(string Header, bool IsNumber)
{
    /// <summary>Creates a column of text, left-aligned.</summary>
    /// <param name="header">The header.</param>
    /// <returns>The column.</returns>
    public static TextColumn Text(string header) => new(header, IsNumber: false);

    /// <summary>Creates a column of figures, right-aligned.</summary>
    /// <param name="header">The header.</param>
    /// <returns>The column.</returns>
    public static TextColumn Number(string header) => new(header, IsNumber: true);
}
