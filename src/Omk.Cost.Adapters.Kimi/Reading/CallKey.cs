using System.Buffers.Binary;
using Omk.Cost.Domain.Usage;

namespace Omk.Cost.Adapters.Kimi.Reading;

/// <summary>
/// The key of a model call within its session: for a line with a message id, a fingerprint of the id, the agent that
/// made the call and the id's occurrence among that agent's calls of the file with the same id; for a line without
/// one, a fingerprint of its agent, its timestamp, its four token counts and its rank among the calls of the same file
/// that share all of those.
/// </summary>
/// <remarks>
/// Message ids are not unique: Ollama's OpenAI-compatible <c>/v1</c> draws <c>chatcmpl-&lt;N&gt;</c> with N below
/// 1000, and gateways rewrite ids, so two calls of one session can carry the same id. A copy keeps its occurrence: a
/// fork copies its source's lines verbatim from the first line, and a subagent's own <c>wire.jsonl</c> holds its calls
/// in the order the parent's <c>SubagentEvent</c> wrappers do. A copied line (a fork's copy of its source) keeps its
/// timestamp and usage too, so its key equals the original's; two calls of one file never share a key, thanks to the
/// occurrence or the rank. Two different calls of different files without an id share a key only if the same agent
/// name logged the same four counts at the same instant (to the microsecond in Kimi CLI, the millisecond in Kimi Code).
/// </remarks>
internal static class CallKey
{
    /// <summary>Gets the key of a call with a message id.</summary>
    /// <param name="messageId">The fingerprint of the message id (<see cref="MessageIdHash"/>).</param>
    /// <param name="agent">The fingerprint of the agent's name (<see cref="AgentHash"/>).</param>
    /// <param name="occurrence">How many calls of the same agent in the same file carried the id before this one.</param>
    /// <returns>The key.</returns>
    public static UInt128 WithMessageId(UInt128 messageId, UInt128 agent, int occurrence)
    {
        Span<byte> bytes = stackalloc byte[36];
        BinaryPrimitives.WriteUInt64LittleEndian(bytes, (ulong)messageId);
        BinaryPrimitives.WriteUInt64LittleEndian(bytes[8..], (ulong)(messageId >> 64));
        BinaryPrimitives.WriteUInt64LittleEndian(bytes[16..], (ulong)agent);
        BinaryPrimitives.WriteUInt64LittleEndian(bytes[24..], (ulong)(agent >> 64));
        BinaryPrimitives.WriteInt32LittleEndian(bytes[32..], occurrence);
        return MessageIdHash.Of(bytes);
    }

    /// <summary>Gets the fingerprint of an agent's name, for <see cref="WithMessageId"/>.</summary>
    /// <param name="agent">The agent: empty for a session's main agent, else the subagent's id.</param>
    /// <returns>The fingerprint.</returns>
    public static UInt128 AgentHash(string agent) => MessageIdHash.Of(System.Runtime.InteropServices.MemoryMarshal.AsBytes(agent.AsSpan()));

    /// <summary>
    /// Gets the key that matches one call across sessions: its key within its session and its moment. A fork copies
    /// its source's lines verbatim, timestamps included, so a copy matches its original; two sessions' own calls
    /// that got the same id and occurrence from a server that repeats ids do not, having been made at other moments.
    /// </summary>
    /// <param name="key">The call's key within its session.</param>
    /// <param name="timestamp">The call's moment.</param>
    /// <returns>The key across sessions.</returns>
    public static UInt128 AcrossSessions(UInt128 key, DateTimeOffset timestamp)
    {
        var ticks = (ulong)timestamp.UtcTicks;
        return new UInt128(
            (ulong)(key >> 64) ^ ulong.RotateLeft(ticks * 0x9E3779B97F4A7C15, 31),
            (ulong)key ^ (ticks * 0xC2B2AE3D27D4EB4F) ^ 0x165667B19E3779F9);
    }

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
