using System.CommandLine;
using System.Globalization;
using Omk.Cli.Arguments;
using Omk.Cli.Hosting;
using Omk.Cli.Output;

namespace Omk.Cli.Commands;

/// <summary><c>omk cost budget --limit USD</c>: the spend against a limit; exit code 3 when it is over.</summary>
internal static class BudgetCommand
{
    /// <summary>Creates the command.</summary>
    /// <param name="environment">The command's environment.</param>
    /// <param name="stateDirectory">The global <c>--state-dir</c> option.</param>
    /// <returns>The command.</returns>
    public static Command Create(CliEnvironment environment, Option<string> stateDirectory)
    {
        var limit = CliOptions.Dollars("--limit", "The budget in US dollars.");
        limit.Required = true;
        var json = CliOptions.Json("the budget status");

        var command = CliCommand.Create(
            "budget",
            "Compare the spend (actual cost where known, else the estimate) with a limit. Exits with 3 when the spend is over it.",
            "omk cost budget --limit 50",
            "omk cost budget --limit 50 --json || echo over budget");
        command.Options.Add(limit);
        command.Options.Add(json);

        command.SetAction(async (parseResult, cancellationToken) =>
        {
            using var services = CostServices.Create(environment, parseResult.GetValue(stateDirectory));
            var status = await services.Tracker.CheckBudgetAsync(parseResult.GetValue(limit), cancellationToken).ConfigureAwait(false);
            var invariant = CultureInfo.InvariantCulture;
            if (parseResult.GetValue(json))
            {
                CliJson.Write(environment.Out, BudgetDocument.From(status), CliJsonContext.Default.BudgetDocument);
            }
            else
            {
                // The lines show dollars to four places; what remains is taken from the amounts shown, so that the
                // three lines add up as a person reads them (the JSON document keeps the exact figures).
                var spent = Math.Round(status.SpentUsd, 4, MidpointRounding.AwayFromZero);
                var limitShown = Math.Round(status.LimitUsd, 4, MidpointRounding.AwayFromZero);
                var remaining = Math.Max(0m, limitShown - spent);
                environment.Out.Write(string.Create(
                    invariant,
                    $"Spent:     ${spent:F4}\nLimit:     ${limitShown:F4}\nRemaining: ${remaining:F4}\n"));
            }

            if (!status.Exceeded)
            {
                return ExitCodes.Success;
            }

            environment.Error.Write(string.Create(invariant, $"omk: budget exceeded: spent ${status.SpentUsd:F4} of ${status.LimitUsd:F4}\n"));
            return ExitCodes.BudgetExceeded;
        });
        return command;
    }
}
