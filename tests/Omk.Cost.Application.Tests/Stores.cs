using Omk.Cost.Domain;

namespace Omk.Cost.Application.Tests;

/// <summary>Reads what test stores hold.</summary>
internal static class Stores
{
    public static async Task<List<SessionCost>> Read(ICostSink sink)
    {
        var sessions = new List<SessionCost>();
        await foreach (var session in sink.ReadAllAsync(CancellationToken.None))
        {
            sessions.Add(session);
        }

        return sessions;
    }
}
