namespace Omk.Cost.Domain.Budgets;

/// <summary>
/// Money held for a run that a gate admitted, until the run's session is recorded, the reservation is released, or it expires.
/// </summary>
public sealed record Reservation
{
    /// <summary>How long an expired reservation stays listed, holding no money, before a change sweeps it: seven days.</summary>
    public static readonly TimeSpan KeptAfterExpiry = TimeSpan.FromDays(7);

    /// <summary>Gets the reservation's identifier.</summary>
    public required string Id { get; init; }

    /// <summary>Gets the amount held, in US dollars.</summary>
    public required decimal AmountUsd { get; init; }

    /// <summary>
    /// Gets the session type of the run, fixed at the gate, or null when not given: a reservation without a type counts
    /// against every budget, and its settle may give any type; one with a type is settled only by a session of that type.
    /// </summary>
    public string? SessionType { get; init; }

    /// <summary>Gets the run's name, or null when not given.</summary>
    public string? Name { get; init; }

    /// <summary>Gets the budgets named at the gate, which it counts against besides every budget that covers its type.</summary>
    public IReadOnlyList<string> Budgets { get; init; } = [];

    /// <summary>Gets when the gate admitted the run; the reservation counts in the period that contains this moment.</summary>
    public required DateTimeOffset CreatedAt { get; init; }

    /// <summary>Gets when the reservation stops counting.</summary>
    public required DateTimeOffset ExpiresAt { get; init; }

    /// <summary>Gets who made the reservation, as the store knows them, or null when the store keeps no name.</summary>
    public string? User { get; init; }

    /// <summary>Gets the machine the reservation was made on, or null when the store keeps no name.</summary>
    public string? Host { get; init; }

    /// <summary>
    /// Gets the id of the session a settle is recording for this reservation, while the store's step is between its
    /// writes (the file store marks the reservation first, then records the session, then removes it): a reservation
    /// found marked after a crash is gone when its session was recorded, and holds its money again when not.
    /// </summary>
    internal string? SettledBy { get; init; }

    /// <summary>Gets a value indicating whether the reservation still counts at a moment.</summary>
    /// <param name="now">The moment.</param>
    /// <returns>True before <see cref="ExpiresAt"/>.</returns>
    public bool IsActiveAt(DateTimeOffset now) => now < ExpiresAt;

    /// <summary>
    /// Gets a value indicating whether an expired reservation may be swept by a store's next change: it stays listed,
    /// holding no money, for <see cref="KeptAfterExpiry"/> after it expired, so that a late settle can
    /// still name it and <c>reservations list</c> still shows it.
    /// </summary>
    /// <param name="now">The moment.</param>
    /// <returns>True once it has been expired for longer than that.</returns>
    public bool IsSweptAt(DateTimeOffset now) =>
        ExpiresAt < DateTimeOffset.MaxValue - KeptAfterExpiry && now >= ExpiresAt + KeptAfterExpiry;
}
