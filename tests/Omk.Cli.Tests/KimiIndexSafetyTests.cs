using System.Globalization;
using System.Runtime.Versioning;
using Omk.Cli.Tests.Fixtures;
using Omk.Tests.Unix;

namespace Omk.Cli.Tests;

/// <summary>
/// The Kimi index (<c>kimi-index/</c>, its shards, <c>result/</c> and their temp files) as the state folder's files are:
/// no link below the state folder is followed, the folders are the owner's alone, and what root writes stays the user's.
/// </summary>
[UnsupportedOSPlatform("windows")]
public sealed class KimiIndexSafetyTests : IDisposable
{
    private const string Victim = "root:x:0:0:root:/root:/bin/bash\n";
    private const UnixFileMode OwnerOnly = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute;
    private readonly TempFolder _folder = new();
    private readonly OmkProcess _omk;
    private readonly string _state;
    private readonly string _share;

    public KimiIndexSafetyTests()
    {
        _omk = new OmkProcess(_folder.Folder("home"));
        _state = Path.Combine(_folder.Path, "state");
        _share = Path.Combine(_folder.Path, "share");
        KimiLogs.Write(_share);

        // A session folder whose name is a line of /etc/passwd: written into a redirected shard, it would add a root user.
        KimiLogs.AddSession(_share, "/work/x\nhacker::0:0:::\n", "x\nhacker::0:0:::\n", "t", KimiLogs.Start, (100, 10, 0));
        AgeEveryFile(_share);
        _omk.Environment["OMK_STATE_DIR"] = _state;
        _omk.Environment["KIMI_SHARE_DIR"] = _share;
    }

    private static IEnumerable<string> IndexFiles =>
        Enumerable.Range(0, 64).SelectMany(static shard => new[]
        {
            Name("shard", shard),
            Path.Combine("result", Name("result", shard)),
            Path.Combine("result-titles", Name("result", shard)),
        }).Concat([Path.Combine("result", "tree.bin"), Path.Combine("result-titles", "tree.bin")]);

    public void Dispose() => _folder.Dispose();

    [RootFact]
    public async Task UsageKimi_RootOverAUsersFolderWithALinkAtEveryFileItWrites_ReplacesTheLinksAndLeavesTheTargetsAlone()
    {
        var user = SecondUser.Get;
        var (victim, victimFolder) = PlantVictim();
        Directory.CreateDirectory(_state);
        Directory.CreateDirectory(Path.Combine(_state, "kimi-index", "result"));
        Directory.CreateDirectory(Path.Combine(_state, "kimi-index", "result-titles"));
        foreach (var file in IndexFiles)
        {
            File.CreateSymbolicLink(Path.Combine(_state, "kimi-index", file), victim);
        }

        foreach (var folder in Directory.GetDirectories(_state, "*", SearchOption.AllDirectories).Append(_state))
        {
            File.SetUnixFileMode(folder, OwnerOnly);
        }

        GiveEverythingTo(_state, user);

        // A reading stores its result only when every log it read changed (mtime or ctime) more than 2 s before it:
        // the logs were just made (their ctime cannot be set back), so wait that long for a result to be written.
        await Task.Delay(TimeSpan.FromSeconds(2.5));

        var table = await _omk.RunAsync("cost", "usage", "kimi", "--by", "session");
        var json = await _omk.RunAsync("cost", "usage", "kimi", "--json");

        Assert.Equal((0, 0), (table.ExitCode, json.ExitCode));
        Assert.Equal(Victim, await File.ReadAllTextAsync(victim));
        Assert.Equal((0, 0), Unix.OwnerOf(victim));
        Assert.Equal([victim], Directory.GetFileSystemEntries(victimFolder));
        AssertAllTheUsers(user);
        Assert.True(File.Exists(Path.Combine(_state, "kimi-index", "result", "tree.bin")), "the stored result was written");
    }

    [RootFact]
    public async Task UsageKimi_RootWhenTheIndexFolderIsALinkToAnotherFolder_WritesNothingThereAndSaysWhy()
    {
        var user = SecondUser.Get;
        var elsewhere = _folder.Folder("etc");
        Directory.CreateDirectory(_state);
        Directory.CreateSymbolicLink(Path.Combine(_state, "kimi-index"), elsewhere);
        GiveEverythingTo(_state, user);

        var result = await _omk.RunAsync("cost", "usage", "kimi");

        Assert.Equal(0, result.ExitCode);
        Assert.Empty(Directory.GetFileSystemEntries(elsewhere));
        Assert.Contains(
            $"omk: warning: the Kimi index is not used, every log is read whole: {Path.Combine(_state, "kimi-index")} is a symbolic link, not a folder",
            result.Error,
            StringComparison.Ordinal);
    }

