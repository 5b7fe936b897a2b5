using System.Collections.Concurrent;
using System.Text.Json;
using Omk.Cost.Adapters.FileSystem.Serialization;
using Omk.Cost.Domain;

namespace Omk.Benchmarks;

/// <summary>
/// The bytes of a <c>costs.json</c> holding the benchmark sessions, written by the store's own serializer:
/// exactly the file that recording those sessions one by one would leave (two-space indentation, <c>\n</c>).
/// </summary>
internal static class CostsFile
{
    private static readonly ConcurrentDictionary<int, byte[]> Cache = new();

    /// <summary>Gets the file for <paramref name="sessions"/> sessions (cached: the same bytes every time).</summary>
    public static byte[] Bytes(int sessions) => Cache.GetOrAdd(sessions, Generate);

    /// <summary>Gets the size of the file for <paramref name="sessions"/> sessions, in bytes.</summary>
    public static long Size(int sessions) => Bytes(sessions).LongLength;

    /// <summary>Writes the file for <paramref name="sessions"/> sessions to <paramref name="path"/> and flushes it to disk.</summary>
    public static void Write(string path, int sessions) => WriteDurably(path, Bytes(sessions));

    /// <summary>Writes bytes to a file and flushes them to disk, so that no write-back of them runs during a measurement.</summary>
    public static void WriteDurably(string path, byte[] content)
    {
        using var stream = new FileStream(path, FileMode.Create, FileAccess.Write, FileShare.None, 64 * 1024);
        stream.Write(content);
        stream.Flush(flushToDisk: true);
    }

    private static byte[] Generate(int sessions)
    {
        if (sessions == 0)
        {
            return "[]\n"u8.ToArray();
        }

        List<SessionCostDocument> documents = [.. BenchmarkSessions.Create(sessions).Select(session => SessionCostDocument.From(session))];
        var json = JsonSerializer.SerializeToUtf8Bytes(documents, CostJsonContext.Default.ListSessionCostDocument);
        var bytes = new byte[json.Length + 1];
        json.CopyTo(bytes, 0);
        bytes[^1] = (byte)'\n';
        return bytes;
    }

    /// <summary>Gets the sessions of the file for <paramref name="sessions"/> sessions.</summary>
    public static List<SessionCost> Sessions(int sessions) => BenchmarkSessions.Create(sessions);
}
