using System.CommandLine;
using Omk.Cli.Hosting;

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
            using var services = CostServices.Create(environment, parseResult.GetValue(stateDirectory));
            if (!await services.Tracker.HasHistoryAsync(cancellationToken).ConfigureAwait(false))
            {
                environment.Out.Write($"No cost history at {services.Location}: nothing to reset.\n");
                return ExitCodes.Success;
            }

            if (!parseResult.GetValue(yes))
            {
                if (!environment.InputIsTerminal)
                {
                    throw new CommandLineException("reset needs --yes when the input is not a terminal");
                }

                environment.Error.Write($"Remove every recorded session from {services.Location}? [y/N] ");
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
                : $"Removed {outcome.RemovedSessions ?? 0} sessions from {services.Location}.\n");
            return ExitCodes.Success;
        });
        return command;
    }
}
