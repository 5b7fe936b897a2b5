using System.Diagnostics;

namespace Omk.Cli.Tests.Fixtures;

/// <summary>
/// Runs the built omk on a real pseudo-terminal, through util-linux's <c>script -qc</c>, and returns the bytes the
/// terminal received (the terminal turns each line feed into CR LF).
/// </summary>
internal static class PseudoTerminal
{
    public static Task<string> RunAsync(IReadOnlyDictionary<string, string> variables, params string[] args) =>
        RunAsync(variables, columns: null, args);

    /// <summary>Runs omk on a pseudo-terminal of a given width (<c>stty cols</c>), or of the size <c>script</c> gives.</summary>
    public static Task<string> RunAsync(IReadOnlyDictionary<string, string> variables, int? columns, params string[] args) =>
        RunAsync(variables, columns, whileRunning: null, args);

    /// <summary>Runs omk on a pseudo-terminal, and meanwhile <paramref name="whileRunning"/> with <c>script</c>'s process.</summary>
    public static async Task<string> RunAsync(IReadOnlyDictionary<string, string> variables, int? columns, Func<Process, Task>? whileRunning, params string[] args)
    {
        var dotnet = Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") ?? "dotnet";
        var command = string.Join(' ', new[] { dotnet, OmkProcess.OmkDll }.Concat(args).Select(Quote));
        if (columns is { } width)
        {
            command = $"stty cols {width} rows 50 && exec {command}";
        }

        var info = new ProcessStartInfo("script")
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in new[] { "-qec", command, "/dev/null" })
        {
            info.ArgumentList.Add(argument);
        }

        foreach (var name in new[] { "NO_COLOR", "FORCE_COLOR", "OMK_STATE_DIR", "OMK_TZ" })
        {
            info.Environment.Remove(name);
        }

        info.Environment["TERM"] = "xterm-256color";
        foreach (var (name, value) in variables)
        {
            info.Environment[name] = value;
        }

        using var process = Process.Start(info) ?? throw new InvalidOperationException("script did not start");
        // A guard against a hang only: a busy machine may take long to start the process.
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(5));
        process.StandardInput.Close();
        var output = process.StandardOutput.ReadToEndAsync(timeout.Token);
        try
        {
            if (whileRunning is not null)
            {
                await whileRunning(process);
            }

            await process.WaitForExitAsync(timeout.Token);
        }
        finally
        {
            if (!process.HasExited)
            {
                process.Kill(entireProcessTree: true);
            }
        }

        return (await output).Replace("\r\n", "\n", StringComparison.Ordinal);
    }

    private static string Quote(string argument) => "'" + argument.Replace("'", "'\\''", StringComparison.Ordinal) + "'";
}
