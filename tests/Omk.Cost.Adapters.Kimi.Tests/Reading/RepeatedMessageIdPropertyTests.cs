using CsCheck;
using Omk.Cost.Adapters.Kimi;
using Omk.Cost.Adapters.Kimi.Caching;
using Omk.Cost.Adapters.Kimi.Reading;
using Omk.Cost.Adapters.Kimi.Tests.Fixtures;
using Omk.Cost.Domain.Usage;

namespace Omk.Cost.Adapters.Kimi.Tests.Reading;

/// <summary>
/// Message ids drawn from a small range, so that they repeat within a session, between its agents and across
/// sessions: the total is the sum of the calls written, each subagent call counted once although it is written twice
/// (wrapped in the parent's log and in its own), and each fork's copied lines counted once, in its source.
/// </summary>
public sealed class RepeatedMessageIdPropertyTests
{
    private static readonly string Folder = KimiTree.Md5("/work/alpha");
    private static readonly string[] Agents = ["a1b2c3", "d4e5f6"];

    /// <summary>A call: who makes it (0 the main agent, else a subagent), its id (0 to 3), and its input and output tokens.</summary>
    private static readonly Gen<(int Agent, int Id, int Input, int Output)> Call =
        Gen.Select(Gen.Int[0, 2], Gen.Int[0, 3], Gen.Int[1, 100_000], Gen.Int[1, 10_000]);

    /// <summary>A fork: the session it copies, how many of its lines, and the calls it makes after.</summary>
    private static readonly Gen<(int Source, int Lines, (int Agent, int Id, int Input, int Output)[] Calls)> Fork =
        Gen.Select(Gen.Int[0, 10], Gen.Int[1, 12], Call.Array[0, 4]);

    [Fact]
    public void Read_IdsThatRepeat_TotalIsTheSumOfTheCallsWritten()
    {
        Gen.Select(Call.Array[1, 8].Array[1, 4], Fork.Array[0, 3]).Sample((sessions, forks) =>
        {
            var tree = KimiTree.WithDefaultModel("kimi-k2.6");

            // One clock for every line written, so that no two unrelated calls share a moment.
            var clock = Wire.Seconds(new DateTimeOffset(2026, 11, 20, 10, 0, 0, TimeSpan.Zero));
            var expected = default(TokenUsage);
            var mains = new List<string[]>();
            for (var number = 0; number < sessions.Length; number++)
            {
                var main = new List<string> { Wire.Metadata };
                var own = Agents.ToDictionary(static agent => agent, static _ => new List<string> { Wire.Metadata });
                foreach (var (agent, id, input, output) in sessions[number])
                {
                    clock += 1.5m;
                    expected += new TokenUsage((ulong)input, 0, 0, (ulong)output);
                    var messageId = $"chatcmpl-{id}";
                    if (agent == 0)
                    {
                        main.Add(Wire.Status(clock, (ulong)input, (ulong)output, 0, 0, messageId));
                    }
                    else
                    {
                        // The subagent writes its own line first; the parent wraps it a moment later.
                        own[Agents[agent - 1]].Add(Wire.Status(clock - 0.25m, (ulong)input, (ulong)output, 0, 0, messageId));
                        main.Add(Wire.Subagent(clock, Agents[agent - 1], Wire.StatusEvent((ulong)input, (ulong)output, 0, 0, messageId)));
                    }
                }

                tree.CliSession(Folder, $"s{number}", Wire.Lines([.. main]));
                foreach (var (agent, lines) in own.Where(static pair => pair.Value.Count > 1))
                {
                    tree.CliSubagent(Folder, $"s{number}", agent, Wire.Lines([.. lines]));
                }

                mains.Add([.. main]);
            }

            // A fork copies its source's lines verbatim up to a point (not its subagents), then makes its own calls.
            for (var number = 0; number < forks.Length; number++)
            {
                var (source, lines, calls) = forks[number];
                var copied = mains[source % mains.Count];
                var fork = copied.Take(Math.Min(lines, copied.Length)).ToList();
                foreach (var (_, id, input, output) in calls)
                {
                    clock += 1.5m;
                    expected += new TokenUsage((ulong)input, 0, 0, (ulong)output);
                    fork.Add(Wire.Status(clock, (ulong)input, (ulong)output, 0, 0, $"chatcmpl-{id}"));
                }

                tree.CliSession(Folder, $"f{number}", Wire.Lines([.. fork]));
                tree.File($"{tree.CliSessionDir(Folder, $"f{number}")}/state.json", """{"title": "Fork: work", "archived": false}""");
            }

            var report = new KimiUsageReader(tree.FileSystem, tree.Options).Read().Report();
            return report.Total.Usage == expected;
        }, iter: 300);
    }
}
