using CsCheck;
using Microsoft.Extensions.Time.Testing;
using Omk.Cost.Adapters.Kimi.Caching;
using Omk.Cost.Adapters.Kimi.Pricing;
using Omk.Cost.Adapters.Kimi.Reading;
using Omk.Cost.Adapters.Kimi.Tests.Fixtures;

namespace Omk.Cost.Adapters.Kimi.Tests.Caching;

/// <summary>
/// The index can never change a result: random appends (whole calls, subagent calls, copies of other sessions'
/// calls, half-written lines), truncations, replacements (in place and by rename), forks, changed titles and
/// subagent models, session folders removed, and damage to the index, applied to a generated tree, each followed by
/// an indexed read that must describe exactly what a cold read does.
/// </summary>
/// <remarks>
/// Read with the real clock, every stamp is too recent to trust, and the index checks the files' content; read with a
/// clock an hour ahead (and the changes some milliseconds apart, as the file system's clock tells them apart), the
/// stored result is trusted while the stamps hold, and only changed sessions are read again.
/// </remarks>
public sealed class KimiIndexPropertyTests
{
    private static readonly string[] Sessions = ["s1", "s2", "s3"];

    /// <summary>One step: what to do, and three numbers that choose where and how much.</summary>
    private static readonly Gen<(int Kind, int A, int B, int C)> Step = Gen.Select(Gen.Int[0, 12], Gen.Int[0, 1000], Gen.Int[0, 1000], Gen.Int[0, 1000]);

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void Read_AfterEachRandomChange_DescribesWhatTheColdReadDescribes(bool clockAhead)
    {
        var sources = new int[3];
        Step.List[1, 14].Sample(steps =>
        {
            using var tree = new DiskKimiTree();
            TimeProvider time = clockAhead ? new FakeTimeProvider(DateTimeOffset.UtcNow.AddHours(1)) : TimeProvider.System;
            var clock = 0;
            foreach (var (kind, a, b, c) in steps)
            {
                Apply(tree, kind, a, b, c, ref clock);
                if (clockAhead)
                {
                    Thread.Sleep(15);
                }

                // With and without titles: each kind of reading keeps its own result.
                foreach (var titles in (ReadOnlySpan<bool>)[true, false])
                {
                    var cold = DiskKimiTree.Describe(tree.Read(indexed: false, titles: titles));
                    var read = tree.Read(indexed: true, time, titles);
                    Interlocked.Increment(ref sources[(int)read.Source]);
                    var warm = DiskKimiTree.Describe(read);
                    if (cold != warm)
                    {
                        return false;
                    }
                }
            }

            return true;
        }, iter: clockAhead ? 30 : 40);

        // The clock ahead trusts the stamps: some readings come from the stored result, some read changed sessions alone.
        if (clockAhead)
        {
            Assert.True(sources[(int)KimiReadSource.StoredResult] > 0 && sources[(int)KimiReadSource.ChangedSessions] > 0, string.Join(", ", sources));
        }
    }

