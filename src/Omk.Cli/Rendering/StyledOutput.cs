using System.CommandLine;
using Omk.Cli.Hosting;

namespace Omk.Cli.Rendering;

/// <summary>
/// A command's standard output for text reports: tables and lines, coloured when <see cref="ColorChoice"/> says
/// so and plain otherwise. Every coloured byte a command writes goes through here.
/// </summary>
internal sealed class StyledOutput
{
    private readonly TextWriter _writer;

    /// <summary>Initializes a new instance of the <see cref="StyledOutput"/> class.</summary>
    /// <param name="writer">Where to write.</param>
    /// <param name="color">Whether to colour.</param>
    public StyledOutput(TextWriter writer, bool color)
    {
        _writer = writer;
        Color = color;
    }

    /// <summary>Gets a value indicating whether the output is coloured.</summary>
    public bool Color { get; }

    /// <summary>Creates the styled standard output of a command.</summary>
    /// <param name="environment">The command's environment.</param>
    /// <param name="parseResult">The parsed command line.</param>
    /// <returns>The output.</returns>
    public static StyledOutput For(CliEnvironment environment, ParseResult parseResult)
    {
        ArgumentNullException.ThrowIfNull(environment);
        return new StyledOutput(environment.Out, ColorChoice.IsEnabled(environment, parseResult));
    }

    /// <summary>Writes a table.</summary>
    /// <param name="table">The table.</param>
    public void Write(TextTable table) => _writer.Write(TableRenderer.Render(table, Color));

    /// <summary>Writes text exactly as it is, uncoloured, ending it with a line feed when it lacks one.</summary>
    /// <param name="text">The text.</param>
    public void WritePlain(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        _writer.Write(text.EndsWith('\n') ? text : text + "\n");
    }

    /// <summary>Writes one line.</summary>
    /// <param name="text">The text, shown as it is.</param>
    /// <param name="tone">How it is coloured on a terminal.</param>
    public void WriteLine(string text = "", Tone tone = Tone.Plain) => _writer.Write(TableRenderer.RenderLine(text, tone, Color));
}
