using System.Buffers;
using System.IO.Hashing;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using Omk.Cost.Adapters.Kimi.Reading;
using static Omk.Cost.Adapters.Kimi.Caching.IndexBinary;

namespace Omk.Cost.Adapters.Kimi.Caching;

/// <summary>
/// The binary format of one shard of the Kimi index: a header (magic, format version, the identity of the parser
/// that wrote it, a checksum and the length of the body) and a body with the <see cref="WireFileState"/> of each
/// file, whose calls are one block of fixed-size records.
/// </summary>
/// <remarks>
/// Anything that does not match (another magic, version or parser, a wrong checksum or length, a value out of range)
/// makes the shard unreadable, and the files it covered are read again: the index is a cache, never an error.
/// The parser's identity is the module version id of this assembly, which changes with every change to its code, so
/// that an index written by another build of the parsers is never trusted.
/// </remarks>
internal static class KimiIndexFormat
{
    /// <summary>The bytes at each end of a file's read part whose hashes tell that the file was not rewritten.</summary>
    public const int HashedBytes = 4096;

    public const int Version = 3;

    private static readonly byte[] Magic = "OMKKIDX\n"u8.ToArray();

    /// <summary>Gets the identity of this build of the parsers.</summary>
    public static ulong ParserIdentity { get; } = ComputeParserIdentity();

    public static byte[] Write(IReadOnlyCollection<WireFileState> states)
    {
        var body = new ArrayBufferWriter<byte>(64 * 1024);
        WriteInt32(body, states.Count);
        foreach (var state in states)
        {
            WriteString(body, state.Path);
            WriteByte(body, (byte)state.Format);
            WriteString(body, state.Agent);
            WriteByte(body, state.Forked ? (byte)1 : (byte)0);
            WriteInt32(body, state.ModelOfAlias.Count);
            foreach (var (alias, model) in state.ModelOfAlias)
            {
                WriteString(body, alias);
                WriteString(body, model);
            }

            WriteStamp(body, state.Stamp);
            WriteByte(body, state.Racy ? (byte)1 : (byte)0);
            WriteInt64(body, state.Offset);
            WriteInt64(body, state.Lines);
            WriteUInt64(body, state.HeadHash);
            WriteUInt64(body, state.TailHash);
            WriteByte(body, (byte)((state.FirstTicks.HasValue ? 1 : 0) | (state.LastTicks.HasValue ? 2 : 0)));
            WriteInt64(body, state.FirstTicks ?? 0);
            WriteInt64(body, state.LastTicks ?? 0);
            WriteInt64(body, state.Diagnostics.FirstLine);
            WriteInt64(body, state.Diagnostics.Skipped);
            WriteInt32(body, state.Diagnostics.Reasons.Count);
            foreach (var (reason, count) in state.Diagnostics.Reasons)
            {
                WriteString(body, reason);
                WriteInt32(body, count);
            }

            WriteInt32(body, state.Strings.Count);
            foreach (var text in state.Strings)
            {
                WriteString(body, text);
            }

            WriteInt32(body, state.RetryTicks.Count);
            foreach (var ticks in state.RetryTicks)
            {
                WriteInt64(body, ticks);
            }

            WriteInt32(body, state.Calls.Count);
            var calls = MemoryMarshal.AsBytes(CollectionsMarshal.AsSpan(state.Calls));
            calls.CopyTo(body.GetSpan(calls.Length));
            body.Advance(calls.Length);
        }

        return IndexBinary.Seal(Magic, Version, Unsafe.SizeOf<FileCall>(), body.WrittenSpan);
    }

    /// <summary>Reads a shard.</summary>
    /// <param name="content">The shard's bytes.</param>
    /// <returns>The states by path, or null when the bytes are not a shard of this version and parser, or are damaged.</returns>
    public static Dictionary<string, WireFileState>? TryRead(ReadOnlySpan<byte> content)
    {
        if (!IndexBinary.TryOpen(content, Magic, Version, Unsafe.SizeOf<FileCall>(), out var body))
        {
            return null;
        }

        try
        {
            return ReadBody(body);
        }
        catch (Exception exception) when (exception is ArgumentOutOfRangeException or InvalidDataException or OverflowException)
        {
            return null;
        }
    }

