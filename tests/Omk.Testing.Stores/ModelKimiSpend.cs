using System.Globalization;
using Omk.Cost.Application;
using Omk.Cost.Domain;

namespace Omk.Testing.Stores;

/// <summary>
/// Kimi's logs as the budgets of the model-based test see them: sessions that spend more as the test says, each priced
/// and recordable (as <c>omk cost import kimi</c> records it). A budget-step process reads the same sessions from a
/// file (<see cref="Save"/>, <see cref="Load"/>), so that it counts what the test's own steps count.
/// </summary>
public sealed class ModelKimiSpend : ILiveSpendSource
{
    private readonly Dictionary<string, (DateTimeOffset StartedAt, DateTimeOffset LastAt, decimal Usd)> _sessions = new(StringComparer.Ordinal);

    /// <summary>Gets what every session spent.</summary>
    public decimal Total => _sessions.Values.Sum(static session => session.Usd);

    /// <summary>Reads the sessions a test saved.</summary>
    /// <param name="path">The file.</param>
    /// <returns>The sessions.</returns>
    public static ModelKimiSpend Load(string path)
    {
        var spend = new ModelKimiSpend();
        foreach (var line in File.ReadAllLines(path))
        {
            var parts = line.Split(' ');
            spend._sessions[parts[0]] = (Moment(parts[1]), Moment(parts[2]), decimal.Parse(parts[3], CultureInfo.InvariantCulture));
        }

        return spend;

        static DateTimeOffset Moment(string ticks) => new(long.Parse(ticks, CultureInfo.InvariantCulture), TimeSpan.Zero);
    }

    /// <summary>Writes the sessions for a process to <see cref="Load"/>.</summary>
    /// <param name="path">The file.</param>
    public void Save(string path) =>
        File.WriteAllLines(path, _sessions.Select(static pair => string.Create(CultureInfo.InvariantCulture, $"{pair.Key} {pair.Value.StartedAt.UtcTicks} {pair.Value.LastAt.UtcTicks} {pair.Value.Usd}")));

    /// <summary>Adds a call's cost to a session, which starts now if it is new.</summary>
    /// <param name="id">The session's ledger id.</param>
    /// <param name="now">The moment of the call.</param>
    /// <param name="usd">What it cost.</param>
    public void Spend(string id, DateTimeOffset now, decimal usd)
    {
        var (startedAt, _, spent) = _sessions.TryGetValue(id, out var session) ? session : (now, now, 0m);
        _sessions[id] = (startedAt, now > startedAt ? now : startedAt, spent + usd);
    }

    /// <inheritdoc/>
    public Task<IReadOnlyList<LiveSessionSpend>> ReadAsync(DateTimeOffset activeSince, CancellationToken cancellationToken) =>
        Task.FromResult<IReadOnlyList<LiveSessionSpend>>([.. _sessions.Select(static pair => new LiveSessionSpend(pair.Key, pair.Value.LastAt, pair.Value.Usd)
        {
            StartedAt = pair.Value.StartedAt,
            SessionType = "kimi",
            Record = new SessionCost
            {
                Id = pair.Key,
                SessionType = "kimi",
                Name = pair.Key,
                StartedAt = pair.Value.StartedAt,
                EndedAt = pair.Value.LastAt,
                Estimate = new CostEstimate(1, 1, 60, 1, pair.Value.Usd, PricingTier.Standard),
                ActualUsd = pair.Value.Usd,
            },
        })]);
}
