using System.Diagnostics;
using System.Globalization;
using Omk.Cli.Hosting;

namespace Omk.Cli.Watch;

/// <summary>
/// Runs the <c>--on-exceed</c> command of <c>omk cost watch kimi</c> once, through <c>/bin/sh -c</c>, with the
/// session and the amounts in its environment, and tells its exit status.
/// </summary>
internal static class ExceedCommand
{
    /// <summary>Runs the command and waits for it to exit.</summary>
    /// <param name="command">The shell command.</param>
    /// <param name="sessionId">The session that crossed the limit.</param>
    /// <param name="spentUsd">What was spent.</param>
    /// <param name="limitUsd">The limit.</param>
    /// <param name="cancellationToken">The token to monitor for cancellation requests.</param>
    /// <returns>The command's exit status.</returns>
    /// <exception cref="System.ComponentModel.Win32Exception">The shell could not be started.</exception>
    public static async Task<int> RunAsync(string command, string sessionId, decimal spentUsd, decimal limitUsd, CancellationToken cancellationToken)
    {
        var info = new ProcessStartInfo("/bin/sh") { UseShellExecute = false };
        info.ArgumentList.Add("-c");
        info.ArgumentList.Add(command);
        info.Environment[EnvironmentVariables.ExceededSession] = sessionId;
        info.Environment[EnvironmentVariables.ExceededSpent] = spentUsd.ToString(CultureInfo.InvariantCulture);
        info.Environment[EnvironmentVariables.ExceededLimit] = limitUsd.ToString(CultureInfo.InvariantCulture);
        using var process = Process.Start(info) ?? throw new InvalidOperationException("/bin/sh did not start");
        await process.WaitForExitAsync(cancellationToken).ConfigureAwait(false);
        return process.ExitCode;
    }
}
