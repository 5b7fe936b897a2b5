using System.Text;

namespace Omk.Reliability.Tests;

/// <summary>
/// A recorder killed with SIGKILL at a random instant never leaves a torn or missing file: what is on disk is
/// exactly what was acknowledged, plus at most the one record whose rename happened before its acknowledgement.
/// </summary>
public sealed class CrashTests : IDisposable
{
    private const int Kills = 30;
    private const int SeededSessions = 5_000;

    private readonly TempFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    [Fact]
    public async Task Record_KilledAtRandomInstants_LeavesLoadableAcknowledgedPrefix()
    {
        // A large history makes each record take long enough for kills to land mid-write.
        await File.WriteAllTextAsync(_folder.CostsFile, SeedHistory(SeededSessions));
        var random = new Random(20261124);
        var expected = Enumerable.Range(0, SeededSessions).Select(n => $"seed-{n}").ToList();

        for (var round = 0; round < Kills; round++)
        {
            using var writer = WriterProcess.Start(_folder.Path, $"r{round}", 1_000, TimeSpan.FromSeconds(30));
            await Task.Delay(random.Next(150, 900));
            await writer.KillAsync();

            var names = HistoryFile.Names(_folder.CostsFile);
            var acked = writer.Acks.Count;
            var written = names.Count - expected.Count;
            Assert.True(written == acked || written == acked + 1, $"round {round}: {acked} acknowledged but {written} on disk");
            Assert.Equal(expected, names.Take(expected.Count));
            Assert.Equal(Enumerable.Range(0, written).Select(n => $"r{round}-{n}"), names.Skip(expected.Count));
            expected = names;
        }

        using var survivor = WriterProcess.Start(_folder.Path, "after", 1, TimeSpan.FromSeconds(30));
        var (exitCode, stderr) = await survivor.WaitAsync(TimeSpan.FromMinutes(1));
        Assert.True(exitCode == 0, stderr);
        Assert.Equal([.. expected, "after-0"], HistoryFile.Names(_folder.CostsFile));
        Assert.Empty(_folder.TempFiles());
    }

    private static string SeedHistory(int sessions)
    {
        var text = new StringBuilder("[");
        for (var n = 0; n < sessions; n++)
        {
            text.Append(n == 0 ? "\n" : ",\n");
            text.Append("  {\"session_type\": \"team\", \"name\": \"seed-").Append(n)
                .Append("\", \"started_at\": \"2026-11-20T09:15:02.123456789Z\", \"ended_at\": null, \"estimate\": {\"input_tokens\": 1950, \"output_tokens\": 650, \"duration_secs\": 60, \"worker_count\": 2, \"estimated_usd\": 0.0091, \"tier\": \"Standard\"}, \"actual_usd\": null}");
        }

        return text.Append("\n]\n").ToString();
    }
}
