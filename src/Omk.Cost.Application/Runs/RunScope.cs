namespace Omk.Cost.Application.Runs;

/// <summary>Which agent sessions belong to a run: those of its working folder with model calls since it started.</summary>
/// <param name="StartedAt">When the command was started; calls logged before it belong to earlier runs.</param>
/// <param name="WorkingDirectory">The command's working folder, the project its agent sessions are logged under.</param>
public sealed record RunScope(DateTimeOffset StartedAt, string WorkingDirectory);
