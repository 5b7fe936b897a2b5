using System.CommandLine;
using Omk.Cli.Hosting;
using Omk.Cli.Rendering;
using Omk.Cost.Adapters.FileSystem;

namespace Omk.Cli.Arguments;

/// <summary>
/// The options every command takes (<c>--state-dir</c>, <c>--insecure-state-dir</c>, <c>--store</c>, <c>--tz</c>,
/// <c>--no-color</c>, <c>--wide</c>), declared once on the root command, and read once per command line into
/// <see cref="GlobalSettings"/>, which is all a command reads of them.
/// </summary>
internal sealed class GlobalOptions
{
    /// <summary>The name of the option that turns the state folder's ownership and permission check off.</summary>
    private const string InsecureStateDirectoryName = "--insecure-state-dir";

    /// <summary>Gets the folder of omk's state.</summary>
    public Option<string> StateDirectory { get; } = new("--state-dir")
    {
        Description = $"The folder of omk's state. Default: ${OmkStateDirectory.StateDirVariable}, else ${OmkStateDirectory.XdgStateHomeVariable}/omk, else ~/.local/state/omk.",
        HelpName = "DIR",
        Recursive = true,
    };

    /// <summary>Gets the flag that uses a state folder of another user, or writable by others.</summary>
    public Option<bool> InsecureStateDirectory { get; } = new(InsecureStateDirectoryName)
    {
        Description = "Use a state folder owned by another user, or writable by its group or others (refused by default).",
        Recursive = true,
    };

    /// <summary>Gets the team store.</summary>
    public Option<string> Store { get; } = StoreOption.Create();

    /// <summary>Gets the time zone of days, weeks, months and typed times.</summary>
    public Option<string> TimeZone { get; } = TimeZoneOption.Create();

    /// <summary>Gets the flag that never colours the output.</summary>
    public Option<bool> NoColor { get; } = ColorChoice.CreateOption();

    /// <summary>Gets the flag that shows tables whole on a terminal.</summary>
    public Option<bool> Wide { get; } = StyledOutput.CreateWideOption();

    /// <summary>Adds the options to the root command, in the order its help lists them.</summary>
    /// <param name="root">The root command.</param>
    public void AddTo(RootCommand root)
    {
        ArgumentNullException.ThrowIfNull(root);
        foreach (var option in new Option[] { StateDirectory, TimeZone, NoColor, Wide, InsecureStateDirectory, Store })
        {
            root.Options.Add(option);
        }
    }

    /// <summary>Reads the global options of a parsed command line, with the variables that stand in for them.</summary>
    /// <param name="parseResult">The parsed command line.</param>
    /// <param name="environment">The command's environment.</param>
    /// <returns>What the command line says of them.</returns>
    public GlobalSettings Read(ParseResult parseResult, CliEnvironment environment)
    {
        ArgumentNullException.ThrowIfNull(parseResult);
        ArgumentNullException.ThrowIfNull(environment);
        return new GlobalSettings
        {
            StateDirectory = parseResult.GetValue(StateDirectory),
            InsecureStateDirectory = parseResult.GetValue(InsecureStateDirectory),
            Store = Given(parseResult.GetValue(Store)) ?? Given(environment.GetVariable(EnvironmentVariables.Store)),
            TimeZone = Given(parseResult.GetValue(TimeZone)),
            NoColor = parseResult.GetValue(NoColor),
            Wide = parseResult.GetValue(Wide),
            CountsKimi = KimiSpendOption.Counts(parseResult),
        };
    }

    private static string? Given(string? value) => string.IsNullOrWhiteSpace(value) ? null : value;
}
