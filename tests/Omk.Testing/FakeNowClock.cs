namespace Omk.Testing;

/// <summary>
/// A clock that tells the time another clock is set to (a test's <c>FakeTimeProvider</c>), while its timers, delays and
/// timestamps run on the real clock.
/// </summary>
/// <remarks>
/// Give it to code that waits on the real disk. A lock file is briefly held elsewhere whenever any thread of the test
/// process starts a program: the child holds a copy of every open descriptor, and so the lock, until it runs the
/// program. The lock's back-off then waits a few milliseconds; on a fake clock that is never advanced, that wait (and
/// the timeout meant to end it) never ends, and the test hangs.
/// </remarks>
public sealed class FakeNowClock : TimeProvider
{
    private readonly TimeProvider _now;

    /// <summary>Initializes a new instance of the <see cref="FakeNowClock"/> class.</summary>
    /// <param name="now">The clock whose time and local time zone this one tells.</param>
    public FakeNowClock(TimeProvider now)
    {
        ArgumentNullException.ThrowIfNull(now);
        _now = now;
    }

    /// <inheritdoc/>
    public override TimeZoneInfo LocalTimeZone => _now.LocalTimeZone;

    /// <inheritdoc/>
    public override DateTimeOffset GetUtcNow() => _now.GetUtcNow();
}
