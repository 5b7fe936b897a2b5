namespace Omk.Reliability.Tests;

/// <summary>
/// Several omk processes record at the same moment: N processes × M records leave exactly N × M records.
/// </summary>
public sealed class ConcurrentWritersTests : IDisposable
{
    private const int Processes = 8;
    private const int RecordsEach = 25;

    private readonly TempFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    [Fact]
    public async Task Record_EightProcessesTimesTwentyFive_KeepsEveryRecordExactlyOnce()
    {
        var writers = Enumerable.Range(0, Processes)
            .Select(id => WriterProcess.Start(_folder.Path, $"w{id}", RecordsEach, TimeSpan.FromMinutes(2)))
            .ToList();
        try
        {
            foreach (var writer in writers)
            {
                var (exitCode, stderr) = await writer.WaitAsync(TimeSpan.FromMinutes(5));
                Assert.True(exitCode == 0, $"a recorder failed with {exitCode}: {stderr}");
                Assert.Equal(RecordsEach, writer.Acks.Count);
            }

            var names = HistoryFile.Names(_folder.CostsFile);
            var expected = Enumerable.Range(0, Processes)
                .SelectMany(id => Enumerable.Range(0, RecordsEach).Select(n => $"w{id}-{n}"))
                .Order(StringComparer.Ordinal);
            Assert.Equal(expected, names.Order(StringComparer.Ordinal));
            Assert.Empty(_folder.TempFiles());
        }
        finally
        {
            writers.ForEach(writer => writer.Dispose());
        }
    }

    [Fact]
    public async Task Record_ByOneProcess_KeepsItsOrder()
    {
        using var writer = WriterProcess.Start(_folder.Path, "solo", 10, TimeSpan.FromSeconds(30));

        var (exitCode, stderr) = await writer.WaitAsync(TimeSpan.FromMinutes(2));

        Assert.True(exitCode == 0, stderr);
        Assert.Equal(Enumerable.Range(0, 10).Select(n => $"solo-{n}"), HistoryFile.Names(_folder.CostsFile));
    }
}
