using System.IO.Abstractions;
using Microsoft.Extensions.Time.Testing;

namespace Omk.Runtime.Atomic.Tests;

/// <summary>The lock is retried with jittered exponential back-off, measured on the given clock.</summary>
public sealed class FileLockBackOffTests : IDisposable
{
    private static readonly TimeSpan FirstDelay = TimeSpan.FromMilliseconds(2);
    private static readonly TimeSpan LongestDelay = TimeSpan.FromMilliseconds(50);
    private readonly TempFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    [Fact]
    public async Task AcquireAsync_HeldElsewhere_BacksOffDoublingWithJitterUpToFiftyMillisecondsUntilTheTimeout()
    {
        var lockPath = _folder.Combine("costs.json.lock");
        var timeout = TimeSpan.FromSeconds(2);
        var clock = new RecordingClock();
        await using var other = await OtherProcessLock.HoldAsync(lockPath);

        var acquiring = FileLock.AcquireAsync(new FileSystem(), lockPath, timeout, clock);
        var delays = await clock.RunUntilDoneAsync(acquiring);

        await Assert.ThrowsAsync<FileLockTimeoutException>(() => acquiring);
        Assert.Equal(timeout, delays.Aggregate(TimeSpan.Zero, (sum, delay) => sum + delay));
        var nominal = FirstDelay;
        foreach (var delay in delays.SkipLast(1))
        {
            Assert.InRange(delay, nominal * 0.5, nominal * 1.5);
            nominal = nominal * 2 < LongestDelay ? nominal * 2 : LongestDelay;
        }

        Assert.InRange(delays[^1], TimeSpan.FromTicks(1), nominal * 1.5);
        Assert.InRange(delays.Count, (int)(timeout / (LongestDelay * 1.5)), (int)(timeout / (LongestDelay * 0.5)) + 8);
    }

    [Fact]
    public async Task AcquireAsync_ZeroTimeout_TriesOnceAndWaitsForNothing()
    {
        var lockPath = _folder.Combine("costs.json.lock");
        var clock = new RecordingClock();
        await using var other = await OtherProcessLock.HoldAsync(lockPath);

        var acquiring = FileLock.AcquireAsync(new FileSystem(), lockPath, TimeSpan.Zero, clock);
        var delays = await clock.RunUntilDoneAsync(acquiring);

        var exception = await Assert.ThrowsAsync<FileLockTimeoutException>(() => acquiring);
        Assert.Empty(delays);
        Assert.Equal(lockPath, exception.LockPath);
    }

    /// <summary>A fake clock that records every delay asked of it, and lets each one pass as soon as it is asked.</summary>
    private sealed class RecordingClock : FakeTimeProvider
    {
        private readonly List<TimeSpan> _delays = [];

        public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period)
        {
            lock (_delays)
            {
                _delays.Add(dueTime);
            }

            return base.CreateTimer(callback, state, dueTime, period);
        }

        /// <summary>Advances the clock by each delay once it is asked for, until <paramref name="task"/> ends.</summary>
        public async Task<List<TimeSpan>> RunUntilDoneAsync(Task task)
        {
            var passed = 0;
            var deadline = DateTime.UtcNow.AddSeconds(30);
            while (!task.IsCompleted && DateTime.UtcNow < deadline)
            {
                TimeSpan? next = null;
                lock (_delays)
                {
                    if (_delays.Count > passed)
                    {
                        next = _delays[passed++];
                    }
                }

                if (next is { } delay)
                {
                    Advance(delay);
                }
                else
                {
                    await Task.Delay(1);
                }
            }

            lock (_delays)
            {
                return [.. _delays];
            }
        }
    }
}
