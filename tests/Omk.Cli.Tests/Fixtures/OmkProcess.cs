using System.Diagnostics;

namespace Omk.Cli.Tests.Fixtures;

/// <summary>
/// Runs the built omk (<c>dotnet omk.dll</c>) as a child process with a controlled environment: no omk variable
/// set, <c>HOME</c> an empty folder of the test's, and standard input redirected.
/// </summary>
internal sealed class OmkProcess
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(60);

    private readonly ProcessStartInfo _info = new(System.Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") ?? "dotnet")
    {
        RedirectStandardInput = true,
        RedirectStandardOutput = true,
        RedirectStandardError = true,
        UseShellExecute = false,
    };

    public OmkProcess(string homeDirectory)
    {
        foreach (var name in new[] { "OMK_STATE_DIR", "XDG_STATE_HOME", "OMK_DEBUG", "KIMI_SHARE_DIR" })
        {
            _info.Environment.Remove(name);
        }

        _info.Environment["HOME"] = homeDirectory;
    }

    /// <summary>Gets the path of the built command, copied next to the test assembly.</summary>
    public static string OmkDll => Path.Combine(AppContext.BaseDirectory, "omk.dll");

    /// <summary>Gets the child's environment variables, to set or remove before a run.</summary>
    public IDictionary<string, string?> Environment => _info.Environment;

    /// <summary>Runs omk with these arguments and an empty standard input; kills it after 60 s.</summary>
    /// <param name="args">The arguments.</param>
    /// <returns>The exit code and what was written.</returns>
    public async Task<CliResult> RunAsync(params string[] args)
    {
        _info.ArgumentList.Clear();
        _info.ArgumentList.Add(OmkDll);
        foreach (var arg in args)
        {
            _info.ArgumentList.Add(arg);
        }

        using var process = Process.Start(_info) ?? throw new InvalidOperationException("omk did not start");
        using var timeout = new CancellationTokenSource(Timeout);
        process.StandardInput.Close();
        var output = process.StandardOutput.ReadToEndAsync(timeout.Token);
        var error = process.StandardError.ReadToEndAsync(timeout.Token);
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"omk {string.Join(' ', args)} did not exit within {Timeout.TotalSeconds} s");
        }

        return new CliResult(process.ExitCode, await output, await error);
    }
}
