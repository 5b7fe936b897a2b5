using System.Runtime.Versioning;
using System.Text;
using Omk.Cli.Tests.Fixtures;
using Omk.Tests.Unix;

namespace Omk.Cli.Tests;

/// <summary>
/// omk as a real process under what an unlucky user or another user of the machine does to it: signals, a closed or
/// broken standard output, a state folder or lock of someone else's.
/// </summary>
[UnsupportedOSPlatform("windows")]
public sealed class HostileProcessTests : IDisposable
{
    private const string History = "[\n  {\"session_type\": \"team\", \"name\": \"kept\", \"started_at\": \"2026-11-20T09:00:00Z\", \"ended_at\": null, \"estimate\": {\"input_tokens\": 1950, \"output_tokens\": 650, \"duration_secs\": 60, \"worker_count\": 2, \"estimated_usd\": 0.0091, \"tier\": \"Standard\"}, \"actual_usd\": null}\n]\n";
    private readonly TempFolder _folder = new();
    private readonly OmkProcess _omk;
    private readonly string _state;

    public HostileProcessTests()
    {
        _omk = new OmkProcess(_folder.Folder("home"));
        _state = Path.Combine(_folder.Path, "state");
        _omk.Environment["OMK_STATE_DIR"] = _state;
    }

    private string CostsFile => Path.Combine(_state, "costs.json");

    public void Dispose() => _folder.Dispose();

    // 7. Signals.

    [Theory]
    [InlineData("INT", 130)]
    [InlineData("TERM", 143)]
    public async Task Record_SignalWhileWaitingForTheLock_SaysNothingWasWrittenAndExitsWithTheSignalsCode(string signal, int exitCode)
    {
        Directory.CreateDirectory(_state);
        await File.WriteAllTextAsync(CostsFile, History);
        await using var held = await Runtime.Atomic.FileLock.AcquireAsync(new System.IO.Abstractions.FileSystem(), CostsFile + ".lock", TimeSpan.Zero, TimeProvider.System);
        _omk.Environment[Hosting.EnvironmentVariables.LockTimeout] = "1m"; // It must still wait when a busy machine lets it start slowly.
        using var record = _omk.Start("cost", "record", "--type", "team", "--name", "late", "--duration", "1m");
        await record.WaitUntilIdleAsync();

        record.Signal(signal);
        var result = await record.WaitAsync();

        Assert.Equal(exitCode, result.ExitCode);
        Assert.Equal("omk: interrupted; nothing was written\n", result.Error);
        Assert.Equal(History, await File.ReadAllTextAsync(CostsFile));
        Assert.Empty(Directory.GetFiles(_state, ".costs.json.tmp.*"));
    }

    [Fact]
    public async Task Record_SigtermWhileWritingALargeHistory_RemovesTheTempFileAndKeepsTheHistory()
    {
        Directory.CreateDirectory(_state);
        var large = LargeHistory(100_000);
        await File.WriteAllBytesAsync(CostsFile, large);

        // The signal must land while the temp file exists and before the rename: retry until one run is caught there.
        CliResult? interrupted = null;
        for (var attempt = 0; attempt < 8 && interrupted is null; attempt++)
        {
            using var record = _omk.Start("cost", "record", "--type", "team", "--name", "late", "--duration", "1m");
            var seen = await WaitForTempFileAsync(record);
            if (seen)
            {
                record.Signal("TERM");
            }

            var result = await record.WaitAsync();
            Assert.Empty(Directory.GetFiles(_state, ".costs.json.tmp.*"));
            if (result.ExitCode == 143)
            {
                interrupted = result;
            }
            else
            {
                Assert.Equal(0, result.ExitCode);
                await File.WriteAllBytesAsync(CostsFile, large);
            }
        }

        Assert.NotNull(interrupted);
        Assert.Equal("omk: interrupted; nothing was written\n", interrupted.Error);
        Assert.Equal(large, await File.ReadAllBytesAsync(CostsFile));
    }

    // 8. A closed or broken standard output.

    [Fact]
    public async Task Report_StandardOutputClosed_OneLineOnStandardErrorAndExitOne()
    {
        var result = await Shell($"exec \"$DOTNET\" \"$OMK\" cost report >&-");

        Assert.Equal(1, result.ExitCode);
        Assert.Equal("omk: could not write to standard output: Bad file descriptor\n", result.Error);
    }

