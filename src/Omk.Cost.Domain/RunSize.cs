namespace Omk.Cost.Domain;

/// <summary>
/// What sizes a run for its estimate; each kind of run reads only its own fields (<see cref="RunKinds.Estimate"/>).
/// </summary>
internal sealed record RunSize
{
    /// <summary>Gets the run's length in seconds.</summary>
    public long DurationSecs { get; init; }

    /// <summary>Gets the workers of a team or custom run.</summary>
    public long Workers { get; init; }

    /// <summary>Gets the iterations of a ralph or custom run.</summary>
    public long Iterations { get; init; }

    /// <summary>Gets the completed phases of an autopilot run.</summary>
    public long Phases { get; init; }

    /// <summary>Gets the stories of a ralph run.</summary>
    public long Stories { get; init; }

    /// <summary>Gets the role of a team run, which chooses its tier.</summary>
    public string? Role { get; init; }

    /// <summary>Gets the tier of a custom run.</summary>
    public PricingTier Tier { get; init; } = PricingTier.Standard;
}
