using System.Diagnostics;
using System.IO.Abstractions;
using Microsoft.Extensions.Time.Testing;

namespace Omk.Runtime.Atomic.Tests;

/// <summary>
/// The test clock of fake time and real waits, which the tests on the real disk give the stores: a lock held for a
/// moment elsewhere is waited for, where a fake clock's back-off never ends.
/// </summary>
public sealed class FakeNowClockTests : IDisposable
{
    private static readonly TimeSpan Bound = TimeSpan.FromSeconds(30);
    private readonly TempFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    [Fact]
    public void GetUtcNowAndLocalTimeZone_FollowTheFakeClockAsItIsSetAndAdvanced()
    {
        var fake = new FakeTimeProvider(new DateTimeOffset(2026, 11, 20, 10, 0, 0, TimeSpan.Zero));
        var tokyo = TimeZoneInfo.CreateCustomTimeZone("test/plus-nine", TimeSpan.FromHours(9), "plus nine", "plus nine");
        var clock = new FakeNowClock(fake);

        fake.Advance(TimeSpan.FromMinutes(90));
        fake.SetLocalTimeZone(tokyo);

        Assert.Equal(new DateTimeOffset(2026, 11, 20, 11, 30, 0, TimeSpan.Zero), clock.GetUtcNow());
        Assert.Same(tokyo, clock.LocalTimeZone);
    }

    [Fact]
    public async Task Delay_FakeClockNeverAdvanced_EndsInRealTime()
    {
        var clock = new FakeNowClock(new FakeTimeProvider());
        var started = Stopwatch.GetTimestamp();

        await Task.Delay(TimeSpan.FromMilliseconds(20), clock).WaitAsync(Bound);

        Assert.True(Stopwatch.GetElapsedTime(started) >= TimeSpan.FromMilliseconds(15));
    }

    [Fact]
    public async Task FileLock_HeldByAnotherProcessForAMoment_IsTakenOnceReleasedThoughTheFakeClockStands()
    {
        var lockPath = _folder.Combine("costs.json.lock");
        var clock = new FakeNowClock(new FakeTimeProvider());
        var other = await OtherProcessLock.HoldAsync(lockPath);

        var acquiring = FileLock.AcquireAsync(new FileSystem(), lockPath, TimeSpan.FromSeconds(20), clock);
        await Task.Delay(TimeSpan.FromMilliseconds(100));
        var waited = !acquiring.IsCompleted;
        await other.DisposeAsync();
        await using var held = await acquiring.WaitAsync(Bound);

        Assert.True(waited);
        Assert.Equal(lockPath, held.Path);
    }

    [Fact]
    public void Constructor_NullClock_Throws() =>
        Assert.Equal("now", Assert.Throws<ArgumentNullException>(() => new FakeNowClock(null!)).ParamName);
}
