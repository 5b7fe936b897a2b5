using System.Buffers;
using System.Collections;
using Omk.Cost.Domain.Usage;

namespace Omk.Cost.Adapters.Kimi.Index;

/// <summary>
/// The counted calls of a session as the stored result keeps them, decoded as they are enumerated: each call as
/// variable-length numbers (its moment as the difference from the previous call's, its offset from UTC in minutes,
/// four token counts and its model's index), about 13 bytes where a <see cref="UsageCall"/> takes 56, and no array of
/// calls made for a report that only goes through them once.
/// </summary>
internal sealed class StoredCalls : IReadOnlyList<UsageCall>
{
    private readonly byte[] _data;
    private readonly int _start;
    private readonly int _length;
    private readonly string[] _models;
    private UsageCall[]? _all;

    private StoredCalls(byte[] data, int start, int length, int count, string[] models)
    {
        _data = data;
        _start = start;
        _length = length;
        _models = models;
        Count = count;
    }

    /// <inheritdoc/>
    public int Count { get; }

    /// <inheritdoc/>
    public UsageCall this[int index] => (_all ??= [.. this])[index];

    /// <summary>Writes calls.</summary>
    /// <param name="writer">Receives the bytes.</param>
    /// <param name="calls">The calls.</param>
    /// <param name="models">Receives the models named, each once; the calls refer to them by index.</param>
    public static void Write(IBufferWriter<byte> writer, IReadOnlyList<UsageCall> calls, List<string> models)
    {
        var previous = 0L;
        string? lastModel = null;
        var lastIndex = 0;
        Span<byte> buffer = stackalloc byte[7 * 10];
        foreach (var call in calls)
        {
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

            var at = 0;
            at += Put(buffer[at..], ZigZag(call.Timestamp.Ticks - previous));
            at += Put(buffer[at..], ZigZag((long)call.Timestamp.Offset.TotalMinutes));
            at += Put(buffer[at..], call.Usage.InputOther);
            at += Put(buffer[at..], call.Usage.CacheRead);
            at += Put(buffer[at..], call.Usage.CacheCreation);
            at += Put(buffer[at..], call.Usage.Output);
            at += Put(buffer[at..], (ulong)lastIndex);
            writer.Write(buffer[..at]);
            previous = call.Timestamp.Ticks;
        }
    }

    /// <summary>Takes calls written by <see cref="Write"/>, after checking that every one of them decodes.</summary>
    /// <param name="data">The bytes that hold them (kept, not copied).</param>
    /// <param name="start">Where they start.</param>
    /// <param name="length">Their length in bytes.</param>
    /// <param name="count">The number of calls.</param>
    /// <param name="models">The models they refer to.</param>
    /// <returns>The calls.</returns>
    /// <exception cref="InvalidDataException">The bytes do not hold that many valid calls.</exception>
    public static StoredCalls Read(byte[] data, int start, int length, int count, string[] models)
    {
        var calls = new StoredCalls(data, start, length, count, models);
        var decoded = 0;
        var reader = new Decoder(calls);
        while (reader.TryNext(out _))
        {
            decoded++;
        }

        return decoded == count && reader.Position == start + length ? calls : throw new InvalidDataException("stored calls do not decode");
    }

    /// <inheritdoc/>
    public IEnumerator<UsageCall> GetEnumerator()
    {
        if (_all is not null)
        {
            return ((IEnumerable<UsageCall>)_all).GetEnumerator();
        }

        return Enumerate();

        IEnumerator<UsageCall> Enumerate()
        {
            var reader = new Decoder(this);
            while (reader.TryNext(out var call))
            {
                yield return call;
            }
        }
    }

    /// <inheritdoc/>
    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();

    private static ulong ZigZag(long value) => (ulong)((value << 1) ^ (value >> 63));

    private static long UnZigZag(ulong value) => (long)(value >> 1) ^ -(long)(value & 1);

    private static int Put(Span<byte> buffer, ulong value)
    {
        var at = 0;
        while (value >= 0x80)
        {
            buffer[at++] = (byte)(value | 0x80);
            value >>= 7;
        }

        buffer[at++] = (byte)value;
        return at;
    }

    /// <summary>Decodes the calls one after the other.</summary>
    private struct Decoder(StoredCalls calls)
    {
        private readonly StoredCalls _calls = calls;
        private long _ticks;

        public int Position { get; private set; } = calls._start;

        public bool TryNext(out UsageCall call)
        {
            var end = _calls._start + _calls._length;
            if (Position >= end)
            {
                call = default;
                return false;
            }

            _ticks += UnZigZag(Get(end));
            var offset = UnZigZag(Get(end));
            var inputOther = Get(end);
            var cacheRead = Get(end);
            var cacheCreation = Get(end);
            var output = Get(end);
            var model = Get(end);
            if (model >= (ulong)_calls._models.Length || offset is < -14 * 60 or > 14 * 60 || _ticks < DateTime.MinValue.Ticks || _ticks > DateTime.MaxValue.Ticks)
            {
                throw new InvalidDataException("stored call out of range");
            }

            call = new UsageCall(
                new DateTimeOffset(_ticks, TimeSpan.FromMinutes(offset)),
                _calls._models[model],
                new TokenUsage(inputOther, cacheRead, cacheCreation, output));
            return true;
        }

        private ulong Get(int end)
        {
            var data = _calls._data;
            ulong value = 0;
            for (var shift = 0; shift < 64; shift += 7)
            {
                if (Position >= end)
                {
                    throw new InvalidDataException("stored call truncated");
                }

                var next = data[Position++];
                value |= (ulong)(next & 0x7F) << shift;
                if (next < 0x80)
                {
                    return value;
                }
            }

            throw new InvalidDataException("stored number too long");
        }
    }
}
