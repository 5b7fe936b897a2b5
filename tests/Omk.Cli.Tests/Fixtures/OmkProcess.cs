using System.Diagnostics;

namespace Omk.Cli.Tests.Fixtures;

/// <summary>
/// Runs the built omk (<c>dotnet omk.dll</c>) as a child process with a controlled environment: no omk variable
/// set, <c>HOME</c> an empty folder of the test's, and standard input redirected.
/// </summary>
internal sealed class OmkProcess
{
    // A guard against a process that never ends, not a bound on how long one may take: a machine at a load of 40 runs
    // a start of omk in tens of seconds.
    private static readonly TimeSpan Timeout = TimeSpan.FromMinutes(10);

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

    /// <summary>Sets the child's working directory, against which relative paths on its command line are read.</summary>
    public string WorkingDirectory
    {
        init => _info.WorkingDirectory = value;
    }

    /// <summary>Gets the child's environment variables, to set or remove before a run.</summary>
    public IDictionary<string, string?> Environment => _info.Environment;

    /// <summary>Runs omk with these arguments and an empty standard input; kills it after 60 s.</summary>
    /// <param name="args">The arguments.</param>
    /// <returns>The exit code and what was written.</returns>
    public async Task<CliResult> RunAsync(params string[] args)
    {
        using var running = Start(args);
        return await running.WaitAsync();
    }

    /// <summary>Runs omk as another user: <c>setpriv</c> with <paramref name="setprivArguments"/>, then omk.</summary>
    /// <param name="setprivArguments">Who to run as, ending with <c>--</c>.</param>
    /// <param name="args">omk's arguments.</param>
    /// <returns>The exit code and what was written.</returns>
    public async Task<CliResult> RunAsAsync(string[] setprivArguments, params string[] args)
    {
        using var running = Start(["setpriv", .. setprivArguments], args);
        return await running.WaitAsync();
    }

    /// <summary>Starts omk with these arguments and an empty standard input, to signal it while it runs.</summary>
    /// <param name="args">The arguments.</param>
    /// <returns>The running process.</returns>
    public Running Start(params string[] args) => Start([], args);

    /// <summary>Starts omk with these arguments and its standard input a pipe left open, for the test to write or hold.</summary>
    /// <param name="args">The arguments.</param>
    /// <returns>The running process; its <see cref="Running.Input"/> is open.</returns>
    public Running StartWithInput(params string[] args) => Start([], args, keepInput: true);

    /// <summary>Starts another program (such as a shell that runs omk) in omk's environment.</summary>
    /// <param name="program">The program.</param>
    /// <param name="args">Its arguments.</param>
    /// <returns>The running process.</returns>
    public Running StartProgram(string program, params string[] args) => Start([program, .. args], [], omk: false);

    private Running Start(string[] wrapper, string[] args, bool omk = true, bool keepInput = false)
    {
        var info = new ProcessStartInfo(wrapper.Length > 0 ? wrapper[0] : _info.FileName)
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = _info.WorkingDirectory,
        };
        foreach (var (name, value) in _info.Environment)
        {
            info.Environment[name] = value;
        }

        var command = omk ? wrapper.Skip(1).Concat(wrapper.Length > 0 ? [_info.FileName] : []).Append(OmkDll).Concat(args) : wrapper.Skip(1);
        foreach (var arg in command)
        {
            info.ArgumentList.Add(arg);
        }

        var process = Process.Start(info) ?? throw new InvalidOperationException("omk did not start");
        if (!keepInput)
        {
            process.StandardInput.Close();
        }

        return new Running(process, string.Join(' ', args));
    }

    /// <summary>A running omk.</summary>
    internal sealed class Running(Process process, string commandLine) : IDisposable
    {
        private readonly Task<string> _output = process.StandardOutput.ReadToEndAsync();
        private readonly Task<string> _error = process.StandardError.ReadToEndAsync();

        public int Id => process.Id;

        /// <summary>Gets omk's standard input (closed unless started with <see cref="StartWithInput"/>).</summary>
        public StreamWriter Input => process.StandardInput;

        /// <summary>Waits for the exit (a hang guard of 10 minutes, then kills it).</summary>
        public async Task<CliResult> WaitAsync()
        {
            using var timeout = new CancellationTokenSource(Timeout);
            try
            {
                await process.WaitForExitAsync(timeout.Token);
            }
            catch (OperationCanceledException)
            {
                process.Kill(entireProcessTree: true);
                throw new TimeoutException($"omk {commandLine} did not exit within {Timeout.TotalSeconds} s");
            }

            return new CliResult(process.ExitCode, await _output, await _error);
        }

        /// <summary>
        /// Waits until the process's main thread has slept for half a second without spending CPU time: omk has then
        /// passed its start (the signal handlers are set before the command runs) and awaits its first wait, for a lock
        /// or for input. Only the main thread counts: on a busy machine a thread that waits for a CPU spends none either,
        /// but it is not asleep; and the thread that retries a lock wakes every few milliseconds.
        /// </summary>
        public async Task WaitUntilIdleAsync()
        {
            var deadline = DateTime.UtcNow + Timeout;
            long last = -1;
            var quiet = 0;
            while (DateTime.UtcNow < deadline && !process.HasExited)
            {
                var (ticks, asleep) = await SampleMainThreadAsync();
                quiet = ticks == last && ticks > 0 && asleep ? quiet + 1 : 0;
                last = ticks;
                if (quiet >= 5)
                {
                    return;
                }

                await Task.Delay(100);
            }

            throw new InvalidOperationException($"omk {commandLine} never became idle");
        }

        /// <summary>Sends a signal (<c>INT</c>, <c>TERM</c>) with kill(1).</summary>
        public void Signal(string name)
        {
            using var kill = Process.Start("kill", ["-s", name, process.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)])!;
            kill.WaitForExit();
        }

        public void Dispose()
        {
            if (!process.HasExited)
            {
                process.Kill(entireProcessTree: true);
            }

            process.Dispose();
        }

        /// <summary>Reads the CPU time the main thread has spent (user and system ticks) and whether it sleeps.</summary>
        private async Task<(long Ticks, bool Asleep)> SampleMainThreadAsync()
        {
            string stat;
            try
            {
                stat = await File.ReadAllTextAsync($"/proc/{process.Id}/task/{process.Id}/stat");
            }
            catch (IOException)
            {
                return (-1, false); // It has exited.
            }

            // pid (comm) state ... utime stime: the fields after the command's closing parenthesis.
            var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ', StringSplitOptions.RemoveEmptyEntries);
            var ticks = long.Parse(fields[11], System.Globalization.CultureInfo.InvariantCulture) + long.Parse(fields[12], System.Globalization.CultureInfo.InvariantCulture);
            return (ticks, fields[0] == "S");
        }
    }
}
