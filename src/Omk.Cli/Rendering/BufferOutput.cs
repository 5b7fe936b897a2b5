using System.Text;
using Spectre.Console;

namespace Omk.Cli.Rendering;

/// <summary>
/// Spectre.Console's output as a string buffer of a fixed, unbounded width. Spectre's own
/// <see cref="AnsiConsoleOutput"/> asks System.Console whether its writer is the standard output (and for its width
/// and encoding), which sets a terminal up and writes the terminfo's keypad sequence to it.
/// </summary>
/// <param name="writer">The buffer.</param>
/// <param name="width">The width in cells.</param>
internal sealed class BufferOutput(TextWriter writer, int width) : IAnsiConsoleOutput
{
    /// <inheritdoc/>
    public TextWriter Writer { get; } = writer;

    /// <inheritdoc/>
    public bool IsTerminal => false;

    /// <inheritdoc/>
    public int Width { get; } = width;

    /// <inheritdoc/>
    public int Height => 24;

    /// <inheritdoc/>
    public void SetEncoding(Encoding encoding)
    {
        // The buffer holds text, not bytes: there is no encoding to set.
    }
}
