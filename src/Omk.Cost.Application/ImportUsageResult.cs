using Omk.Cost.Domain;
using Omk.Cost.Domain.Usage;

namespace Omk.Cost.Application;

/// <summary>What an import did (<see cref="ImportUsageUseCase"/>).</summary>
/// <param name="Found">How many priced sessions the reading held.</param>
/// <param name="Outcome">What the upsert added, replaced and left unchanged.</param>
/// <param name="Unpriced">The sessions left out because a model they called has no price.</param>
internal sealed record ImportUsageResult(int Found, UpsertOutcome Outcome, IReadOnlyList<UnpricedSession> Unpriced);
