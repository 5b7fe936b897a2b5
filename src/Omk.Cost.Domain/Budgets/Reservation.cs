namespace Omk.Cost.Domain.Budgets;

/// <summary>
/// Money held for a run that a gate admitted, until the run's session is recorded, the reservation is released, or it expires.
/// </summary>
public sealed record Reservation
{
    /// <summary>Gets the reservation's identifier.</summary>
    public required string Id { get; init; }

    /// <summary>Gets the amount held, in US dollars.</summary>
    public required decimal AmountUsd { get; init; }

    /// <summary>Gets the session type of the run, or null when not given.</summary>
    public string? SessionType { get; init; }

    /// <summary>Gets the run's name, or null when not given.</summary>
    public string? Name { get; init; }

    /// <summary>Gets the budgets named at the gate; empty when the gate checked every budget that covers the type.</summary>
    public IReadOnlyList<string> Budgets { get; init; } = [];

    /// <summary>Gets when the gate admitted the run; the reservation counts in the period that contains this moment.</summary>
    public required DateTimeOffset CreatedAt { get; init; }

    /// <summary>Gets when the reservation stops counting.</summary>
    public required DateTimeOffset ExpiresAt { get; init; }

    /// <summary>Gets a value indicating whether the reservation still counts at a moment.</summary>
    /// <param name="now">The moment.</param>
    /// <returns>True before <see cref="ExpiresAt"/>.</returns>
    public bool IsActiveAt(DateTimeOffset now) => now < ExpiresAt;
}
