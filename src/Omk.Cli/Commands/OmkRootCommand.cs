using System.CommandLine;
using Omk.Cli.Arguments;
using Omk.Cli.Hosting;
using Omk.Cli.Rendering;

namespace Omk.Cli.Commands;

/// <summary>Builds the whole <c>omk</c> command tree.</summary>
internal static class OmkRootCommand
{
    /// <summary>The global option that turns the state folder's ownership and permission check off.</summary>
    public const string InsecureStateDirectoryName = "--insecure-state-dir";

    /// <summary>Creates <c>omk</c> with <c>cost</c> and its commands.</summary>
    /// <param name="environment">The command's environment.</param>
    /// <returns>The root command.</returns>
    public static RootCommand Create(CliEnvironment environment)
    {
        var stateDirectory = new Option<string>("--state-dir")
        {
            Description = "The folder of omk's state. Default: $OMK_STATE_DIR, else $XDG_STATE_HOME/omk, else ~/.local/state/omk.",
            HelpName = "DIR",
            Recursive = true,
        };

        var insecureStateDirectory = new Option<bool>(InsecureStateDirectoryName)
        {
            Description = "Use a state folder owned by another user, or writable by its group or others (refused by default).",
            Recursive = true,
        };

        var cost = CliCommand.Create(
            "cost",
            "Estimate, record, report and cap what agent runs cost.");
        cost.Subcommands.Add(ReportCommand.Create(environment, stateDirectory));
        cost.Subcommands.Add(ResetCommand.Create(environment, stateDirectory));
        cost.Subcommands.Add(EstimateCommand.Create(environment));
        cost.Subcommands.Add(RecordCommand.Create(environment, stateDirectory));
        cost.Subcommands.Add(BudgetCommand.Create(environment, stateDirectory));
        cost.Subcommands.Add(GateCommand.Create(environment, stateDirectory));
        cost.Subcommands.Add(RunCommand.Create(environment, stateDirectory));
        cost.Subcommands.Add(ReleaseCommand.Create(environment, stateDirectory));
        cost.Subcommands.Add(ReservationsCommand.Create(environment, stateDirectory));
        cost.Subcommands.Add(KimiCommands.Usage(environment, stateDirectory));
        cost.Subcommands.Add(KimiCommands.Import(environment, stateDirectory));
        cost.Subcommands.Add(StatusCommand.Create(environment, stateDirectory));
        cost.Subcommands.Add(WatchCommand.Create(environment, stateDirectory));
        cost.Subcommands.Add(StoreCommands.Create(environment, stateDirectory));
        cost.Subcommands.Add(SyncCommand.Create(environment, stateDirectory));

        var root = new RootCommand("omk: turns prompts into engineering runs. This build holds its cost commands.");
        foreach (var version in root.Options.OfType<VersionOption>())
        {
            version.Action = new VersionAction(environment.Out);
        }

        root.Options.Add(stateDirectory);
        root.Options.Add(TimeZoneOption.Create());
        root.Options.Add(ColorChoice.CreateOption());
        root.Options.Add(StyledOutput.CreateWideOption());
        root.Options.Add(insecureStateDirectory);
        root.Options.Add(StoreOption.Create());
        root.Subcommands.Add(cost);
        return root;
    }
}