    private static void Apply(DiskKimiTree tree, int kind, int a, int b, int c, ref int clock)
    {
        var files = Files(tree);
        var session = Sessions[a % Sessions.Length];
        switch (kind)
        {
            case 0 or 1:
                // Whole calls: some with a message id of their own, some with a copied one, some without.
                var wire = tree.CliWire("w1", session);
                for (var call = 0; call <= b % 3; call++)
                {
                    clock++;
                    var id = (c % 4) switch { 0 => null, 1 => "shared-" + (c % 5), _ => $"m{clock}" };
                    DiskKimiTree.Append(wire, DiskKimiTree.CliCall(clock, (ulong)(100 + b), (ulong)(10 + c), id));
                }

                break;
            case 2:
                clock++;
                DiskKimiTree.Append(tree.CliWire("w1", session), DiskKimiTree.CliSubagentCall(clock, "agent-a", 300, 30, $"sub{clock}"));
                DiskKimiTree.Append(tree.CliWire("w1", session, "agent-a"), DiskKimiTree.CliCall(clock, 300, 30, $"sub{clock}"));
                break;
            case 3:
                clock++;
                DiskKimiTree.Append(tree.CodeWire("ws", session, "main"), DiskKimiTree.CodeCall(clock, (ulong)(50 + b), 5));
                break;
            case 4 when files.Count > 0:
                // Half of a line, as a writer leaves it mid-write; a later append may complete it or not.
                clock++;
                var line = DiskKimiTree.CliCall(clock, 999, 99, $"half{clock}");
                DiskKimiTree.Append(files[b % files.Count], line[..(1 + (c % (line.Length - 1)))]);
                break;
            case 5 when files.Count > 0:
                var truncated = files[b % files.Count];
                var length = new FileInfo(truncated).Length;
                using (var stream = new FileStream(truncated, FileMode.Open, FileAccess.Write, FileShare.ReadWrite))
                {
                    stream.SetLength(length == 0 ? 0 : c % length);
                }

                break;
            case 6 when files.Count > 0:
                // Rewritten in place, as Kimi Code does on resume: other content, maybe the same length.
                var rewritten = files[b % files.Count];
                var bytes = File.ReadAllBytes(rewritten);
                if (bytes.Length > 0)
                {
                    var at = c % bytes.Length;
                    bytes[at] = bytes[at] is >= (byte)'1' and <= (byte)'8' ? (byte)(bytes[at] + 1) : bytes[at];
                }

                File.WriteAllBytes(rewritten, bytes);
                break;
            case 7 when files.Count > 0:
                // Replaced by a rename: a new inode under the same name.
                var replaced = files[b % files.Count];
                var content = File.ReadAllText(replaced);
                File.WriteAllText(replaced + ".tmp", content[..(c % (content.Length + 1))] + DiskKimiTree.CliCall(++clock, 777, 77, $"r{clock}"));
                File.Move(replaced + ".tmp", replaced, overwrite: true);
                break;
            case 8:
                // A fork: a new session whose log is a verbatim copy of another's, then a call of its own.
                var source = tree.CliWire("w1", session);
                if (File.Exists(source))
                {
                    var fork = tree.CliWire("w1", $"fork{++clock}");
                    Directory.CreateDirectory(Path.GetDirectoryName(fork)!);
                    File.Copy(source, fork);
                    File.WriteAllText(Path.Combine(Path.GetDirectoryName(fork)!, "state.json"), $$"""{"title": "Fork: {{session}}"}""");
                    DiskKimiTree.Append(fork, DiskKimiTree.CliCall(++clock, 123, 12, $"f{clock}"));
                }

                break;
            case 10 when Directory.Exists(Path.GetDirectoryName(tree.CliWire("w1", session))):
                // A title written in place, of another length now and then (a fork mark may come or go).
                File.WriteAllText(Path.Combine(Path.GetDirectoryName(tree.CliWire("w1", session))!, "state.json"), (b % 3) switch
                {
                    0 => $$"""{"title": "Fork: t{{c % 7}}"}""",
                    1 => $$"""{"title": "t{{c}}"}""",
                    _ => "{not json",
                });
                break;
            case 11 when Directory.Exists(Path.GetDirectoryName(tree.CliWire("w1", session))):
                Directory.Delete(Path.GetDirectoryName(tree.CliWire("w1", session))!, recursive: true);
                break;
            case 12:
                var meta = Path.Combine(Path.GetDirectoryName(tree.CliWire("w1", session, "agent-a"))!, "meta.json");
                Directory.CreateDirectory(Path.GetDirectoryName(meta)!);
                File.WriteAllText(meta, (b % 2) == 0 ? """{"launch_spec": {"model_override": "main"}}""" : """{"launch_spec": {"effective_model": "kimi-k2-turbo-preview"}}""");
                break;
            case 9 when Directory.Exists(tree.IndexDirectory):
                var shards = Directory.GetFiles(tree.IndexDirectory, "*", SearchOption.AllDirectories);
                if (shards.Length == 0)
                {
                    break;
                }

                var shard = shards[b % shards.Length];
                var index = File.ReadAllBytes(shard);
                switch (c % 3)
                {
                    case 0 when index.Length > 0:
                        index[a % index.Length] ^= 0xFF;
                        File.WriteAllBytes(shard, index);
                        break;
                    case 1:
                        File.WriteAllBytes(shard, index[..(index.Length / 2)]);
                        break;
                    default:
                        Directory.Delete(tree.IndexDirectory, recursive: true);
                        break;
                }

                break;
        }
    }

    private static List<string> Files(DiskKimiTree tree) =>
    [
        .. Directory.EnumerateFiles(tree.Root, "wire.jsonl", SearchOption.AllDirectories).Order(StringComparer.Ordinal),
    ];
}
