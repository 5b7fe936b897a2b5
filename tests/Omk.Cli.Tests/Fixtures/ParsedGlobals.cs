using System.IO.Abstractions;
using Omk.Cli.Arguments;
using Omk.Cli.Commands;
using Omk.Cli.Hosting;

namespace Omk.Cli.Tests.Fixtures;

/// <summary>A command line parsed by the whole command tree, its global options read as <c>CliApplication</c> reads them.</summary>
internal static class ParsedGlobals
{
    /// <summary>Parses a command line and reads its global options into a quiet environment's <see cref="CliEnvironment.Globals"/>.</summary>
    /// <param name="args">The command line.</param>
    /// <param name="getVariable">The environment's variables.</param>
    /// <param name="clock">The clock, whose local zone is the system's.</param>
    /// <returns>The environment, its global options read.</returns>
    public static CliEnvironment Read(string[] args, Func<string, string?> getVariable, TimeProvider clock)
    {
        var environment = new CliEnvironment
        {
            Out = TextWriter.Null,
            Error = TextWriter.Null,
            In = TextReader.Null,
            InputIsTerminal = false,
            GetVariable = getVariable,
            HomeDirectory = "/home/nobody",
            FileSystem = new FileSystem(),
            TimeProvider = clock,
        };
        var globals = new GlobalOptions();
        var parseResult = OmkRootCommand.Create(environment, globals).Parse(args);
        Assert.Empty(parseResult.Errors);
        environment.Globals = globals.Read(parseResult, environment);
        return environment;
    }
}
