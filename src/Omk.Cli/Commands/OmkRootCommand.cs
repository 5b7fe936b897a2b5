using System.CommandLine;
using Omk.Cli.Arguments;
using Omk.Cli.Hosting;

namespace Omk.Cli.Commands;

/// <summary>Builds the whole <c>omk</c> command tree.</summary>
internal static class OmkRootCommand
{
    /// <summary>Creates <c>omk</c> with <c>cost</c> and its commands.</summary>
    /// <param name="environment">The command's environment.</param>
    /// <param name="globals">The options every command takes, added to the root.</param>
    /// <returns>The root command.</returns>
    public static RootCommand Create(CliEnvironment environment, GlobalOptions globals)
    {
        ArgumentNullException.ThrowIfNull(globals);
        var root = new RootCommand("omk: turns prompts into engineering runs. This build holds its cost commands.");
        foreach (var version in root.Options.OfType<VersionOption>())
        {
            version.Action = new VersionAction(environment.Out);
        }

        globals.AddTo(root);
        root.Subcommands.Add(Cost(environment, globals));
        return root;
    }

    /// <summary>Creates <c>omk cost</c> and its commands, in the order its help lists them.</summary>
    private static Command Cost(CliEnvironment environment, GlobalOptions globals)
    {
        var cost = CliCommand.Create(
            "cost",
            "Estimate, record, report and cap what agent runs cost.");
        cost.Subcommands.Add(ReportCommand.Create(environment));
        cost.Subcommands.Add(ResetCommand.Create(environment));
        cost.Subcommands.Add(EstimateCommand.Create(environment));
        cost.Subcommands.Add(RecordCommand.Create(environment));
        cost.Subcommands.Add(BudgetCommand.Create(environment));
        cost.Subcommands.Add(GateCommand.Create(environment));
        cost.Subcommands.Add(RunCommand.Create(environment));
        cost.Subcommands.Add(ReleaseCommand.Create(environment));
        cost.Subcommands.Add(ReservationsCommand.Create(environment));
        cost.Subcommands.Add(KimiCommands.Usage(environment));
        cost.Subcommands.Add(KimiCommands.Import(environment));
        cost.Subcommands.Add(StatusCommand.Create(environment));
        cost.Subcommands.Add(WatchCommand.Create(environment));
        cost.Subcommands.Add(StoreCommands.Create(environment));
        cost.Subcommands.Add(SyncCommand.Create(environment));
        return cost;
    }
}
