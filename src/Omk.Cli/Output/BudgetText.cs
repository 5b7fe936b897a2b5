using System.Globalization;
using Omk.Cli.Rendering;
using Omk.Cost.Domain;
using Omk.Cost.Domain.Budgets;
using Omk.Cost.Domain.Time;

namespace Omk.Cli.Output;

/// <summary>
/// How the budget commands write budgets for a person: periods, the check table, the warning and exceeded lines.
/// Culture-invariant.
/// </summary>
internal static class BudgetText
{
    private static readonly CultureInfo Invariant = CultureInfo.InvariantCulture;

    /// <summary>Gets the word of a period kind, as typed after <c>--period</c>.</summary>
    /// <param name="kind">The kind.</param>
    /// <returns><c>total</c>, <c>day</c>, <c>week</c> or <c>month</c>.</returns>
    public static string Period(BudgetPeriodKind kind) => PeriodWords.Of(kind);

    /// <summary>Writes the days a period covers in its zone: <c>2026-11-20</c>, <c>2026-11-01 – 2026-11-30</c> or <c>all time</c>.</summary>
    /// <param name="period">The period.</param>
    /// <returns>The text.</returns>
    public static string Span(BudgetPeriod period)
    {
        if (period.Start is not { } start || period.End is not { } end)
        {
            return "all time";
        }

        var first = DateOnly.FromDateTime(start.DateTime);
        var last = DateOnly.FromDateTime(end.DateTime).AddDays(-1);
        var firstText = first.ToString("yyyy-MM-dd", Invariant);
        return last <= first ? firstText : $"{firstText} – {last.ToString("yyyy-MM-dd", Invariant)}";
    }

    /// <summary>Writes a percentage with at most one decimal: <c>85%</c>, <c>85.5%</c>.</summary>
    /// <param name="percent">The percentage.</param>
    /// <returns>The text.</returns>
    public static string Percent(decimal percent) => percent.ToString("0.#", Invariant) + "%";

    /// <summary>Builds the table of <c>omk cost budget check</c>: one row a budget, with a bar of its share of the limit.</summary>
    /// <param name="standings">The budgets.</param>
    /// <returns>The table.</returns>
    public static TextTable CheckTable(IEnumerable<BudgetStanding> standings)
    {
        // Too wide for the terminal: long names are shortened, then the period, what is reserved, spent and the limit go.
        var table = new TextTable(
            TextColumn.Text("Budget") with { CanShorten = true },
            TextColumn.Text("Period") with { DropOrder = 1 },
            TextColumn.Number("Limit") with { DropOrder = 4 },
            TextColumn.Number("Spent") with { DropOrder = 3 },
            TextColumn.Number("Reserved") with { DropOrder = 2 },
            TextColumn.Number("Remaining"),
            TextColumn.Number("Used"))
        {
            ShowBars = true,
            BarScale = 100m,
        };
        foreach (var standing in standings)
        {
            table.AddRow(
                [
                    standing.Policy.Name,
                    Span(standing.Period),
                    Figures.Usd(standing.LimitUsd),
                    Figures.Usd(standing.SpentUsd),
                    Figures.Usd(standing.ReservedUsd),
                    Figures.Usd(standing.RemainingUsd),
                    Percent(standing.UsedPercent),
                ],
                Math.Min(standing.UsedPercent, 100m),
                standing.Exceeded ? Tone.Alert : Tone.Plain);
        }

        return table;
    }

    /// <summary>Writes the figures of a budget in one clause: its period, limit, spent, reserved and remaining.</summary>
    /// <param name="standing">The budget.</param>
    /// <returns>The clause.</returns>
    public static string Describe(BudgetStanding standing) => string.Create(
        Invariant,
        $"budget \"{VisibleText.Escape(standing.Policy.Name)}\" ({Span(standing.Period)}): limit {Figures.Usd(standing.LimitUsd)}, spent {Figures.Usd(standing.SpentUsd)}, reserved {Figures.Usd(standing.ReservedUsd)}, remaining {Figures.Usd(standing.RemainingUsd)}");

    /// <summary>Writes one warning line on standard error for every budget whose spend and reservations passed its warning share.</summary>
    /// <param name="error">The standard error.</param>
    /// <param name="standings">The budgets the command read.</param>
    public static void WriteWarnings(TextWriter error, IEnumerable<BudgetStanding> standings)
    {
        ArgumentNullException.ThrowIfNull(error);
        foreach (var standing in standings.Where(static standing => standing.Warns))
        {
            ErrorLine.Warn(
                error,
                string.Create(
                    Invariant,
                    $"budget \"{VisibleText.Escape(standing.Policy.Name)}\" is at {Percent(standing.UsedPercent)} of its limit: {Figures.Usd(standing.CommittedUsd)} of {Figures.Usd(standing.LimitUsd)} spent or reserved (warns at {Percent(standing.Policy.WarnAtPercent!.Value)})"));
        }
    }
}
