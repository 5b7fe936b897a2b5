using System.Diagnostics;

namespace Omk.Testing.Stores;

/// <summary>
/// One budget step of the model-based test in a process of its own (<c>Omk.Reliability.Writer budget-step</c>), which
/// is killed with SIGKILL at a point of the test's choosing: by the test some time after it is ready, or by itself as it
/// opens its Nth file.
/// </summary>
public sealed class BudgetStepProcess : IDisposable
{
    private readonly Process _process;
    private readonly TaskCompletionSource _ready = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly Task _output;
    private readonly Task<string> _error;
    private readonly Stopwatch _clock = Stopwatch.StartNew();
    private TimeSpan _readyAt;
    private volatile string? _ack;

    private BudgetStepProcess(Process process)
    {
        _process = process;
        _output = Task.Run(ReadAsync);
        _error = process.StandardError.ReadToEndAsync();
    }

    /// <summary>Gets what the step acknowledged (<c>ack …</c> without its word), or null when it was killed first.</summary>
    public string? Ack => _ack;

    /// <summary>Gets how long the step took from ready to its acknowledgement, or null when it was killed first.</summary>
    public TimeSpan? StepTime { get; private set; }

    /// <summary>Starts the step.</summary>
    /// <param name="args">The step's arguments, after <c>budget-step</c>.</param>
    /// <returns>The running step.</returns>
    public static BudgetStepProcess Start(IEnumerable<string> args)
    {
        var info = new ProcessStartInfo(Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") ?? "dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        info.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "Omk.Reliability.Writer.dll"));
        info.ArgumentList.Add("budget-step");
        foreach (var arg in args)
        {
            info.ArgumentList.Add(arg);
        }

        return new BudgetStepProcess(Process.Start(info) ?? throw new InvalidOperationException("the budget step did not start"));
    }

    /// <summary>
    /// Waits for the step to end, killing it with SIGKILL first when <paramref name="killAfterReady"/> is given: that
    /// long after it said it is ready (composed, about to step).
    /// </summary>
    /// <param name="killAfterReady">When to kill it, or null to let it end (or kill itself).</param>
    /// <returns>A task that completes once the process is gone and its output read.</returns>
    /// <exception cref="InvalidOperationException">The step failed on its own.</exception>
    public async Task EndAsync(TimeSpan? killAfterReady)
    {
        if (killAfterReady is { } wait)
        {
            // A hang guard only: the step is ready within seconds, or has ended.
            await Task.WhenAny(_ready.Task, _output).WaitAsync(TimeSpan.FromMinutes(2));
            await SpinAsync(wait);
            try
            {
                _process.Kill();
            }
            catch (InvalidOperationException)
            {
                // It ended first.
            }
        }

        await _process.WaitForExitAsync().WaitAsync(TimeSpan.FromMinutes(2));
        await _output.WaitAsync(TimeSpan.FromMinutes(2));
        var error = await _error.WaitAsync(TimeSpan.FromMinutes(2));
        if (_process.ExitCode is not (0 or 137))
        {
            throw new InvalidOperationException($"the budget step failed ({_process.ExitCode}): {error}");
        }
    }

    /// <inheritdoc/>
    public void Dispose() => _process.Dispose();

    /// <summary>Waits a short time more finely than a timer does (a step takes milliseconds).</summary>
    private static async Task SpinAsync(TimeSpan wait)
    {
        if (wait >= TimeSpan.FromMilliseconds(20))
        {
            await Task.Delay(wait);
            return;
        }

        var watch = Stopwatch.StartNew();
        while (watch.Elapsed < wait)
        {
            Thread.SpinWait(50);
        }
    }

    private async Task ReadAsync()
    {
        while (await _process.StandardOutput.ReadLineAsync() is { } line)
        {
            if (line == "ready")
            {
                _readyAt = _clock.Elapsed;
                _ready.TrySetResult();
            }
            else if (line.StartsWith("ack ", StringComparison.Ordinal))
            {
                StepTime = _clock.Elapsed - _readyAt;
                _ack = line[4..];
            }
        }
    }
}
