using System.Diagnostics;
using System.Text.Json;
using System.Threading.Channels;

namespace Omk.Cli.Tests.Fixtures;

/// <summary>
/// A long-running omk (<c>dotnet omk.dll</c>) whose standard output is read line by line as it comes, each line
/// with the moment it arrived, for the live tests of <c>watch</c>.
/// </summary>
internal sealed class LiveOmk : IDisposable
{
    private readonly Process _process;
    private readonly Channel<(DateTimeOffset At, string Line)> _lines = Channel.CreateUnbounded<(DateTimeOffset, string)>();
    private readonly Task<string> _error;
    private readonly List<string> _seen = [];

    public LiveOmk(string homeDirectory, IReadOnlyDictionary<string, string> variables, params string[] args)
    {
        var info = new ProcessStartInfo(Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") ?? "dotnet")
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var name in new[] { "OMK_STATE_DIR", "XDG_STATE_HOME", "OMK_DEBUG", "KIMI_SHARE_DIR", "KIMI_CODE_HOME" })
        {
            info.Environment.Remove(name);
        }

        info.Environment["HOME"] = homeDirectory;
        foreach (var (name, value) in variables)
        {
            info.Environment[name] = value;
        }

        info.ArgumentList.Add(OmkProcess.OmkDll);
        foreach (var arg in args)
        {
            info.ArgumentList.Add(arg);
        }

        _process = Process.Start(info) ?? throw new InvalidOperationException("omk did not start");
        _process.StandardInput.Close();
        _ = Task.Run(async () =>
        {
            while (await _process.StandardOutput.ReadLineAsync() is { } line)
            {
                await _lines.Writer.WriteAsync((DateTimeOffset.UtcNow, line));
            }

            _lines.Writer.Complete();
        });
        _error = _process.StandardError.ReadToEndAsync();
    }

    public int Id => _process.Id;

    /// <summary>Gets the lines read so far, each after the time it arrived, for a failure's message.</summary>
    public string Transcript => string.Join('\n', _seen);

    /// <summary>Waits for the next JSON line that matches, and tells when it arrived.</summary>
    public async Task<(DateTimeOffset At, JsonElement Json)> NextAsync(Func<JsonElement, bool> match, TimeSpan timeout)
    {
        using var cancel = new CancellationTokenSource(timeout);
        try
        {
            while (true)
            {
                var (at, line) = await _lines.Reader.ReadAsync(cancel.Token);
                _seen.Add($"{at:HH:mm:ss.fff} {line}");
                using var document = JsonDocument.Parse(line);
                if (match(document.RootElement))
                {
                    return (at, document.RootElement.Clone());
                }
            }
        }
        catch (OperationCanceledException)
        {
            throw new TimeoutException(
                $"no matching line within {timeout.TotalSeconds} s; lines so far: {string.Join(" | ", _seen)}; standard error: {(_error.IsCompleted ? _error.Result : "(running)")}");
        }
    }

    /// <summary>Waits for the process to exit.</summary>
    public async Task<(int ExitCode, string Error)> ExitAsync(TimeSpan timeout)
    {
        using var cancel = new CancellationTokenSource(timeout);
        await _process.WaitForExitAsync(cancel.Token);
        return (_process.ExitCode, await _error);
    }

    public void Dispose()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
        }

        _process.Dispose();
    }
}
