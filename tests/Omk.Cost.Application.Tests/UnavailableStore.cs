using Omk.Cost.Domain;

namespace Omk.Cost.Application.Tests;

/// <summary>A store that cannot be reached: every operation throws the given exception.</summary>
internal sealed class UnavailableStore(CostStoreUnavailableException exception) : ICostSink
{
    public string Location => "team store";

    public Task AppendAsync(SessionCost session, CancellationToken cancellationToken) => throw exception;

    public Task<UpsertOutcome> UpsertAsync(IReadOnlyCollection<SessionCost> sessions, UpsertMode mode, CancellationToken cancellationToken) => throw exception;

    public IAsyncEnumerable<SessionCost> ReadAllAsync(CancellationToken cancellationToken) => throw exception;

    public Task<bool> ExistsAsync(CancellationToken cancellationToken) => throw exception;

    public Task<ClearOutcome> ClearAsync(CancellationToken cancellationToken) => throw exception;
}
