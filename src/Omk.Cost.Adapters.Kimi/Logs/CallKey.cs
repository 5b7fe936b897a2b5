using System.Buffers.Binary;
using Omk.Cost.Domain.Usage;

namespace Omk.Cost.Adapters.Kimi.Logs;

/// <summary>
/// The key of a model call whose line has no message id: a fingerprint of its agent, its timestamp, its four token
/// counts and its rank among the calls of the same file that share all of those.
/// </summary>
/// <remarks>
/// A copied line (a fork's copy of its source) keeps its timestamp and usage, so its key equals the original's; two
/// calls of one file never share a key, thanks to the rank. Two different calls of different files share a key
/// only if the same agent name logged the same four counts at the same instant (to the microsecond in Kimi CLI, the
/// millisecond in Kimi Code).
/// </remarks>
internal static class CallKey
{
    public static UInt128 WithoutMessageId(string agent, DateTimeOffset timestamp, TokenUsage usage, int rank)
    {
        Span<byte> bytes = stackalloc byte[48];
        BinaryPrimitives.WriteInt64LittleEndian(bytes, timestamp.UtcTicks);
        BinaryPrimitives.WriteUInt64LittleEndian(bytes[8..], usage.InputOther);
        BinaryPrimitives.WriteUInt64LittleEndian(bytes[16..], usage.Output);
        BinaryPrimitives.WriteUInt64LittleEndian(bytes[24..], usage.CacheRead);
        BinaryPrimitives.WriteUInt64LittleEndian(bytes[32..], usage.CacheCreation);
        BinaryPrimitives.WriteInt32LittleEndian(bytes[40..], rank);
        BinaryPrimitives.WriteInt32LittleEndian(bytes[44..], agent.Length);
        var head = MessageIdHash.Of(bytes);
        var name = MessageIdHash.Of(System.Runtime.InteropServices.MemoryMarshal.AsBytes(agent.AsSpan()));

        // Mixed so that no message id's fingerprint can be mistaken for it in practice.
        return new UInt128(
            (ulong)(head >> 64) ^ ulong.RotateLeft((ulong)(name >> 64), 17) ^ 0x5851F42D4C957F2D,
            (ulong)head ^ ulong.RotateLeft((ulong)name, 29));
    }
}
