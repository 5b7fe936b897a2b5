using System.Runtime.InteropServices;
using Omk.Cost.Application.Runs;

namespace Omk.Cli.Processes;

/// <summary>
/// A command started by <see cref="ProcessGroupLauncher"/>: a thread waits for it with <c>waitpid</c>, and signals go
/// to its process group with <c>kill(-pgid)</c>, only while the command has not been waited for (so that a reused
/// process id is never signalled).
/// </summary>
internal sealed class ProcessGroupChild : IChildProcess
{
    private readonly TaskCompletionSource<ChildExit> _exited = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly Lock _lock = new();
    private readonly ForegroundTerminal? _terminal;
    private bool _reaped;

    /// <summary>Initializes a new instance of the <see cref="ProcessGroupChild"/> class and starts waiting for the command.</summary>
    /// <param name="processId">The command's process id, also its group's.</param>
    /// <param name="terminal">The terminal lent to its group, to take back when it ends; null for none.</param>
    public ProcessGroupChild(int processId, ForegroundTerminal? terminal)
    {
        ProcessId = processId;
        _terminal = terminal;
        var waiter = new Thread(Wait) { IsBackground = true, Name = "omk run: waitpid" };
        waiter.Start();
    }

    /// <inheritdoc/>
    public int ProcessId { get; }

    /// <inheritdoc/>
    public Task<ChildExit> Exited => _exited.Task;

    /// <inheritdoc/>
    public void Signal(RunSignal signal)
    {
        var number = signal switch
        {
            RunSignal.Interrupt => ProcessCalls.SigInt,
            RunSignal.Terminate => ProcessCalls.SigTerm,
            _ => ProcessCalls.SigKill,
        };
        lock (_lock)
        {
            if (!_reaped)
            {
                // The group's leader is not reaped yet, so its id (and its group's) cannot have been reused. The group
                // may have ended already: ESRCH then says there was nothing to signal.
                ProcessCalls.Kill(-ProcessId, number);
            }
        }
    }

    /// <summary>
    /// Follows a stop of the command (Ctrl-Z, which the terminal sends to its group): takes the terminal back and stops
    /// omk itself, so that the shell sees its job stopped and gets the terminal; when the shell continues omk
    /// (<c>fg</c>, <c>bg</c>), lends the terminal to the command again and continues it.
    /// </summary>
    private unsafe void Suspend(byte* info)
    {
        // The stop is taken off the queue (without WNOWAIT), so that the next wait reports what comes after it.
        while (ProcessCalls.WaitId(ProcessCalls.IdTypeProcess, ProcessId, info, ProcessCalls.WaitStopped) < 0 && Marshal.GetLastPInvokeError() == ProcessCalls.EINTR)
        {
        }

        // Only a command in the foreground has the terminal to give back; in the background (after bg) it is the shell's.
        if (ProcessCalls.TcGetPgrp(0) == ProcessId)
        {
            _terminal!.TakeBack();
        }

        ProcessCalls.Kill(ProcessCalls.GetPid(), ProcessCalls.SigStop);
        _terminal!.GiveBack(ProcessId);
    }

    /// <inheritdoc/>
    public void Dispose()
    {
    }

    private unsafe void Wait()
    {
        var info = stackalloc byte[ProcessCalls.SignalInfoBytes];
        while (true)
        {
            // Waits for the end without reaping, so that the group is never signalled once its id is free; on a
            // terminal, also for a stop (Ctrl-Z), which omk then takes as a shell's job takes it.
            new Span<byte>(info, ProcessCalls.SignalInfoBytes).Clear();
            var stops = _terminal is null ? 0 : ProcessCalls.WaitStopped;
            var waited = ProcessCalls.WaitId(ProcessCalls.IdTypeProcess, ProcessId, info, ProcessCalls.WaitExited | stops | ProcessCalls.WaitNoWait);
            if (waited < 0 && Marshal.GetLastPInvokeError() == ProcessCalls.EINTR)
            {
                continue;
            }

            if (waited < 0 || *(int*)(info + ProcessCalls.SignalInfoCodeOffset) != ProcessCalls.ChildStopped)
            {
                break;
            }

            Suspend(info);
        }

        int status;
        int reaped;
        lock (_lock)
        {
            do
            {
                reaped = ProcessCalls.WaitPid(ProcessId, &status, 0);
            }
            while (reaped < 0 && Marshal.GetLastPInvokeError() == ProcessCalls.EINTR);

            _reaped = true;
        }

        _terminal?.TakeBack();
        var low = status & 0x7f;
        _exited.TrySetResult(reaped < 0 ? new ChildExit(null, null) : low == 0 ? new ChildExit((status >> 8) & 0xff, null) : new ChildExit(null, low));
    }
}
