using System.Diagnostics;

namespace Omk.Runtime.Atomic.Tests;

/// <summary>
/// A lock file held by another process: util-linux <c>flock</c>, which takes the same <c>flock(2)</c> lock
/// that <see cref="FileLock"/> takes through <see cref="FileShare.None"/> on Linux.
/// </summary>
internal sealed class OtherProcessLock : IAsyncDisposable
{
    private const string HeldSignal = "held";

    private readonly Process _process;

    private OtherProcessLock(Process process) => _process = process;

    /// <summary>Starts a process that takes the lock and holds it until disposed; returns once it holds it.</summary>
    public static async Task<OtherProcessLock> HoldAsync(string lockPath)
    {
        var process = Start("--exclusive", lockPath, "sh", "-c", $"echo {HeldSignal}; cat > /dev/null");
        var line = await process.StandardOutput.ReadLineAsync();
        if (line != HeldSignal)
        {
            process.Kill();
            process.Dispose();
            throw new InvalidOperationException($"flock did not take {lockPath}: it said '{line}'.");
        }

        return new OtherProcessLock(process);
    }

    /// <summary>Tries the lock once from another process, without waiting; returns flock's exit code (0 when it got the lock).</summary>
    public static async Task<int> TryOnceAsync(string lockPath)
    {
        using var process = Start("--exclusive", "--nonblock", lockPath, "true");
        await process.WaitForExitAsync();
        return process.ExitCode;
    }

    /// <summary>Releases the lock: closes the holder's input, which ends it, and waits for it to exit.</summary>
    public async ValueTask DisposeAsync()
    {
        _process.StandardInput.Close();
        await _process.WaitForExitAsync();
        _process.Dispose();
    }

    // flock takes its options first: the first argument that is not an option is the lock file, then the command.
    private static Process Start(params string[] arguments)
    {
        var start = new ProcessStartInfo("flock")
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            UseShellExecute = false,
        };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        return Process.Start(start) ?? throw new InvalidOperationException("flock did not start.");
    }
}
