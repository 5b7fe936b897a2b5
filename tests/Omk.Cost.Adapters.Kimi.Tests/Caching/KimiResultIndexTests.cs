using System.Buffers;
using Microsoft.Extensions.Time.Testing;
using Omk.Cost.Adapters.Kimi;
using Omk.Cost.Adapters.Kimi.Caching;
using Omk.Cost.Adapters.Kimi.Pricing;
using Omk.Cost.Adapters.Kimi.Reading;
using Omk.Cost.Adapters.Kimi.Tests.Fixtures;
using Omk.Cost.Domain.Usage;

namespace Omk.Cost.Adapters.Kimi.Tests.Caching;

/// <summary>
/// The stored result (the sessions as counted, with the stamps of every path their reading consulted): answered from
/// when nothing changed, one changed session read again alone, and the whole reading whenever a change could move a
/// call between sessions; every answer is the cold read's.
/// </summary>
public sealed class KimiResultIndexTests : IDisposable
{
    private readonly DiskKimiTree _tree = new();

    // Written "an hour later", so that no stamp is too recent to be trusted.
    private readonly FakeTimeProvider _later = new(DateTimeOffset.UtcNow.AddHours(1));

    public KimiResultIndexTests()
    {
        DiskKimiTree.Append(_tree.CliWire("w1", "s1"), DiskKimiTree.CliCall(1, 100, 10, "a1") + DiskKimiTree.CliCall(2, 110, 11, "a2"));
        DiskKimiTree.Append(_tree.CliWire("w1", "s1"), DiskKimiTree.CliSubagentCall(3, "agent-a", 300, 30, "sub1"));
        DiskKimiTree.Append(_tree.CliWire("w1", "s1", "agent-a"), DiskKimiTree.CliCall(3, 300, 30, "sub1"));
        File.WriteAllText(Path.Combine(Path.GetDirectoryName(_tree.CliWire("w1", "s1", "agent-a"))!, "meta.json"), """{"launch_spec": {"model_override": "main"}}""");
        File.WriteAllText(Path.Combine(Path.GetDirectoryName(_tree.CliWire("w1", "s1"))!, "state.json"), """{"title": "first"}""");
        DiskKimiTree.Append(_tree.CliWire("w1", "s2"), DiskKimiTree.CliCall(4, 200, 20, "b1"));
        DiskKimiTree.Append(_tree.CodeWire("ws", "c1", "main"), DiskKimiTree.CodeCall(5, 50, 5));
    }

    [Fact]
    public void Read_NothingChanged_AnswersFromTheStoredResultAsTheColdReadWould()
    {
        Assert.Equal(KimiReadSource.Logs, Read().Source);

        var warm = Read();

        Assert.Equal(KimiReadSource.StoredResult, warm.Source);
        Assert.Equal(Cold(), DiskKimiTree.Describe(warm));
    }

    [Fact]
    public void Read_OneSessionGrew_ReadsItAloneThenAnswersFromTheStoredResult()
    {
        Read();
        DiskKimiTree.Append(_tree.CliWire("w1", "s2"), DiskKimiTree.CliCall(6, 210, 21, "b2"));

        var grown = Read();
        var again = Read();

        Assert.Equal(KimiReadSource.ChangedSessions, grown.Source);
        Assert.Equal(Cold(), DiskKimiTree.Describe(grown));
        Assert.Equal(KimiReadSource.StoredResult, again.Source);
        Assert.Equal(Cold(), DiskKimiTree.Describe(again));
    }

    [Fact]
    public void Read_TitleOrSubagentModelChanged_ReadsTheSessionAgain()
    {
        Read();
        File.WriteAllText(Path.Combine(Path.GetDirectoryName(_tree.CliWire("w1", "s1"))!, "state.json"), """{"title": "a longer title"}""");
        File.WriteAllText(Path.Combine(Path.GetDirectoryName(_tree.CliWire("w1", "s1", "agent-a"))!, "meta.json"), """{"launch_spec": {"model_override": "kimi-k2-turbo-preview"}}""");

        var changed = Read();

        Assert.Equal(KimiReadSource.ChangedSessions, changed.Source);
        Assert.Equal(Cold(), DiskKimiTree.Describe(changed));
        Assert.Contains(changed.Sessions, session => session.Title == "a longer title");
    }

    [Fact]
    public void Read_SessionFolderAppearsOrDisappears_ReadsEverySessionAgain()
    {
        Read();
        DiskKimiTree.Append(_tree.CliWire("w1", "s3"), DiskKimiTree.CliCall(7, 400, 40, "c1"));

        var appeared = Read();
        Directory.Delete(Path.GetDirectoryName(_tree.CliWire("w1", "s2"))!, recursive: true);
        var disappeared = Read();

        Assert.Equal(KimiReadSource.Logs, appeared.Source);
        Assert.Contains(appeared.Sessions, session => session.SessionId == "s3");
        Assert.Equal(KimiReadSource.Logs, disappeared.Source);
        Assert.Equal(Cold(), DiskKimiTree.Describe(disappeared));
        Assert.DoesNotContain(disappeared.Sessions, session => session.SessionId == "s2");
    }

