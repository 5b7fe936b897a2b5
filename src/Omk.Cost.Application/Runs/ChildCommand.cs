namespace Omk.Cost.Application.Runs;

/// <summary>The command a supervisor runs: a program found on the <c>PATH</c>, its arguments and its working folder.</summary>
public sealed record ChildCommand
{
    /// <summary>Gets the program, as a path or a name looked up on the <c>PATH</c>.</summary>
    public required string FileName { get; init; }

    /// <summary>Gets the arguments, each passed as it is (no shell reads them).</summary>
    public IReadOnlyList<string> Arguments { get; init; } = [];

    /// <summary>Gets the working folder the command starts in, where its Kimi sessions are looked for.</summary>
    public required string WorkingDirectory { get; init; }
}
