using Microsoft.Extensions.Time.Testing;
using Omk.Cost.Adapters.Kimi.Caching;
using Omk.Cost.Adapters.Kimi.Reading;
using Omk.Cost.Adapters.Kimi.Tests.Fixtures;

namespace Omk.Cost.Adapters.Kimi.Tests.Caching;

public sealed class KimiIndexTests : IDisposable
{
    private readonly DiskKimiTree _tree = new();

    /// <summary>A clock an hour ahead, so that no file counts as changed too recently to trust its stamp.</summary>
    private readonly FakeTimeProvider _later = new(DateTimeOffset.UtcNow.AddHours(1));

    public KimiIndexTests()
    {
        DiskKimiTree.Append(_tree.CliWire("w1", "s1"), Wire.Metadata + "\n" + DiskKimiTree.CliCall(1, 1000, 100, "m1") + DiskKimiTree.CliCall(2, 2000, 200, "m2"));
        DiskKimiTree.Append(_tree.CliWire("w1", "s1", "agent-a"), DiskKimiTree.CliCall(3, 500, 50, "sub1"));
        DiskKimiTree.Append(_tree.CliWire("w1", "s1"), DiskKimiTree.CliSubagentCall(3, "agent-a", 500, 50, "sub1"));
        DiskKimiTree.Append(_tree.CodeWire("ws", "c1", "main"), DiskKimiTree.CodeCall(4, 700, 70));
    }

    [Fact]
    public void Read_Warm_DescribesWhatTheColdReadDescribes()
    {
        var cold = DiskKimiTree.Describe(_tree.Read(indexed: false));

        var first = DiskKimiTree.Describe(_tree.Read(indexed: true, _later));
        var warm = DiskKimiTree.Describe(_tree.Read(indexed: true, _later));

        Assert.Equal(cold, first);
        Assert.Equal(cold, warm);
        Assert.NotEmpty(Directory.GetFiles(_tree.IndexDirectory));
    }

    [Fact]
    public void Read_AfterAppends_CountsTheNewCallsOnce()
    {
        _ = _tree.Read(indexed: true, _later);
        DiskKimiTree.Append(_tree.CliWire("w1", "s1"), DiskKimiTree.CliCall(5, 4000, 400, "m3"));
        DiskKimiTree.Append(_tree.CodeWire("ws", "c1", "main"), DiskKimiTree.CodeCall(6, 800, 80));

        var warm = _tree.Read(indexed: true, _later);

        Assert.Equal(DiskKimiTree.Describe(_tree.Read(indexed: false)), DiskKimiTree.Describe(warm));
        Assert.Equal(4, warm.Sessions.Single(session => session.SessionId == "s1").Calls.Count);
    }

    [Fact]
    public void Read_FileShrank_ReadsItAgainFromTheStart()
    {
        _ = _tree.Read(indexed: true, _later);
        var wire = _tree.CliWire("w1", "s1");
        File.WriteAllText(wire, Wire.Metadata + "\n" + DiskKimiTree.CliCall(1, 1000, 100, "m1"));

        var warm = _tree.Read(indexed: true, _later);

        Assert.Equal(DiskKimiTree.Describe(_tree.Read(indexed: false)), DiskKimiTree.Describe(warm));
    }

    [Fact]
    public void Read_FileReplacedWithTheSameSizeAndModificationTime_ReadsItAgain()
    {
        var wire = _tree.CliWire("w1", "s1");
        _ = _tree.Read(indexed: true, _later);
        var modified = File.GetLastWriteTimeUtc(wire);
        var content = File.ReadAllText(wire);
        var replacement = wire + ".new";

        // The same bytes but one digit of a count: the same size, and the same modification time set back.
        File.WriteAllText(replacement, content.Replace("\"input_other\": 2000", "\"input_other\": 9000", StringComparison.Ordinal));
        File.SetLastWriteTimeUtc(replacement, modified);
        File.Move(replacement, wire, overwrite: true);

        var warm = _tree.Read(indexed: true, _later);

        var s1 = warm.Sessions.Single(session => session.SessionId == "s1");
        Assert.Contains(s1.Calls, call => call.Usage.InputOther == 9000);
        Assert.Equal(DiskKimiTree.Describe(_tree.Read(indexed: false)), DiskKimiTree.Describe(warm));
    }

