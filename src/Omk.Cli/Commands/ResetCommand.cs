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
    /// <returns>The command.</returns>
    public static Command Create(CliEnvironment environment)
    {
        var yes = new Option<bool>("--yes", "-y") { Description = "Reset without asking; needed when the input is not a terminal." };
        var command = CliCommand.Create(
            "reset",
            "Remove every recorded session. A file that is not a readable history is moved aside to costs.json.corrupt-<UTC time>, never deleted.",
            "omk cost reset",
            "omk cost reset --yes");
        command.Options.Add(yes);
        command.SetAction((parseResult, cancellationToken) => RunAsync(environment, parseResult.GetValue(yes), cancellationToken));
        return command;
    }

    /// <summary>The action: empties the history once it is confirmed, then says what was removed.</summary>
    private static async Task<int> RunAsync(CliEnvironment environment, bool yes, CancellationToken cancellationToken)
    {
        using var services = CostServices.Create(environment);
        if (!await services.Tracker.HasHistoryAsync(cancellationToken).ConfigureAwait(false))
        {
            environment.Out.Write($"No cost history at {services.Location}: nothing to reset.\n");
            return ExitCodes.Success;
        }

        var held = await HeldAsync(services.Tracker, cancellationToken).ConfigureAwait(false);
        if (!yes && !await ConfirmAsync(environment, services.Location, held, cancellationToken).ConfigureAwait(false))
        {
            environment.Out.Write("Nothing removed.\n");
            return ExitCodes.Success;
        }

        var outcome = await services.Tracker.ClearAsync(cancellationToken).ConfigureAwait(false);
        environment.Out.Write(outcome.MovedAsideTo is { } aside
            ? $"{services.Location} was not a readable cost history: moved it to {aside} and started an empty history.\n"
            : $"Removed {held ?? Figures.Counted(outcome.RemovedSessions ?? 0, "session")} from {services.Location}.\n");
        return ExitCodes.Success;
    }

    /// <summary>Asks the person at the terminal whether to reset; a command without a terminal must say <c>--yes</c>.</summary>
    private static async Task<bool> ConfirmAsync(CliEnvironment environment, string location, string? held, CancellationToken cancellationToken)
    {
        if (!environment.InputIsTerminal)
        {
            throw new CommandLineException("reset needs --yes when the input is not a terminal");
        }

        environment.Error.Write(held is { } what
            ? $"Remove {what} from {location}? [y/N] "
            : $"{location} is not a readable cost history: move it aside and start an empty one? [y/N] ");
        var answer = (await environment.In.ReadLineAsync(cancellationToken).ConfigureAwait(false))?.Trim();
        return string.Equals(answer, "y", StringComparison.OrdinalIgnoreCase) || string.Equals(answer, "yes", StringComparison.OrdinalIgnoreCase);
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
