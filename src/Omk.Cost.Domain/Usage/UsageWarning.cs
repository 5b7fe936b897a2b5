namespace Omk.Cost.Domain.Usage;

/// <summary>
/// Something in an agent's files that could not be used, reported once per file; it never stops a reading.
/// </summary>
/// <param name="Path">The file concerned, or empty when the warning is about the reading as a whole.</param>
/// <param name="Message">What was skipped and why.</param>
internal sealed record UsageWarning(string Path, string Message)
{
    /// <summary>Formats the warning as <c>path: message</c>, or the message alone when it names no file.</summary>
    /// <returns>The warning's text.</returns>
    public override string ToString() => Path.Length == 0 ? Message : $"{Path}: {Message}";
}