    [Fact]
    public async Task Report_StandardOutputAPipeNobodyReads_ExitsQuietlyWith141()
    {
        var result = await Shell("(\"$DOTNET\" \"$OMK\" cost report --json; echo \"exit $?\" >&2) | (exec 0<&-; true)");

        Assert.Equal("exit 141\n", result.Error);
    }

    [Fact]
    public async Task Report_LargeOutputThroughHeadOne_ExitsQuietly()
    {
        // 20,000 names make a report far larger than a pipe's buffer: head reads one line and closes it mid-write.
        Directory.CreateDirectory(_state);
        await File.WriteAllBytesAsync(CostsFile + ".large", LargeHistory(20_000));
        var result = await Shell($"mv '{CostsFile}.large' '{CostsFile}'; \"$DOTNET\" \"$OMK\" cost report --by name | head -1; echo \"status ${{PIPESTATUS:-done}}\" >&2", keepHistory: true);

        Assert.Equal("OMK Cost Report\n", result.Out);
        Assert.DoesNotContain("omk:", result.Error, StringComparison.Ordinal);
        Assert.DoesNotContain("Broken pipe", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Record_OutputAppendedToAFile_DoesNotOverwriteWhatTheShellWritesNext()
    {
        var log = Path.Combine(_folder.Path, "log");

        var result = await Shell($"\"$DOTNET\" \"$OMK\" cost record --type team --name a --duration 1m >> '{log}'; echo next >> '{log}'");

        Assert.Equal(0, result.ExitCode);
        var lines = await File.ReadAllLinesAsync(log);
        Assert.StartsWith("Recorded team session \"a\"", lines[0], StringComparison.Ordinal);
        Assert.Equal("next", lines[1]);
    }

    // 2. A state folder or a lock of another user; 3. root recording for a user.

    [RootFact]
    public async Task Record_InAStateFolderOfAnotherUser_IsRefusedAtOnceSayingHowToFixIt()
    {
        var user = SecondUser.Get;
        Directory.CreateDirectory(_state);
        File.CreateSymbolicLink(CostsFile + ".lock", Path.Combine(_folder.Path, "planted"));
        UseHomeOf(user);

        var result = await _omk.RunAsAsync(user.RunAs, "cost", "record", "--type", "team", "--name", "a", "--duration", "1m");

        Assert.Equal(1, result.ExitCode);
        Assert.StartsWith($"omk: the state folder {_state} belongs to user 0, not to you (user {user.Uid}): ", result.Error, StringComparison.Ordinal);
        Assert.Single(result.ErrorLines);
        Assert.False(File.Exists(CostsFile));
        Assert.False(File.Exists(Path.Combine(_folder.Path, "planted")));
    }

    [RootFact]
    public async Task Record_LockFileOfAnotherUserInASharedFolder_IsRefusedNamingIt()
    {
        var user = SecondUser.Get;
        Directory.CreateDirectory(_state);
        File.SetUnixFileMode(_state, (UnixFileMode)0b111_111_111);
        await File.WriteAllBytesAsync(CostsFile + ".lock", []);
        File.SetUnixFileMode(CostsFile + ".lock", (UnixFileMode)0b110_110_110);
        UseHomeOf(user);

        var result = await _omk.RunAsAsync(user.RunAs, "--insecure-state-dir", "cost", "record", "--type", "team", "--name", "a", "--duration", "1m");

        Assert.Equal(1, result.ExitCode);
        Assert.Contains($"the lock file {CostsFile}.lock belongs to user 0, not to this user ({user.Uid})", result.Error, StringComparison.Ordinal);
        Assert.False(File.Exists(CostsFile));
    }

    [RootFact]
    public async Task Record_RootRecordsForAUser_TheUserCanStillReadAndRecord()
    {
        var user = SecondUser.Get;
        Directory.CreateDirectory(_state);
        File.SetUnixFileMode(_state, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        Unix.Chown(_state, user.Uid, user.Gid);
        UseHomeOf(user);

        var byRoot = await _omk.RunAsync("cost", "record", "--type", "team", "--name", "by-root", "--duration", "1m");
        var byUser = await _omk.RunAsAsync(user.RunAs, "cost", "record", "--type", "team", "--name", "by-user", "--duration", "1m");
        var report = await _omk.RunAsAsync(user.RunAs, "cost", "report", "--by", "name", "--json");

        Assert.Equal((0, 0, 0), (byRoot.ExitCode, byUser.ExitCode, report.ExitCode));
        Assert.Equal(2, report.Json().GetProperty("sessions").GetInt64());
        Assert.Equal((user.Uid, user.Gid), Unix.OwnerOf(CostsFile));
    }

    private void UseHomeOf(SecondUser user)
    {
        var home = Path.Combine(_folder.Path, "user-home");
        Directory.CreateDirectory(home);
        Unix.Chown(home, user.Uid, user.Gid);
        _omk.Environment["HOME"] = home;
        _omk.Environment["DOTNET_CLI_HOME"] = home;
    }

    private async Task<bool> WaitForTempFileAsync(OmkProcess.Running record)
    {
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (DateTime.UtcNow < deadline)
        {
            if (Directory.Exists(_state) && Directory.EnumerateFiles(_state, ".costs.json.tmp.*").Any())
            {
                return true;
            }

            try
            {
                if (System.Diagnostics.Process.GetProcessById(record.Id).HasExited)
                {
                    return false;
                }
            }
            catch (ArgumentException)
            {
                return false;
            }

            await Task.Yield();
        }

        return false;
    }

    [Fact]
    public async Task Record_StandardOutputClosed_SaysTheSessionIsRecordedSoThatItIsNotRunAgain()
    {
        var result = await Shell($"exec \"$DOTNET\" \"$OMK\" cost record --type team --name closed-out --duration 1m >&-");

        Assert.Equal(1, result.ExitCode);
        Assert.Equal($"omk: recorded the session in {CostsFile}; could not write to standard output: Bad file descriptor\n", result.Error);
        Assert.Contains("\"closed-out\"", await File.ReadAllTextAsync(CostsFile), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Gate_StandardOutputClosed_NamesTheReservationOnStandardError()
    {
        var result = await Shell($"exec \"$DOTNET\" \"$OMK\" cost gate --usd 1 >&-");

        Assert.Equal(1, result.ExitCode);
        var reservations = await File.ReadAllTextAsync(Path.Combine(_state, "reservations.json"));
        var id = System.Text.Json.JsonDocument.Parse(reservations).RootElement.GetProperty("reservations")[0].GetProperty("id").GetString();
        Assert.Equal($"omk: reserved {id} ($1.00; give it back with 'omk cost release {id}'); could not write to standard output: Bad file descriptor\n", result.Error);
    }

    // 5. A price file that is a named pipe: usage refuses it at once instead of hanging.

    [Fact]
    public async Task UsageKimi_PriceFileANamedPipe_RefusedAtOnceNamingIt()
    {
        Directory.CreateDirectory(_state);
        var prices = Path.Combine(_state, "prices.json");
        Unix.MakeFifo(prices);

        using var usage = _omk.Start("cost", "usage", "kimi");
        var result = await usage.WaitAsync();

        Assert.Equal(1, result.ExitCode);
        Assert.EndsWith($"omk: {prices}: cannot be read: {prices} is a named pipe (FIFO), not a regular file\n", result.Error, StringComparison.Ordinal);
    }

    private async Task<CliResult> Shell(string script, bool keepHistory = false)
    {
        _omk.Environment["DOTNET"] = Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") ?? "dotnet";
        _omk.Environment["OMK"] = OmkProcess.OmkDll;
        Directory.CreateDirectory(_state);
        if (!keepHistory)
        {
            await File.WriteAllTextAsync(CostsFile, History);
        }

        using var running = _omk.StartProgram("/bin/sh", "-c", script);
        return await running.WaitAsync();
    }

    private static byte[] LargeHistory(int sessions)
    {
        var builder = new StringBuilder("[\n");
        for (var index = 0; index < sessions; index++)
        {
            builder.Append(index == 0 ? "  " : ",\n  ")
                .Append("{\"session_type\": \"team\", \"name\": \"s").Append(index)
                .Append("\", \"started_at\": \"2026-11-20T09:00:00Z\", \"ended_at\": null, \"estimate\": {\"input_tokens\": 1950, \"output_tokens\": 650, \"duration_secs\": 60, \"worker_count\": 2, \"estimated_usd\": 0.0091, \"tier\": \"Standard\"}, \"actual_usd\": null, \"padding\": \"")
                .Append('x', 200).Append("\"}");
        }

        return Encoding.UTF8.GetBytes(builder.Append("\n]\n").ToString());
    }
}
