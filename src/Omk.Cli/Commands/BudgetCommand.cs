using System.CommandLine;
using Omk.Cli.Arguments;
using Omk.Cli.Hosting;
using Omk.Cli.Output;
using Omk.Cli.Rendering;
using Omk.Cost.Domain;
using Omk.Cost.Domain.Budgets;
using Omk.Cost.Domain.Time;

namespace Omk.Cli.Commands;

/// <summary>
/// <c>omk cost budget --limit USD [--period P]</c>: the spend against a limit, exit code 3 when it is over; and the
/// stored budgets, with <c>set</c>, <c>list</c>, <c>remove</c> and <c>check</c>.
/// </summary>
internal static class BudgetCommand
{
    /// <summary>Creates the command.</summary>
    /// <param name="environment">The command's environment.</param>
    /// <returns>The command.</returns>
    public static Command Create(CliEnvironment environment)
    {
        var limit = CliOptions.Dollars("--limit", "The budget in US dollars.");
        var period = BudgetPeriodOption("The period whose sessions count, in the --tz zone's calendar:");
        var json = CliOptions.Json("the budget status");

        var command = KimiSpendOption.AddTo(CliCommand.Create(
            "budget",
            "Compare the spend (actual cost where known, else the estimate, and what Kimi sessions spent that the history does not hold) with a limit. Exits with 3 when the spend is over it. "
            + "Stored budgets, checked before a run by 'omk cost gate': set, list, remove, check.",
            "omk cost budget --limit 50",
            "omk cost budget --limit 20 --period month --json || echo over budget",
            "omk cost budget set monthly --limit 100 --period month --warn-at 80",
            "omk cost budget check"));
        command.Options.Add(limit);
        command.Options.Add(period);
        command.Options.Add(json);
        command.Subcommands.Add(BudgetPolicyCommands.Set(environment));
        command.Subcommands.Add(KimiSpendOption.AddTo(BudgetPolicyCommands.List(environment)));
        command.Subcommands.Add(BudgetPolicyCommands.Remove(environment));
        command.Subcommands.Add(KimiSpendOption.AddTo(BudgetPolicyCommands.Check(environment)));

        command.SetAction((parseResult, cancellationToken) =>
        {
            if (!parseResult.IsGiven(limit))
            {
                throw new CommandLineException("give --limit USD, or one of set, list, remove, check");
            }

            return RunAsync(environment, parseResult.GetValue(limit), parseResult.GetValue(period).Value, parseResult.GetValue(json), cancellationToken);
        });
        return command;
    }

    /// <summary>The action: what the period's sessions spent against the limit, shown; exit 3 when it is over.</summary>
    private static async Task<int> RunAsync(CliEnvironment environment, decimal limit, BudgetPeriodKind period, bool json, CancellationToken cancellationToken)
    {
        var zone = TimeZoneOption.Resolve(environment);
        var window = BudgetPeriod.Containing(period, environment.TimeProvider.GetUtcNow(), zone);
        using var services = CostServices.Create(environment);
        var status = new BudgetStatus(limit, await services.Budgets.SpentAsync(window, cancellationToken: cancellationToken).ConfigureAwait(false));
        if (json)
        {
            CliJson.Write(environment.Out, BudgetDocument.From(status), CliJsonContext.Default.BudgetDocument);
        }
        else
        {
            Show(StyledOutput.For(environment), status, window);
        }

        if (!status.Exceeded)
        {
            return ExitCodes.Success;
        }

        ErrorLine.Write(environment.Error, $"budget exceeded: spent {Figures.UsdBeside(status.SpentUsd, status.LimitUsd)} of {Figures.Usd(status.LimitUsd)}");
        return ExitCodes.BudgetExceeded;
    }

    /// <summary>The view: the period, then what was spent, the limit and what remains, aligned.</summary>
    private static void Show(StyledOutput output, BudgetStatus status, BudgetPeriod window)
    {
        // The lines show dollars as every text report does; what remains is taken from the amounts shown, so
        // that the three lines add up as a person reads them (the JSON document keeps the exact figures).
        var spent = Figures.AsShown(status.SpentUsd);
        var limitShown = Figures.AsShown(status.LimitUsd);
        var amounts = new[] { Figures.Usd(spent), Figures.Usd(limitShown), Figures.Usd(Math.Max(0m, limitShown - spent)) };
        var width = amounts.Max(static amount => amount.Length);
        if (window.Start is not null)
        {
            output.WriteLine($"Period:    {BudgetText.Span(window)}");
        }

        // On a terminal, a spend over the limit is red.
        output.WriteLine($"Spent:     {amounts[0].PadLeft(width)}", status.Exceeded ? Tone.Alert : Tone.Plain);
        output.WriteLine($"Limit:     {amounts[1].PadLeft(width)}");
        output.WriteLine($"Remaining: {amounts[2].PadLeft(width)}");
    }

    /// <summary>Creates the <c>--period</c> option of budgets.</summary>
    /// <param name="description">What the period is for.</param>
    /// <returns>The option; its default is <c>total</c>.</returns>
    public static Option<Chosen<BudgetPeriodKind>> BudgetPeriodOption(string description) => CliOptions.Choice(
        "--period",
        description + " total (all time, the default), day, week (ISO, Monday first) or month.",
        (PeriodWords.Total, BudgetPeriodKind.Total),
        (PeriodWords.Day, BudgetPeriodKind.Day),
        (PeriodWords.Week, BudgetPeriodKind.Week),
        (PeriodWords.Month, BudgetPeriodKind.Month));
}
