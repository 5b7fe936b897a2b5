using Omk.Cli.Arguments;

namespace Omk.Cli.Output;

/// <summary>
/// The <c>window</c> of a report's <c>--json</c> document: the first instant covered and the first after, RFC 3339 with
/// the offset of the report's zone; null for a side that is not bounded.
/// </summary>
/// <param name="Start">The first instant covered, or null.</param>
/// <param name="End">The first instant after the window, or null.</param>
internal sealed record WindowDocument(string? Start, string? End)
{
    /// <summary>Creates the document of a window.</summary>
    /// <param name="window">The window.</param>
    /// <returns>The document.</returns>
    public static WindowDocument From(ResolvedWindow window)
    {
        ArgumentNullException.ThrowIfNull(window);
        return new(window.StartText, window.EndText);
    }
}
