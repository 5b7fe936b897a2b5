using System.CommandLine;
using Omk.Cli.Hosting;

namespace Omk.Cli.Arguments;

/// <summary>
/// The global <c>--store</c> option: the team store (a <c>postgresql://</c> URI or an Npgsql connection string) that
/// replaces the state folder's <c>costs.json</c>.
/// </summary>
internal static class StoreOption
{
    /// <summary>The option's name.</summary>
    public const string Name = "--store";

    /// <summary>Creates the option, recursive so every command takes it.</summary>
    /// <returns>The option.</returns>
    public static Option<string> Create() => new(Name)
    {
        Description = $"The team store: a PostgreSQL URI (postgresql://user@host/db?sslmode=require) or an Npgsql connection string. Default: ${EnvironmentVariables.Store}, else costs.json in the state folder. Passwords come from the URI, {EnvironmentVariables.Password} or ~/.pgpass and are never shown.",
        HelpName = "STORE",
        Recursive = true,
    };

}
