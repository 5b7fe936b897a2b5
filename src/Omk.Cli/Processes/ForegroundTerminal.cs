namespace Omk.Cli.Processes;

/// <summary>
/// The terminal on omk's standard input, lent to a command's process group as a shell lends it to a job: the group
/// gets the foreground (keys, Ctrl-C and Ctrl-\ go to it, not to omk), and omk takes it back when the command ends.
/// </summary>
internal sealed class ForegroundTerminal
{
    private const int StandardInput = 0;

    private readonly int _ownGroup;

    private ForegroundTerminal(int ownGroup)
    {
        _ownGroup = ownGroup;
    }

    /// <summary>
    /// Gives the terminal to a command's group when omk's standard input is a terminal whose foreground is omk's own
    /// group; otherwise (a pipe, a file, omk in the background) leaves it as it is.
    /// </summary>
    /// <param name="processGroup">The command's process group.</param>
    /// <returns>The lent terminal, to take back; null when none was lent.</returns>
    public static ForegroundTerminal? GiveTo(int processGroup)
    {
        if (ProcessCalls.IsATty(StandardInput) != 1)
        {
            return null;
        }

        var own = ProcessCalls.GetPgrp();
        if (ProcessCalls.TcGetPgrp(StandardInput) != own || ProcessCalls.TcSetPgrp(StandardInput, processGroup) != 0)
        {
            return null;
        }

        // The command may have tried to read the terminal before it was its own, and been stopped for it: go on.
        ProcessCalls.Kill(-processGroup, ProcessCalls.SigCont);
        return new ForegroundTerminal(own);
    }

    /// <summary>
    /// Lends the terminal to the command's group again when omk is continued after a stop (<c>fg</c>), and continues
    /// the group, which a shell's <c>fg</c> does not reach: it knows only omk's group.
    /// </summary>
    /// <param name="processGroup">The command's process group.</param>
    public void GiveBack(int processGroup)
    {
        if (ProcessCalls.TcGetPgrp(StandardInput) == _ownGroup)
        {
            ProcessCalls.TcSetPgrp(StandardInput, processGroup);
        }

        ProcessCalls.Kill(-processGroup, ProcessCalls.SigCont);
    }

    /// <summary>Takes the terminal back for omk's group, from the background (where SIGTTOU would stop omk, so it is blocked).</summary>
    public unsafe void TakeBack()
    {
        var block = stackalloc byte[ProcessCalls.SignalSetBytes];
        var old = stackalloc byte[ProcessCalls.SignalSetBytes];
        ProcessCalls.SignalSetEmpty(block);
        ProcessCalls.SignalSetAdd(block, ProcessCalls.SigTtou);
        ProcessCalls.ThreadSignalMask(ProcessCalls.SigBlock, block, old);
        try
        {
            ProcessCalls.TcSetPgrp(StandardInput, _ownGroup);
        }
        finally
        {
            ProcessCalls.ThreadSignalMask(ProcessCalls.SigSetMask, old, null);
        }
    }
}