    [Fact]
    public void Read_ForkWhoseCopiesChangeOwner_ReadsEverySessionAgain()
    {
        // A fork of s1 (its log copied, then a call of its own); then its title loses the fork mark, so that the
        // copied calls rank by the earliest start and the session id instead, and a session that shared nothing
        // starts sharing s1's first call.
        var fork = _tree.CliWire("w1", "f1");
        Directory.CreateDirectory(Path.GetDirectoryName(fork)!);
        File.Copy(_tree.CliWire("w1", "s1"), fork);
        File.WriteAllText(Path.Combine(Path.GetDirectoryName(fork)!, "state.json"), """{"title": "Fork: first"}""");
        DiskKimiTree.Append(fork, DiskKimiTree.CliCall(8, 123, 12, "f1"));
        Read();

        File.WriteAllText(Path.Combine(Path.GetDirectoryName(fork)!, "state.json"), """{"title": "not a fork any more"}""");
        var renamed = Read();
        DiskKimiTree.Append(fork, DiskKimiTree.CliCall(9, 124, 13, "f2"));
        var grown = Read();
        File.WriteAllText(_tree.CliWire("w1", "s2"), File.ReadAllText(_tree.CliWire("w1", "s1")));
        var copied = Read();

        Assert.Equal(KimiReadSource.Logs, renamed.Source);
        Assert.Equal(KimiReadSource.Logs, grown.Source);
        Assert.Equal(KimiReadSource.Logs, copied.Source);
        Assert.Equal(Cold(), DiskKimiTree.Describe(copied));
    }

    [Fact]
    public void StoredCalls_CountsBeyond32Bits_AreKeptWhole()
    {
        // Kimi's logs give at most 10^9 tokens a count, but the records do not rely on it.
        UsageCall[] calls =
        [
            new(DiskKimiTree.Start, "kimi-k2.6", new TokenUsage(1, 2, 3, 4)),
            new(DiskKimiTree.Start.AddSeconds(1).ToOffset(TimeSpan.FromHours(2)), "kimi-k2.5", new TokenUsage(5_000_000_000, 6, 7, ulong.MaxValue)),
        ];
        var bytes = new ArrayBufferWriter<byte>();
        var models = new List<string>();
        StoredCalls.Write(bytes, calls, models);

        var read = StoredCalls.Read([.. bytes.WrittenSpan], 0, bytes.WrittenCount, calls.Length, [.. models]);

        Assert.Equal(calls, read);
        Assert.Equal(calls[1], read[1]);
        Assert.Equal(TimeSpan.FromHours(2), read[1].Timestamp.Offset);
    }

    [Theory]
    [InlineData("tree.bin")]
    [InlineData("result")]
    public void Read_StoredResultDamaged_ReadsTheLogsAndGivesTheColdResult(string damaged)
    {
        Read();
        foreach (var file in Directory.GetFiles(Path.Combine(_tree.IndexDirectory, "result-titles"), damaged == "tree.bin" ? "tree.bin" : "result-*.bin"))
        {
            var bytes = File.ReadAllBytes(file);
            bytes[^1] ^= 0xFF;
            File.WriteAllBytes(file, bytes);
        }

        var read = Read();

        Assert.Equal(KimiReadSource.Logs, read.Source);
        Assert.Equal(Cold(), DiskKimiTree.Describe(read));
    }

    [Fact]
    public void Read_StampsTooRecentToTrust_AreNotAnsweredFromTheStoredResult()
    {
        // Read "now": every stamp is within the racy window, so no result is kept, and the next reading reads the logs.
        _tree.Read(indexed: true, new FakeTimeProvider(DateTimeOffset.UtcNow));
        var kept = File.Exists(Path.Combine(_tree.IndexDirectory, "result-titles", "tree.bin"));

        var next = Read();

        Assert.False(kept);
        Assert.Equal(KimiReadSource.Logs, next.Source);
        Assert.Equal(Cold(), DiskKimiTree.Describe(next));
    }

    [Fact]
    public void Read_NoSessionStored_AnswersFromTheStoredResultWithoutItsShards()
    {
        // A machine with no Kimi session yet: the stored result is its warnings alone, and no shard holds anything a
        // reading needs, so a budget's step pays no reading of 64 empty files.
        using var empty = new DiskKimiTree();
        var cold = DiskKimiTree.Describe(empty.Read(indexed: false));
        empty.Read(indexed: true, _later);
        foreach (var shard in Directory.GetFiles(Path.Combine(empty.IndexDirectory, "result-titles"), "result-*.bin"))
        {
            File.Delete(shard);
        }

        var warm = empty.Read(indexed: true, _later);

        Assert.Equal(KimiReadSource.StoredResult, warm.Source);
        Assert.Equal(cold, DiskKimiTree.Describe(warm));
        Assert.Empty(warm.Sessions);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void Read_NoSessionStoredThenASessionAppears_AnswersAsTheColdRead(bool homesMissing)
    {
        // A machine whose Kimi homes are empty (or not made yet) when a budget's step stores the result; Kimi then writes
        // its first session, and the next step must count it.
        using var empty = new DiskKimiTree();
        if (homesMissing)
        {
            Directory.Delete(empty.CliRoot, recursive: true);
            Directory.Delete(empty.CodeRoot, recursive: true);
        }

        empty.Read(indexed: true, _later);
        Assert.Equal(KimiReadSource.StoredResult, empty.Read(indexed: true, _later).Source);
        DiskKimiTree.Append(empty.CodeWire("ws", "c1", "main"), DiskKimiTree.CodeCall(5, 50, 5));

        var warm = empty.Read(indexed: true, _later);

        Assert.Equal(DiskKimiTree.Describe(empty.Read(indexed: false)), DiskKimiTree.Describe(warm));
        Assert.Single(warm.Sessions);
    }

    public void Dispose() => _tree.Dispose();

    private KimiUsageResult Read() => _tree.Read(indexed: true, _later);

    private string Cold() => DiskKimiTree.Describe(_tree.Read(indexed: false));
}
