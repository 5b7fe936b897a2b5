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
    /// <param name="width">The terminal's width, to which tables are fitted, or null for tables as wide as their cells.</param>
    public StyledOutput(TextWriter writer, bool color, int? width = null)
    {
        _writer = writer;
        Color = color;
        Width = width;
    }

    /// <summary>The name of the global flag that shows tables whole on a terminal.</summary>
    public const string WideFlag = "--wide";

    /// <summary>Gets a value indicating whether the output is coloured.</summary>
    public bool Color { get; }

    /// <summary>Gets the width tables are fitted to, or null for tables as wide as their cells.</summary>
    public int? Width { get; }

    /// <summary>Creates the global <c>--wide</c> flag.</summary>
    /// <returns>The option, recursive so that every command takes it.</returns>
    public static Option<bool> CreateWideOption() => new(WideFlag)
    {
        Description = "Show tables whole on a terminal. By default a table wider than the terminal shrinks its bars, shortens long titles, names and paths in the middle with …, and drops columns in a stated order. Off a terminal tables are always whole.",
        Recursive = true,
    };
    /// <summary>Creates the styled standard output of a command, for a command that still passes its parse result.</summary>
    /// <param name="environment">The command's environment.</param>
    /// <param name="parseResult">The parsed command line, whose <c>--no-color</c> and <c>--wide</c> <see cref="CliEnvironment.Globals"/> holds.</param>
    /// <returns>The output.</returns>
    public static StyledOutput For(CliEnvironment environment, ParseResult parseResult)
    {
        ArgumentNullException.ThrowIfNull(parseResult);
        return For(environment);
    }

    /// <summary>Creates the styled standard output of a command: coloured and fitted as its global options say.</summary>
    /// <param name="environment">The command's environment.</param>
    /// <returns>The output.</returns>
    public static StyledOutput For(CliEnvironment environment)
    {
        ArgumentNullException.ThrowIfNull(environment);
        var width = environment.OutputIsTerminal && !environment.Globals.Wide ? environment.OutputWidth : null;
        return new StyledOutput(environment.Out, ColorChoice.IsEnabled(environment, environment.Globals.NoColor), width);
    }

    /// <summary>Writes a table.</summary>
    /// <param name="table">The table.</param>
    public void Write(TextTable table) => _writer.Write(TableRenderer.Render(table, Color, Width));

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
