using System.Text.Json;

namespace Omk.Cli.Tests.Fixtures;

/// <summary>What one run of omk gave: its exit code, its standard output and its standard error.</summary>
internal sealed record CliResult(int ExitCode, string Out, string Error)
{
    /// <summary>Gets the lines written to standard error.</summary>
    public string[] ErrorLines => Error.Split('\n', StringSplitOptions.RemoveEmptyEntries);

    /// <summary>Parses standard output as one JSON document.</summary>
    /// <returns>The document's root.</returns>
    public JsonElement Json()
    {
        using var document = JsonDocument.Parse(Out);
        return document.RootElement.Clone();
    }
}
