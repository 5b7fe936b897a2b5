namespace Omk.Cost.Domain;

/// <summary>
/// The one rule that names a run's kind from its session type (<c>team</c>, <c>autopilot</c> and <c>ralph</c> in any
/// case, with surrounding spaces ignored; anything else is custom) and estimates it by that kind's rule.
/// </summary>
internal static class RunKinds
{
    /// <summary>Gets the words a person types for a kind of run (<c>--kind</c>, <c>estimate KIND</c>, <c>gate KIND</c>).</summary>
    public static IReadOnlyList<string> Words { get; } = ["team", "autopilot", "ralph", "custom"];

    /// <summary>Finds the word a text names, in any case, with surrounding spaces ignored.</summary>
    /// <param name="text">The text typed.</param>
    /// <returns>The word (lower case), or null when the text names no kind of run.</returns>
    public static string? Word(string? text) =>
        text is null ? null : Words.FirstOrDefault(word => word.Equals(text.Trim(), StringComparison.OrdinalIgnoreCase));

    /// <summary>Gets the kind a session type names.</summary>
    /// <param name="sessionType">The session type, or null.</param>
    /// <returns>The kind.</returns>
    public static RunKind Of(string? sessionType) => sessionType?.Trim().ToLowerInvariant() switch
    {
        "team" => RunKind.Team,
        "autopilot" => RunKind.Autopilot,
        "ralph" => RunKind.Ralph,
        _ => RunKind.Custom,
    };

    /// <summary>Estimates a run by the rule of its kind.</summary>
    /// <param name="kind">The kind.</param>
    /// <param name="size">The run's size; the kind reads only its own fields.</param>
    /// <returns>The estimate.</returns>
    public static CostEstimate Estimate(RunKind kind, RunSize size)
    {
        ArgumentNullException.ThrowIfNull(size);
        return kind switch
        {
            RunKind.Team => CostEstimator.EstimateTeam(size.DurationSecs, size.Workers, size.Role),
            RunKind.Autopilot => CostEstimator.EstimateAutopilot(size.DurationSecs, size.Phases),
            RunKind.Ralph => CostEstimator.EstimateRalph(size.DurationSecs, size.Iterations, size.Stories),
            _ => CostEstimator.Estimate(size.DurationSecs, size.Workers, size.Iterations, size.Tier),
        };
    }
}
