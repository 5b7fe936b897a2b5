using Microsoft.Extensions.Time.Testing;
using Omk.Cli.Watch;

namespace Omk.Cli.Tests.Watch;

/// <summary>The watch's wake-up on the real disk: notifications well before a long poll interval ends.</summary>
public sealed class LogChangeSignalTests : IDisposable
{
    /// <summary>A poll interval no test waits for: a wait that ends before it ended on a notification.</summary>
    private static readonly TimeSpan LongPoll = TimeSpan.FromMinutes(5);

    /// <summary>What a busy machine may take to deliver a notification.</summary>
    private static readonly TimeSpan Delivery = TimeSpan.FromSeconds(10);

    private readonly TempFolder _folder = new();

    [Fact]
    public async Task WaitAsync_HomeWithSessions_WakesWhenALogGrows()
    {
        var home = _folder.Folder("kimi");
        var wire = Path.Combine(Directory.CreateDirectory(Path.Combine(home, "sessions", "work", "s1")).FullName, "wire.jsonl");
        await File.WriteAllTextAsync(wire, "{}\n");
        using var signal = new LogChangeSignal(new System.IO.Abstractions.FileSystem(), [home], TimeProvider.System);

        var wait = signal.WaitAsync(LongPoll, CancellationToken.None);
        await File.AppendAllTextAsync(wire, "{\"timestamp\": 1}\n");

        Assert.Equal(1, signal.Watched);
        Assert.Same(wait, await Task.WhenAny(wait, Task.Delay(Delivery)));
    }

    [Fact]
    public async Task WaitAsync_HomeWithoutSessionsYet_WakesAtItsFirstSessionLog()
    {
        var home = _folder.Folder("kimi-code");
        using var signal = new LogChangeSignal(new System.IO.Abstractions.FileSystem(), [home], TimeProvider.System);

        var wait = signal.WaitAsync(LongPoll, CancellationToken.None);
        var agent = Directory.CreateDirectory(Path.Combine(home, "sessions", "ws", "code-1", "agents", "main")).FullName;
        await File.WriteAllTextAsync(Path.Combine(agent, "wire.jsonl"), "{}\n");

        Assert.Equal(1, signal.Watched);
        Assert.Same(wait, await Task.WhenAny(wait, Task.Delay(Delivery)));
    }

    [Fact]
    public void Constructor_HomeThatDoesNotExist_WatchesNothingAndLeavesItToThePoll()
    {
        using var signal = new LogChangeSignal(new System.IO.Abstractions.FileSystem(), [Path.Combine(_folder.Path, "absent")], TimeProvider.System);

        Assert.Equal(0, signal.Watched);
    }

    [Fact]
    public async Task WaitAsync_CallerReadForPartOfTheInterval_PollsOneIntervalAfterTheLastWake()
    {
        var clock = new FakeTimeProvider();
        using var signal = new LogChangeSignal(new System.IO.Abstractions.FileSystem(), [], clock);
        clock.Advance(TimeSpan.FromMilliseconds(400)); // the first read

        var first = signal.WaitAsync(TimeSpan.FromSeconds(1), CancellationToken.None);
        var earlier = await EndsAfterAsync(clock, first, TimeSpan.FromMilliseconds(599));
        var atTheInterval = await EndsAfterAsync(clock, first, TimeSpan.FromMilliseconds(1));
        clock.Advance(TimeSpan.FromMilliseconds(300)); // the next read
        var second = signal.WaitAsync(TimeSpan.FromSeconds(1), CancellationToken.None);
        var beforeTheNext = await EndsAfterAsync(clock, second, TimeSpan.FromMilliseconds(699));
        var atTheNext = await EndsAfterAsync(clock, second, TimeSpan.FromMilliseconds(1));

        Assert.Equal((false, true, false, true), (earlier, atTheInterval, beforeTheNext, atTheNext));
    }

    [Fact]
    public async Task WaitAsync_ReadLongerThanTheInterval_PausesFiftyMillisecondsBeforeThePoll()
    {
        var clock = new FakeTimeProvider();
        using var signal = new LogChangeSignal(new System.IO.Abstractions.FileSystem(), [], clock);
        clock.Advance(TimeSpan.FromSeconds(3));

        var wait = signal.WaitAsync(TimeSpan.FromSeconds(1), CancellationToken.None);
        var immediately = await EndsAfterAsync(clock, wait, TimeSpan.Zero);
        var before = await EndsAfterAsync(clock, wait, TimeSpan.FromMilliseconds(49));
        var after = await EndsAfterAsync(clock, wait, TimeSpan.FromMilliseconds(1));

        Assert.Equal((false, false, true), (immediately, before, after));
    }

    public void Dispose() => _folder.Dispose();

    /// <summary>Advances the fake clock and tells whether the wait has then ended (given a moment to run on).</summary>
    private static async Task<bool> EndsAfterAsync(FakeTimeProvider clock, Task wait, TimeSpan advance)
    {
        clock.Advance(advance);
        return await Task.WhenAny(wait, Task.Delay(TimeSpan.FromMilliseconds(200))) == wait;
    }
}
