using System.Runtime.InteropServices;
using Omk.Cli.Hosting;

namespace Omk.Cli;

/// <summary>The entry point of the omk command.</summary>
public static class Program
{
    /// <summary>Runs the command line against this process's console, environment, disk and clock.</summary>
    /// <param name="args">The arguments.</param>
    /// <returns>The exit code: 0 success, 1 failed operation, 2 wrong command line, 3 budget exceeded.</returns>
    /// <remarks>
    /// Ctrl-C (SIGINT) and SIGTERM cancel the command through its token, so that it removes what it had begun to
    /// write and says so; it then exits 130 or 143. A second signal ends the process at once.
    /// </remarks>
    public static async Task<int> Main(string[] args)
    {
        using var interrupted = new CancellationTokenSource();
        var signalExitCode = 0;
        void Cancel(PosixSignalContext context, int exitCode)
        {
            if (Interlocked.CompareExchange(ref signalExitCode, exitCode, 0) == 0)
            {
                context.Cancel = true;
                interrupted.Cancel();
            }
        }

        using var interrupt = PosixSignalRegistration.Create(PosixSignal.SIGINT, context => Cancel(context, ExitCodes.Interrupted));
        using var terminate = PosixSignalRegistration.Create(PosixSignal.SIGTERM, context => Cancel(context, ExitCodes.Terminated));
        var exitCode = await CliApplication.RunAsync(args, CliEnvironment.FromProcess(), interrupted.Token).ConfigureAwait(false);
        return exitCode == ExitCodes.Interrupted && signalExitCode != 0 ? signalExitCode : exitCode;
    }
}
