using System.Runtime.Versioning;
using Omk.Cli.Tests.Fixtures;

namespace Omk.Cli.Tests.Commands;

/// <summary>Every command that uses the state folder creates it for its owner alone, and refuses an unsafe one the same way.</summary>
[UnsupportedOSPlatform("windows")]
public sealed class StateFolderCheckTests : IDisposable
{
    private const UnixFileMode OwnerOnly = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute;
    private readonly CliRunner _omk = new();

    public StateFolderCheckTests()
    {
        var share = _omk.Folder.Folder("share");
        KimiLogs.Write(share);
        _omk.Variables["KIMI_SHARE_DIR"] = share;
    }

    public static TheoryData<string[]> CommandsThatWriteThere => new()
    {
        { ["cost", "record", "--type", "team", "--name", "a", "--duration", "1m"] },
        { ["cost", "status"] },
        { ["cost", "usage", "kimi"] },
        { ["cost", "import", "kimi"] },
        { ["cost", "gate", "--usd", "1"] },
    };

    public static TheoryData<string[]> EveryCommandOfTheStateFolder => new()
    {
        { ["cost", "report"] },
        { ["cost", "record", "--type", "team", "--name", "a", "--duration", "1m"] },
        { ["cost", "status", "--strict"] },
        { ["cost", "usage", "kimi"] },
        { ["cost", "usage", "kimi", "--no-cache"] },
        { ["cost", "import", "kimi"] },
        { ["cost", "watch", "kimi"] },
        { ["cost", "store", "info"] },
        { ["cost", "budget", "check"] },
        { ["cost", "gate", "--usd", "1"] },
        { ["cost", "reset", "--yes"] },
    };

    public void Dispose() => _omk.Dispose();

    [Theory]
    [MemberData(nameof(CommandsThatWriteThere))]
    public async Task Command_MissingStateFolder_CreatesItForItsOwnerAlone(string[] command)
    {
        var result = await _omk.RunAsync(command);

        Assert.Equal(0, result.ExitCode);
        Assert.Equal(OwnerOnly, File.GetUnixFileMode(_omk.StateDirectory));
    }

    [Theory]
    [MemberData(nameof(EveryCommandOfTheStateFolder))]
    public async Task Command_StateFolderWritableByAll_IsRefusedAsRecordRefusesItAndNothingIsWritten(string[] command)
    {
        Directory.CreateDirectory(_omk.StateDirectory);
        File.SetUnixFileMode(_omk.StateDirectory, (UnixFileMode)Convert.ToInt32("777", 8));

        var result = await _omk.RunAsync(command);

        Assert.Equal(1, result.ExitCode);
        Assert.Equal(
            $"omk: the state folder {_omk.StateDirectory} can be written by its group and others (mode 0777): another user could replace your cost history; run 'chmod go-w {_omk.StateDirectory}', or, if it must be shared, turn this check off with --insecure-state-dir (OmkCostOptions.InsecureStateDirectory)\n",
            result.Error);
        Assert.Empty(Directory.GetFileSystemEntries(_omk.StateDirectory));
    }

    [Fact]
    public async Task Status_StateFolderWritableByAll_PrintsTheErrorMarkerAndWritesNothing()
    {
        Directory.CreateDirectory(_omk.StateDirectory);
        File.SetUnixFileMode(_omk.StateDirectory, (UnixFileMode)Convert.ToInt32("777", 8));

        var result = await _omk.RunAsync("cost", "status");

        Assert.Equal((0, "omk ?\n"), (result.ExitCode, result.Out));
        Assert.Empty(Directory.GetFileSystemEntries(_omk.StateDirectory));
    }
}