    private static Dictionary<string, WireFileState> ReadBody(ReadOnlySpan<byte> body)
    {
        var position = 0;
        var count = ReadCount(body, ref position);
        var states = new Dictionary<string, WireFileState>(count, StringComparer.Ordinal);
        for (var entry = 0; entry < count; entry++)
        {
            var path = ReadString(body, ref position);
            var format = (WireFormat)ReadByte(body, ref position);
            if (!Enum.IsDefined(format))
            {
                throw new InvalidDataException("unknown format");
            }

            var agent = ReadString(body, ref position);
            var forked = ReadByte(body, ref position) != 0;
            var aliasCount = ReadCount(body, ref position);
            var modelOfAlias = new Dictionary<string, string>(aliasCount, StringComparer.Ordinal);
            for (var index = 0; index < aliasCount; index++)
            {
                modelOfAlias[ReadString(body, ref position)] = ReadString(body, ref position);
            }

            var stamp = ReadStamp(body, ref position);
            var racy = ReadByte(body, ref position) != 0;
            var offset = ReadInt64(body, ref position);
            var lines = ReadInt64(body, ref position);
            var head = ReadUInt64(body, ref position);
            var tail = ReadUInt64(body, ref position);
            var present = ReadByte(body, ref position);
            var first = ReadInt64(body, ref position);
            var last = ReadInt64(body, ref position);
            var firstLine = ReadInt64(body, ref position);
            var skipped = ReadInt64(body, ref position);
            var reasonCount = ReadCount(body, ref position);
            var reasons = new List<KeyValuePair<string, int>>(reasonCount);
            for (var index = 0; index < reasonCount; index++)
            {
                reasons.Add(new(ReadString(body, ref position), ReadInt32(body, ref position)));
            }

            var stringCount = ReadCount(body, ref position);
            var strings = new List<string>(stringCount);
            for (var index = 0; index < stringCount; index++)
            {
                strings.Add(ReadString(body, ref position));
            }

            var retryCount = ReadCount(body, ref position);
            var retries = new List<long>(retryCount);
            for (var index = 0; index < retryCount; index++)
            {
                retries.Add(ReadInt64(body, ref position));
            }

            var callCount = ReadCount(body, ref position);
            var callBytes = checked(callCount * Unsafe.SizeOf<FileCall>());
            var calls = new List<FileCall>(callCount);
            CollectionsMarshal.SetCount(calls, callCount);
            body.Slice(position, callBytes).CopyTo(MemoryMarshal.AsBytes(CollectionsMarshal.AsSpan(calls)));
            position += callBytes;
            foreach (var call in CollectionsMarshal.AsSpan(calls))
            {
                if (call.Model < FileCall.None || call.Model >= stringCount || call.Agent < FileCall.None || call.Agent >= stringCount)
                {
                    throw new InvalidDataException("string index out of range");
                }
            }

            if (offset < 0 || offset > stamp.Size || lines < 0)
            {
                throw new InvalidDataException("offset out of range");
            }

            var state = WireFileState.Restore(path, format, agent, FileDiagnostics.Restore(path, reasons, firstLine, skipped), strings, calls, modelOfAlias);
            state.RetryTicks.AddRange(retries);
            state.Forked = forked;
            state.Stamp = stamp;
            state.Racy = racy;
            state.Offset = offset;
            state.Lines = lines;
            state.HeadHash = head;
            state.TailHash = tail;
            state.FirstTicks = (present & 1) != 0 ? first : null;
            state.LastTicks = (present & 2) != 0 ? last : null;
            states[path] = state;
        }

        if (position != body.Length)
        {
            throw new InvalidDataException("trailing bytes");
        }

        return states;
    }

    private static ulong ComputeParserIdentity()
    {
        try
        {
            var id = typeof(KimiIndexFormat).Module.ModuleVersionId;
            return XxHash3.HashToUInt64(id.ToByteArray());
        }
        catch (InvalidOperationException)
        {
            return 0;
        }
    }
}
