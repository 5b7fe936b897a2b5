using Omk.Cli.Tests.Fixtures;

namespace Omk.Cli.Tests.Commands;

/// <summary>Values that would overflow a time, or text that could not be read back, are the command line's fault.</summary>
public sealed class RecordCommandSafetyTests : IDisposable
{
    private readonly CliRunner _omk = new();

    public void Dispose() => _omk.Dispose();

    [Theory]
    [InlineData("omk: --duration 18446744073709551615s is over the limit of 8784h (366 days) (see 'omk cost record --help')\n", "--duration", "18446744073709551615s")]
    [InlineData("omk: --started-at 9999-12-31T23:59:00Z is in the future (now is 2026-11-20 10:00 UTC): a session is recorded once it has happened (see 'omk cost record --help')\n", "--started-at", "9999-12-31T23:59:00Z", "--duration", "1m")]
    [InlineData("omk: --ended-at minus --duration is before the year 1 (see 'omk cost record --help')\n", "--ended-at", "0001-01-01T00:00:30Z", "--duration", "1m")]
    [InlineData("omk: --duration 100000000000s is over the limit of 8784h (366 days) (see 'omk cost record --help')\n", "--duration", "100000000000s")]
    public async Task Record_TimesThatOverflow_AreRefusedWithExitTwoAndWriteNothing(string error, params string[] times)
    {
        var result = await _omk.RunAsync(["cost", "record", "--type", "team", "--name", "n", .. times]);

        Assert.Equal(2, result.ExitCode);
        Assert.Equal(error, result.Error);
        Assert.False(File.Exists(_omk.CostsFile));
    }

    [Theory]
    [InlineData("--name", "a+D800", "omk: --name holds a lone surrogate (U+D800) at character 2, which cannot be stored as text: give it as printable text (see 'omk cost record --help')\n")]
    [InlineData("--type", "t+0007", "omk: --type holds a control character (U+0007) at character 2, which cannot be stored as text: give it as printable text (see 'omk cost record --help')\n")]
    public async Task Record_TextThatCannotBeStored_IsRefusedWithExitTwoNamingTheField(string option, string spelled, string error)
    {
        // Attribute strings cannot hold a lone surrogate: the character is spelled "+XXXX" and made here.
        var value = spelled[..^5] + (char)Convert.ToInt32(spelled[^4..], 16);
        string[] args = option == "--name"
            ? ["cost", "record", "--type", "team", "--name", value, "--duration", "1m"]
            : ["cost", "record", "--type", value, "--name", "n", "--duration", "1m"];

        var result = await _omk.RunAsync(args);

        Assert.Equal(2, result.ExitCode);
        Assert.Equal(error, result.Error);
        Assert.False(File.Exists(_omk.CostsFile));
    }

    [Fact]
    public async Task Record_SharedStateFolderWithInsecureStateDir_Records()
    {
        Directory.CreateDirectory(_omk.StateDirectory);
        if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(_omk.StateDirectory, (UnixFileMode)0b111_111_111);
        }

        var refused = await _omk.RunAsync("cost", "record", "--type", "team", "--name", "n", "--duration", "1m");
        var allowed = await _omk.RunAsync("--insecure-state-dir", "cost", "record", "--type", "team", "--name", "n", "--duration", "1m");

        Assert.Equal(1, refused.ExitCode);
        Assert.Contains("can be written by its group and others (mode 0777)", refused.Error, StringComparison.Ordinal);
        Assert.Equal(0, allowed.ExitCode);
    }

    [Fact]
    public async Task Reset_HistoryIsAFolder_SaysSoInsteadOfNothingToReset()
    {
        Directory.CreateDirectory(_omk.CostsFile);

        var result = await _omk.RunAsync("cost", "reset", "--yes");

        Assert.Equal(1, result.ExitCode);
        Assert.Equal($"omk: {_omk.CostsFile} is a folder, not a regular file: a cost history is kept only in a regular file; move it away and retry\n", result.Error);
    }

    [Fact]
    public async Task Reset_HistoryADanglingLink_MovesTheLinkAsideAndSaysWhere()
    {
        Directory.CreateDirectory(_omk.StateDirectory);
        File.CreateSymbolicLink(_omk.CostsFile, Path.Combine(_omk.Folder.Path, "nowhere"));

        var result = await _omk.RunAsync("cost", "reset", "--yes");

        Assert.Equal(0, result.ExitCode);
        Assert.StartsWith($"{_omk.CostsFile} was not a readable cost history: moved it to {_omk.CostsFile}.corrupt-", result.Out, StringComparison.Ordinal);
    }
}
