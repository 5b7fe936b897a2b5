namespace Omk.Cost.Domain;

/// <summary>
/// A window of moments, from an inclusive start to an exclusive end, either open: the one rule by which reports
/// choose sessions and usage reports choose model calls.
/// </summary>
/// <param name="Since">The earliest moment included, or null for no lower bound.</param>
/// <param name="Until">The moment before which moments are included (exclusive), or null for no upper bound.</param>
public readonly record struct TimeRange(DateTimeOffset? Since, DateTimeOffset? Until)
{
    /// <summary>Gets the range of every moment.</summary>
    public static TimeRange All => default;

    /// <summary>Determines whether a moment lies inside the range.</summary>
    /// <param name="moment">The moment.</param>
    /// <returns><see langword="true"/> when <paramref name="moment"/> is at or after <see cref="Since"/> and before <see cref="Until"/>.</returns>
    public bool Includes(DateTimeOffset moment) =>
        (Since is not { } since || moment >= since) && (Until is not { } until || moment < until);
}
