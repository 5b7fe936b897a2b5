using System.CommandLine;
using System.CommandLine.Invocation;
using System.Reflection;

namespace Omk.Cli.Commands;

/// <summary>
/// Prints omk's own version for <c>--version</c>. The default action prints the entry assembly's version, which is
/// another program's when the command line runs inside a host (a test runner, the omk runtime).
/// </summary>
/// <param name="output">Where to print the version.</param>
internal sealed class VersionAction(TextWriter output) : SynchronousCommandLineAction
{
    /// <summary>Gets omk's version, such as <c>0.1.0+c4c202e</c>.</summary>
    public static string Version { get; } =
        typeof(VersionAction).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion
        ?? typeof(VersionAction).Assembly.GetName().Version?.ToString()
        ?? "unknown";

    /// <inheritdoc/>
    public override int Invoke(ParseResult parseResult)
    {
        output.Write(Version + "\n");
        return ExitCodes.Success;
    }
}
