namespace Omk.Cli.Output;

/// <summary>
/// The <c>--json</c> document of <c>omk cost status</c> when it cannot answer: the marker the line prints and why, so
/// that a prompt that shows <c>omk ?</c> can be asked what went wrong.
/// </summary>
/// <param name="Status">The line's marker, <c>omk ?</c>.</param>
/// <param name="Error">What went wrong, as one line.</param>
internal sealed record StatusErrorDocument(string Status, string Error);