    [RootFact]
    public async Task UsageKimi_RootIntoAMissingStateFolderOfAUsersHome_CreatesEverythingForTheUserAlone()
    {
        var user = SecondUser.Get;
        var home = _folder.Folder("user-home");
        Unix.Chown(home, user.Uid, user.Gid);
        var state = Path.Combine(home, ".local", "state", "omk");
        _omk.Environment["OMK_STATE_DIR"] = state;

        var result = await _omk.RunAsync("cost", "usage", "kimi");

        Assert.Equal(0, result.ExitCode);
        Assert.Equal(OwnerOnly, File.GetUnixFileMode(state));
        foreach (var entry in Directory.GetFileSystemEntries(home, "*", SearchOption.AllDirectories))
        {
            Assert.Equal((user.Uid, user.Gid), Unix.OwnerOf(entry));
        }
    }

    [RootFact]
    public async Task UsageKimi_UserInAStickySharedFolderWhereAnotherUserMadeTheIndex_NeitherReadsNorWritesIt()
    {
        var user = SecondUser.Get;
        var home = _folder.Folder("user-home");
        var bashrc = Path.Combine(home, ".bashrc");
        await File.WriteAllTextAsync(bashrc, "# mine\n");
        GiveEverythingTo(home, user);
        Directory.CreateDirectory(_state);
        Unix.Chown(_state, user.Uid, user.Gid);
        File.SetUnixFileMode(_state, (UnixFileMode)Convert.ToInt32("1777", 8));

        // Another user (here root) made kimi-index/ before the owner's first read, writable by all, with links in it.
        var index = Directory.CreateDirectory(Path.Combine(_state, "kimi-index")).FullName;
        File.SetUnixFileMode(index, (UnixFileMode)Convert.ToInt32("777", 8));
        Directory.CreateDirectory(Path.Combine(index, "result"));
        Directory.CreateDirectory(Path.Combine(index, "result-titles"));
        foreach (var file in IndexFiles)
        {
            File.CreateSymbolicLink(Path.Combine(index, file), bashrc);
        }

        _omk.Environment["HOME"] = home;
        _omk.Environment["DOTNET_CLI_HOME"] = home;

        var result = await _omk.RunAsAsync(user.RunAs, "cost", "usage", "kimi", "--by", "session");

        Assert.Equal(0, result.ExitCode);
        Assert.Equal("# mine\n", await File.ReadAllTextAsync(bashrc));
        Assert.Contains($"{index} belongs to user 0, not to the owner of its folder (user {user.Uid})", result.Error, StringComparison.Ordinal);
        Assert.All(IndexFiles, file => Assert.Equal(bashrc, new FileInfo(Path.Combine(index, file)).LinkTarget));
    }

    private static string Name(string kind, int shard) => string.Create(CultureInfo.InvariantCulture, $"{kind}-{shard:x2}.bin");

    private static void GiveEverythingTo(string folder, SecondUser user)
    {
        Unix.Chown(folder, user.Uid, user.Gid);
        foreach (var entry in Directory.GetFileSystemEntries(folder, "*", SearchOption.AllDirectories))
        {
            Unix.Chown(entry, user.Uid, user.Gid);
        }
    }

    /// <summary>Sets every log's times an hour back, so that the index trusts their stamps and stores its result.</summary>
    private static void AgeEveryFile(string folder)
    {
        var past = DateTime.UtcNow.AddHours(-1);
        foreach (var file in Directory.GetFiles(folder, "*", SearchOption.AllDirectories))
        {
            File.SetLastWriteTimeUtc(file, past);
        }

        foreach (var directory in Directory.GetDirectories(folder, "*", SearchOption.AllDirectories).Reverse().Append(folder))
        {
            Directory.SetLastWriteTimeUtc(directory, past);
        }
    }

    /// <summary>A root-owned stand-in for <c>/etc/passwd</c>, alone in a folder of root's.</summary>
    private (string Victim, string Folder) PlantVictim()
    {
        var folder = _folder.Folder("etc");
        var victim = Path.Combine(folder, "passwd");
        File.WriteAllText(victim, Victim);
        File.SetUnixFileMode(victim, (UnixFileMode)Convert.ToInt32("644", 8));
        return (victim, folder);
    }

    /// <summary>Every entry below the state folder is the user's, a folder 0700 or a file 0600, and none is a link.</summary>
    private void AssertAllTheUsers(SecondUser user)
    {
        foreach (var entry in Directory.GetFileSystemEntries(_state, "*", SearchOption.AllDirectories))
        {
            var info = new FileInfo(entry);
            Assert.True(info.LinkTarget is null, $"{entry} is still a link");
            Assert.Equal((user.Uid, user.Gid), Unix.OwnerOf(entry));
            Assert.Equal(
                Directory.Exists(entry) ? OwnerOnly : UnixFileMode.UserRead | UnixFileMode.UserWrite,
                File.GetUnixFileMode(entry));
        }
    }
}
