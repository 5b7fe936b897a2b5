using System.CommandLine;

namespace Omk.Cli.Arguments;

/// <summary>
/// The global <c>--store</c> option: the team store (a <c>postgresql://</c> URI or an Npgsql connection string) that
/// replaces the state folder's <c>costs.json</c>.
/// </summary>
internal static class StoreOption
{
    /// <summary>The option's name.</summary>
    public const string Name = "--store";

    /// <summary>The environment variable that gives the default store.</summary>
    public const string Variable = "OMK_COST_STORE";

    /// <summary>The environment variable that names this machine in the team store (default: the host name).</summary>
    public const string HostVariable = "OMK_HOSTNAME";

    /// <summary>Creates the option, recursive so every command takes it.</summary>
    /// <returns>The option.</returns>
    public static Option<string> Create() => new(Name)
    {
        Description = $"The team store: a PostgreSQL URI (postgresql://user@host/db?sslmode=require) or an Npgsql connection string. Default: ${Variable}, else costs.json in the state folder. Passwords come from the URI, PGPASSWORD or ~/.pgpass and are never shown.",
        HelpName = "STORE",
        Recursive = true,
    };

    /// <summary>Resolves the store a command line asks for.</summary>
    /// <param name="parseResult">The parsed command line.</param>
    /// <param name="environment">The command's environment.</param>
    /// <returns><c>--store</c>, else <c>$OMK_COST_STORE</c>, else null (the state folder's <c>costs.json</c>).</returns>
    public static string? Resolve(ParseResult parseResult, Hosting.CliEnvironment environment)
    {
        ArgumentNullException.ThrowIfNull(parseResult);
        ArgumentNullException.ThrowIfNull(environment);
        var given = parseResult.GetValue<string>(Name);
        if (!string.IsNullOrWhiteSpace(given))
        {
            return given;
        }

        return environment.GetVariable(Variable) is { Length: > 0 } variable ? variable : null;
    }
}
