using System.Diagnostics;
using System.Globalization;

namespace Omk.Reliability.Tests;

/// <summary>Starts the recorder process (Omk.Reliability.Writer) and collects what it acknowledges.</summary>
public sealed class WriterProcess : IDisposable
{
    private readonly Process _process;
    private readonly List<int> _acks = [];
    private readonly Lock _gate = new();
    private readonly Task _stdout;
    private readonly Task<string> _stderr;

    private WriterProcess(Process process)
    {
        _process = process;
        _stdout = Task.Run(ReadAcksAsync);
        _stderr = process.StandardError.ReadToEndAsync();
    }

    public static string WriterDll => Path.Combine(AppContext.BaseDirectory, "Omk.Reliability.Writer.dll");

    public int Id => _process.Id;

    public IReadOnlyList<int> Acks
    {
        get
        {
            lock (_gate)
            {
                return [.. _acks];
            }
        }
    }

    public static WriterProcess Start(string stateDirectory, string writerId, int records, TimeSpan lockTimeout, bool gate = false)
    {
        var info = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        info.ArgumentList.Add(WriterDll);
        info.ArgumentList.Add(stateDirectory);
        info.ArgumentList.Add(writerId);
        info.ArgumentList.Add(records.ToString(CultureInfo.InvariantCulture));
        info.ArgumentList.Add(((long)lockTimeout.TotalMilliseconds).ToString(CultureInfo.InvariantCulture));
        if (gate)
        {
            info.ArgumentList.Add("gate");
        }

        return new WriterProcess(Process.Start(info) ?? throw new InvalidOperationException("the recorder did not start"));
    }

    public async Task<(int ExitCode, string Stderr)> WaitAsync(TimeSpan timeout)
    {
        using var cancellation = new CancellationTokenSource(timeout);
        await _process.WaitForExitAsync(cancellation.Token);
        await _stdout;
        return (_process.ExitCode, await _stderr);
    }

    public async Task KillAsync()
    {
        _process.Kill(entireProcessTree: true);
        await _process.WaitForExitAsync();
        await _stdout;
    }

    public void Dispose()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
        }

        _process.Dispose();
    }

    private async Task ReadAcksAsync()
    {
        while (await _process.StandardOutput.ReadLineAsync() is { } line)
        {
            if (line.StartsWith("ack ", StringComparison.Ordinal))
            {
                lock (_gate)
                {
                    _acks.Add(int.Parse(line.AsSpan(4), CultureInfo.InvariantCulture));
                }
            }
        }
    }
}
