using System.Threading.Channels;
using Omk.Cost.Application.Runs;

namespace Omk.Cost.Application.Tests.Runs;

/// <summary>A command that records the signals sent to its group and ends at the first one it does not ignore.</summary>
internal sealed class FakeChild(IReadOnlySet<RunSignal> ignored) : IChildProcess
{
    private readonly TaskCompletionSource<ChildExit> _exited = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly Channel<RunSignal> _signals = Channel.CreateUnbounded<RunSignal>();

    public int ProcessId => 4242;

    public Task<ChildExit> Exited => _exited.Task;

    public List<RunSignal> Received { get; } = [];

    public bool Disposed { get; private set; }

    public void Signal(RunSignal signal)
    {
        lock (Received)
        {
            Received.Add(signal);
        }

        _signals.Writer.TryWrite(signal);
        if (!ignored.Contains(signal))
        {
            _exited.TrySetResult(new ChildExit(null, signal switch { RunSignal.Interrupt => 2, RunSignal.Terminate => 15, _ => 9 }));
        }
    }

    /// <summary>Ends the command on its own.</summary>
    public void Exit(int code) => _exited.TrySetResult(new ChildExit(code, null));

    /// <summary>Waits for the next signal sent.</summary>
    public async Task<RunSignal> NextSignalAsync() => await _signals.Reader.ReadAsync().AsTask().WaitAsync(TimeSpan.FromMinutes(1));

    public void Dispose() => Disposed = true;
}
