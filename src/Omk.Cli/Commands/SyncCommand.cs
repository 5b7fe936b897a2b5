using System.CommandLine;
using System.Globalization;
using Omk.Cli.Arguments;
using Omk.Cli.Hosting;
using Omk.Cli.Rendering;
using Omk.Cost.Adapters.PostgreSql;

namespace Omk.Cli.Commands;

/// <summary>
/// <c>omk cost sync [--from DIR] [--to STORE]</c>: sends a state folder's <c>costs.json</c> sessions and its outbox to
/// the team store, idempotently. Sessions without an id first get one from their content and the machine, written
/// back to <c>costs.json</c>, so that a later sync recognises them.
/// </summary>
internal static class SyncCommand
{
    /// <summary>Creates the command.</summary>
    /// <param name="environment">The command's environment.</param>
    /// <returns>The command.</returns>
    public static Command Create(CliEnvironment environment)
    {
        var from = new Option<string>("--from") { Description = "The state folder to send. Default: --state-dir, else omk's state folder.", HelpName = "DIR" };
        var to = new Option<string>("--to") { Description = $"The team store to send to. Default: --store, else ${EnvironmentVariables.Store}.", HelpName = "STORE" };
        var command = CliCommand.Create(
            "sync",
            "Send a state folder's costs.json and outbox to the team store. Sessions already there are not added again, so running it twice adds nothing.",
            "omk cost sync --to postgresql://recorder@db.example.com/omk",
            "omk cost sync --from ~/old-laptop-state");
        command.Options.Add(from);
        command.Options.Add(to);

        command.SetAction((parseResult, cancellationToken) =>
        {
            var folder = parseResult.GetValue(from) is { Length: > 0 } given ? given : environment.Globals.StateDirectory;
            var store = parseResult.GetValue(to) is { Length: > 0 } target ? target : environment.Globals.Store;
            if (store is null || !PostgreSqlStoreAddress.IsPostgreSqlAddress(store))
            {
                throw new CommandLineException($"sync needs a team store: give --to STORE or {StoreOption.Name} STORE, or set ${EnvironmentVariables.Store}");
            }

            return SyncAsync(environment, folder, store, cancellationToken);
        });
        return command;
    }

    /// <summary>The action: a state folder's history and outbox sent to the team store, and what became of them.</summary>
    private static async Task<int> SyncAsync(CliEnvironment environment, string? folder, string store, CancellationToken cancellationToken)
    {
        using var local = CostServices.Create(environment, folder);
        using var team = CostServices.Create(environment, folder, store);
        var machine = environment.GetVariable(EnvironmentVariables.HostName) is { Length: > 0 } host ? host : Environment.MachineName;
        var synced = await team.Sync.SyncAsync(local.StoreSink, machine, cancellationToken).ConfigureAwait(false);
        environment.Out.Write(string.Create(
            CultureInfo.InvariantCulture,
            $"Synced {synced.From} to {synced.To}: {Figures.Counted(synced.Sessions, "session")} ({Figures.Count(synced.Outcome.Added)} added, {Figures.Count(synced.Outcome.Replaced)} replaced, {Figures.Count(synced.Outcome.Unchanged)} already there{(synced.Outcome.Conflicts > 0 ? $", {Figures.Count(synced.Outcome.Conflicts)} in conflict: another member recorded their ids and their rows were left as they are" : string.Empty)}); {Figures.Count(synced.FromOutbox)} from the outbox; {Figures.Count(synced.Identified)} given an id.\n"));
        return ExitCodes.Success;
    }
}
