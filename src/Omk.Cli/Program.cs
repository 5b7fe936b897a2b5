using Omk.Cli.Hosting;

namespace Omk.Cli;

/// <summary>The entry point of the omk command.</summary>
public static class Program
{
    /// <summary>Runs the command line against this process's console, environment, disk and clock.</summary>
    /// <param name="args">The arguments.</param>
    /// <returns>The exit code: 0 success, 1 failed operation, 2 wrong command line, 3 budget exceeded.</returns>
    public static Task<int> Main(string[] args) => CliApplication.RunAsync(args, CliEnvironment.FromProcess());
}
