namespace Omk.Cli.Rendering;

/// <summary>One row of a <see cref="TextTable"/>.</summary>
/// <param name="Cells">The cells, one a column.</param>
/// <param name="BarValue">The value the row's bar is drawn for, or null for no bar.</param>
/// <param name="Tone">How the row is coloured on a terminal.</param>
internal sealed record TextRow(IReadOnlyList<string> Cells, decimal? BarValue, Tone Tone);