    [Fact]
    public void Read_FileRewrittenInPlaceWithItsModificationTimeSetBack_ReadsItAgain()
    {
        var wire = _tree.CodeWire("ws", "c1", "main");
        _ = _tree.Read(indexed: true, _later);
        var modified = File.GetLastWriteTimeUtc(wire);
        File.WriteAllText(wire, DiskKimiTree.CodeCall(4, 900, 70));
        File.SetLastWriteTimeUtc(wire, modified);

        var warm = _tree.Read(indexed: true, _later);

        Assert.Equal(900UL, warm.Sessions.Single(session => session.SessionId == "c1").Calls.Single().Usage.InputOther);
    }

    [Theory]
    [InlineData("flip")]
    [InlineData("truncate")]
    [InlineData("garbage")]
    [InlineData("empty")]
    public void Read_DamagedIndex_IsRebuiltWithoutAWarning(string damage)
    {
        var cold = DiskKimiTree.Describe(_tree.Read(indexed: false));
        _ = _tree.Read(indexed: true, _later);
        foreach (var shard in Directory.GetFiles(_tree.IndexDirectory))
        {
            var bytes = File.ReadAllBytes(shard);
            File.WriteAllBytes(shard, damage switch
            {
                "flip" => [.. bytes[..^1], (byte)(bytes[^1] ^ 0x5A)],
                "truncate" => bytes[..(bytes.Length / 2)],
                "garbage" => "not an index"u8.ToArray(),
                _ => [],
            });
        }

        var warm = _tree.Read(indexed: true, _later);
        var again = _tree.Read(indexed: true, _later);

        Assert.Equal(cold, DiskKimiTree.Describe(warm));
        Assert.Equal(cold, DiskKimiTree.Describe(again));
    }

    [Fact]
    public void Read_IndexOfAnotherVersion_IsRebuilt()
    {
        _ = _tree.Read(indexed: true, _later);
        foreach (var shard in Directory.GetFiles(_tree.IndexDirectory))
        {
            var bytes = File.ReadAllBytes(shard);
            bytes[8] = 99;
            File.WriteAllBytes(shard, bytes);
        }

        DiskKimiTree.Append(_tree.CliWire("w1", "s1"), DiskKimiTree.CliCall(9, 100, 10, "m9"));

        Assert.Equal(DiskKimiTree.Describe(_tree.Read(indexed: false)), DiskKimiTree.Describe(_tree.Read(indexed: true, _later)));
    }

    [Fact]
    public void Read_LastLineBeingWritten_IsNotKeptAndCountsOnceWhenComplete()
    {
        var wire = _tree.CliWire("w1", "s1");
        var line = DiskKimiTree.CliCall(7, 3000, 300, "m7");
        DiskKimiTree.Append(wire, line[..(line.Length / 2)]);

        var partial = _tree.Read(indexed: true, _later);
        DiskKimiTree.Append(wire, line[(line.Length / 2)..]);
        var complete = _tree.Read(indexed: true, _later);

        Assert.DoesNotContain(partial.Sessions.Single(session => session.SessionId == "s1").Calls, call => call.Usage.InputOther == 3000);
        Assert.Single(complete.Sessions.Single(session => session.SessionId == "s1").Calls, call => call.Usage.InputOther == 3000);
        Assert.Equal(DiskKimiTree.Describe(_tree.Read(indexed: false)), DiskKimiTree.Describe(complete));
    }

    [Fact]
    public void Read_IndexCannotBeWritten_GivesTheColdResult()
    {
        Directory.CreateDirectory(Path.GetDirectoryName(_tree.IndexDirectory)!);
        File.WriteAllText(_tree.IndexDirectory, "a file where the index folder should be");

        var result = _tree.Read(indexed: true, _later);

        Assert.Equal(DiskKimiTree.Describe(_tree.Read(indexed: false)), DiskKimiTree.Describe(result));
    }

    [Fact]
    public void Read_SessionRemoved_DropsItFromTheIndex()
    {
        _ = _tree.Read(indexed: true, _later);
        Directory.Delete(Path.Combine(_tree.CodeRoot, "sessions", "ws"), recursive: true);

        var warm = _tree.Read(indexed: true, _later);

        Assert.DoesNotContain(warm.Sessions, session => session.SessionId == "c1");
        Assert.Equal(DiskKimiTree.Describe(_tree.Read(indexed: false)), DiskKimiTree.Describe(warm));
    }

    public void Dispose()
    {
        _tree.Dispose();
    }
}
