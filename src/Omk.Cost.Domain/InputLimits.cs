namespace Omk.Cost.Domain;

/// <summary>
/// The largest values a person can mean when describing a run or a session: anything beyond them is a typing
/// mistake (an extra digit, a unit confused), refused rather than clamped, so that no absurd figure is printed or stored.
/// </summary>
/// <remarks>
/// The limits are generous for real work: a run of a year, a thousand workers, ten thousand iterations, a trillion
/// tokens, a million dollars. The estimates they allow stay far inside <see cref="decimal"/>'s range.
/// </remarks>
internal static class InputLimits
{
    /// <summary>The longest duration, in seconds: 366 days (8784 hours).</summary>
    public const long MaxDurationSecs = 366L * 24 * 3600;

    /// <summary>The most workers (agents) of one run.</summary>
    public const long MaxWorkers = 1_000;

    /// <summary>The most iterations, phases or user stories of one run.</summary>
    public const long MaxRounds = 10_000;

    /// <summary>The most tokens of one kind in one session: one trillion.</summary>
    public const ulong MaxTokens = 1_000_000_000_000;

    /// <summary>The largest amount of US dollars: one million.</summary>
    public const decimal MaxUsd = 1_000_000m;

    /// <summary>
    /// How far past the current time a time a person gives may lie: enough for clocks a little apart, too little for a
    /// wrong day or year.
    /// </summary>
    public static readonly TimeSpan FutureTolerance = TimeSpan.FromMinutes(5);

    /// <summary>Gets the words that state the duration limit, such as <c>8784h (366 days)</c>.</summary>
    public static string MaxDurationText => $"{MaxDurationSecs / 3600}h (366 days)";
}
