using System.CommandLine;
using Omk.Cli.Hosting;
using Omk.Cli.Rendering;
using Omk.Cost.Domain;

namespace Omk.Cli.Commands;

/// <summary><c>omk cost reset</c>: empties the history, after a confirmation or with <c>--yes</c>.</summary>
internal static class ResetCommand
{
    /// <summary>Creates the command.</summary>
    /// <param name="environment">The command's environment.</param>
    /// <param name="stateDirectory">The global <c>--state-dir</c> option.</param>
    /// <returns>The command.</returns>
    public static Command Create(CliEnvironment environment, Option<string> stateDirectory)
    {
        var yes = new Option<bool>("--yes", "-y") { Description = "Reset without asking; needed when the input is not a terminal." };
        var command = CliCommand.Create(
            "reset",
            "Remove every recorded session. A file that is not a readable history is moved aside to costs.json.corrupt-<UTC time>, never deleted.",
            "omk cost reset",
            "omk cost reset --yes");
        command.Options.Add(yes);

        command.SetAction(async (parseResult, cancellationToken) =>
        {
            using var services = CostServices.Create(environment, parseResult, stateDirectory);
            if (!await services.Tracker.HasHistoryAsync(cancellationToken).ConfigureAwait(false))
            {
                environment.Out.Write($"No cost history at {services.Location}: nothing to reset.\n");
                return ExitCodes.Success;
            }

            var held = await HeldAsync(services.Tracker, cancellationToken).ConfigureAwait(false);
            if (!parseResult.GetValue(yes))
            {
                if (!environment.InputIsTerminal)
                {
                    throw new CommandLineException("reset needs --yes when the input is not a terminal");
                }

                environment.Error.Write(held is { } what
                    ? $"Remove {what} from {services.Location}? [y/N] "
                    : $"{services.Location} is not a readable cost history: move it aside and start an empty one? [y/N] ");
                var answer = (await environment.In.ReadLineAsync(cancellationToken).ConfigureAwait(false))?.Trim();
                if (!string.Equals(answer, "y", StringComparison.OrdinalIgnoreCase) && !string.Equals(answer, "yes", StringComparison.OrdinalIgnoreCase))
                {
                    environment.Out.Write("Nothing removed.\n");
                    return ExitCodes.Success;
                }
            }

            var outcome = await services.Tracker.ClearAsync(cancellationToken).ConfigureAwait(false);
            environment.Out.Write(outcome.MovedAsideTo is { } aside
                ? $"{services.Location} was not a readable cost history: moved it to {aside} and started an empty history.\n"
                : $"Removed {held ?? Figures.Counted(outcome.RemovedSessions ?? 0, "session")} from {services.Location}.\n");
            return ExitCodes.Success;
        });
        return command;
    }

    /// <summary>Says what the history holds, such as <c>42 sessions ($12.34)</c>, or null when it cannot be read.</summary>
    private static async Task<string?> HeldAsync(CostTracker tracker, CancellationToken cancellationToken)
    {
        try
        {
            var report = await tracker.ReportAsync(CostReportQuery.All, cancellationToken).ConfigureAwait(false);
            return $"{Figures.Counted(report.Sessions, "session")} ({Figures.Usd(report.TotalSpentUsd)})";
        }
        catch (CostStoreException)
        {
            return null;
        }
    }
}
