namespace Omk.Cost.Adapters.Kimi.Reading;

/// <summary>
/// Something in Kimi's files that could not be used, reported once per file; it never stops a run.
/// </summary>
/// <param name="Path">The file concerned.</param>
/// <param name="Message">What was skipped and why.</param>
internal sealed record KimiLogWarning(string Path, string Message)
{
    /// <summary>Formats the warning as <c>path: message</c>.</summary>
    /// <returns>The warning's text.</returns>
    public override string ToString() => $"{Path}: {Message}";
}
