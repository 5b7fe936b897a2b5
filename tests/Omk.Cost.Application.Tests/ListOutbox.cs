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

    public bool MayHavePending() => SaysPending;

    public async Task<int> SendAsync(Func<IReadOnlyList<SessionCost>, CancellationToken, Task> send, CancellationToken cancellationToken)
    {
        Sends++;
        var batch = Pending.ToList();
        await send(batch, cancellationToken);
        Pending.Clear();
        return batch.Count;
    }
}
