using Omk.Cost.Domain;

namespace Omk.Cost.Application.Tests;

/// <summary>An outbox in memory that counts its sends.</summary>
internal sealed class ListOutbox(params SessionCost[] pending) : ICostOutbox
{
    public List<SessionCost> Pending { get; } = [.. pending];

    public int Sends { get; private set; }

    public bool SaysPending { get; init; } = true;

    public string Location => "outbox";

    public Task AddAsync(SessionCost session, CancellationToken cancellationToken)
    {
        Pending.Add(session);
        return Task.CompletedTask;
    }

    /// <summary>Gets the reservation each kept session settles, by the session's id.</summary>
    public Dictionary<string, string> Settles { get; } = new(StringComparer.Ordinal);

    public Task AddAsync(SessionCost session, string? reservationId, CancellationToken cancellationToken)
    {
        if (reservationId is not null)
        {
            Settles[session.Id!] = reservationId;
        }

        return AddAsync(session, cancellationToken);
    }

    public bool MayHavePending() => SaysPending;

    public Task<int> SendAsync(Func<IReadOnlyList<SessionCost>, CancellationToken, Task> send, CancellationToken cancellationToken) =>
        SendEntriesAsync((entries, token) => send([.. entries.Select(static entry => entry.Session)], token), cancellationToken);

    public async Task<int> SendEntriesAsync(Func<IReadOnlyList<OutboxEntry>, CancellationToken, Task> send, CancellationToken cancellationToken)
    {
        Sends++;
        var batch = Pending.Select(session => new OutboxEntry(session, session.Id is { } id ? Settles.GetValueOrDefault(id) : null)).ToList();
        await send(batch, cancellationToken);
        Pending.Clear();
        return batch.Count;
    }
}
