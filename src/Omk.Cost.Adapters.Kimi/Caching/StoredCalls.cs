using System.Buffers;
using System.Collections;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using Omk.Cost.Domain.Usage;

namespace Omk.Cost.Adapters.Kimi.Caching;

/// <summary>
/// The counted calls of a session as the stored result keeps them: fixed-size records read in place from the shard's
/// bytes as they are enumerated, so that no array of calls is made for a report that goes through them once. A
/// record is 32 bytes while every token count fits in 32 bits (a <see cref="UsageCall"/> takes 56), else 48.
/// </summary>
internal sealed class StoredCalls : IReadOnlyList<UsageCall>
{
    private readonly byte[] _data;
    private readonly int _start;
    private readonly bool _wide;
    private readonly string[] _models;

    private StoredCalls(byte[] data, int start, int count, bool wide, string[] models)
    {
        _data = data;
        _start = start;
        _wide = wide;
        _models = models;
        Count = count;
    }

    /// <inheritdoc/>
    public int Count { get; }

    /// <inheritdoc/>
    public UsageCall this[int index] => (uint)index < (uint)Count ? Decode(index) : throw new ArgumentOutOfRangeException(nameof(index));

    /// <summary>Writes calls: whether the records are wide, then the records.</summary>
    /// <param name="writer">Receives the bytes.</param>
    /// <param name="calls">The calls.</param>
    /// <param name="models">Receives the models named, each once; the records refer to them by index.</param>
    public static void Write(IBufferWriter<byte> writer, IReadOnlyList<UsageCall> calls, List<string> models)
    {
        var indexes = new int[calls.Count];
        var wide = false;
        string? lastModel = null;
        var lastIndex = 0;
        for (var at = 0; at < calls.Count; at++)
        {
            var call = calls[at];
            if (!ReferenceEquals(call.Model, lastModel))
            {
                lastIndex = models.IndexOf(call.Model);
                if (lastIndex < 0)
                {
                    models.Add(call.Model);
                    lastIndex = models.Count - 1;
                }

                lastModel = call.Model;
            }

            indexes[at] = lastIndex;
            var usage = call.Usage;
            wide |= (usage.InputOther | usage.CacheRead | usage.CacheCreation | usage.Output) > uint.MaxValue;
        }

        wide |= models.Count > ushort.MaxValue;
        writer.Write([wide ? (byte)1 : (byte)0]);
        for (var at = 0; at < calls.Count; at++)
        {
            var call = calls[at];
            var usage = call.Usage;
            var ticks = call.Timestamp.Ticks;
            var offset = (short)call.Timestamp.Offset.TotalMinutes;
            if (wide)
            {
                var record = new WideCall { Ticks = ticks, InputOther = usage.InputOther, CacheRead = usage.CacheRead, CacheCreation = usage.CacheCreation, Output = usage.Output, Model = indexes[at], OffsetMinutes = offset };
                writer.Write(MemoryMarshal.AsBytes(new ReadOnlySpan<WideCall>(ref record)));
            }
            else
            {
                var record = new NarrowCall { Ticks = ticks, InputOther = (uint)usage.InputOther, CacheRead = (uint)usage.CacheRead, CacheCreation = (uint)usage.CacheCreation, Output = (uint)usage.Output, Model = (ushort)indexes[at], OffsetMinutes = offset };
                writer.Write(MemoryMarshal.AsBytes(new ReadOnlySpan<NarrowCall>(ref record)));
            }
        }
    }

    /// <summary>Takes calls written by <see cref="Write"/>, in place.</summary>
    /// <param name="data">The bytes that hold them (kept, not copied).</param>
    /// <param name="start">Where they start.</param>
    /// <param name="length">Their length in bytes.</param>
    /// <param name="count">The number of calls.</param>
    /// <param name="models">The models they refer to.</param>
    /// <returns>The calls.</returns>
    /// <exception cref="InvalidDataException">The bytes do not hold that many records.</exception>
    public static StoredCalls Read(byte[] data, int start, int length, int count, string[] models)
    {
        if (length < 1 || data[start] > 1)
        {
            throw new InvalidDataException("stored calls without their kind");
        }

        var wide = data[start] == 1;
        return length - 1 == (long)count * (wide ? Unsafe.SizeOf<WideCall>() : Unsafe.SizeOf<NarrowCall>())
            ? new StoredCalls(data, start + 1, count, wide, models)
            : throw new InvalidDataException("stored calls of another length");
    }

    /// <inheritdoc/>
    public IEnumerator<UsageCall> GetEnumerator()
    {
        for (var index = 0; index < Count; index++)
        {
            yield return Decode(index);
        }
    }

    /// <inheritdoc/>
    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();

    private UsageCall Decode(int index)
    {
        long ticks;
        short offset;
        int model;
        TokenUsage usage;
        if (_wide)
        {
            var record = MemoryMarshal.Read<WideCall>(_data.AsSpan(_start + (index * Unsafe.SizeOf<WideCall>())));
            (ticks, offset, model) = (record.Ticks, record.OffsetMinutes, record.Model);
            usage = new TokenUsage(record.InputOther, record.CacheRead, record.CacheCreation, record.Output);
        }
        else
        {
            var record = MemoryMarshal.Read<NarrowCall>(_data.AsSpan(_start + (index * Unsafe.SizeOf<NarrowCall>())));
            (ticks, offset, model) = (record.Ticks, record.OffsetMinutes, record.Model);
            usage = new TokenUsage(record.InputOther, record.CacheRead, record.CacheCreation, record.Output);
        }

        return (uint)model < (uint)_models.Length
            ? new UsageCall(new DateTimeOffset(ticks, TimeSpan.FromMinutes(offset)), _models[model], usage)
            : throw new InvalidDataException("stored call of an unknown model");
    }

    /// <summary>A call whose token counts fit in 32 bits.</summary>
    [StructLayout(LayoutKind.Sequential, Pack = 1)]
    private struct NarrowCall
    {
        public long Ticks;
        public uint InputOther;
        public uint CacheRead;
        public uint CacheCreation;
        public uint Output;
        public ushort Model;
        public short OffsetMinutes;
        public int Reserved;
    }

    /// <summary>A call with a token count beyond 32 bits.</summary>
    [StructLayout(LayoutKind.Sequential, Pack = 1)]
    private struct WideCall
    {
        public long Ticks;
        public ulong InputOther;
        public ulong CacheRead;
        public ulong CacheCreation;
        public ulong Output;
        public int Model;
        public short OffsetMinutes;
        public short Reserved;
    }
}
