namespace Omk.Cli.Output;

/// <summary>The <c>--json</c> document of <c>omk cost import kimi</c>.</summary>
/// <param name="Sessions">The Kimi sessions found in the logs.</param>
/// <param name="Added">The sessions new to the ledger.</param>
/// <param name="Updated">The sessions that grew since the last import and were updated in place.</param>
/// <param name="Unchanged">The sessions already in the ledger as they are.</param>
/// <param name="DryRun">Whether the ledger was left untouched.</param>
internal sealed record ImportDocument(int Sessions, int Added, int Updated, int Unchanged, bool DryRun);
