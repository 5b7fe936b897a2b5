using System.Buffers;
using System.Buffers.Binary;
using System.IO.Hashing;
using System.Runtime.InteropServices;
using System.Text;
using Omk.Cost.Domain;
using Omk.Cost.Domain.Budgets;
using Omk.Runtime.Atomic;

namespace Omk.Cost.Adapters.FileSystem;

/// <summary>
/// What the budgets need of <c>costs.json</c>, without its sessions: for each session in the file's order its start,
/// its type, its spend (<see cref="SessionCost.EffectiveUsd"/>) and its id, with the marks of the file it was made from
/// (its <see cref="FileStamp"/> and an XxHash128 of its bytes). Every period of every zone and every type is added up
/// from it by <see cref="BudgetSpend"/>'s own rule, in the file's order, so that the sums are the full read's to the
/// last digit.
/// </summary>
/// <remarks>
/// Its file (<see cref="SpendSummaryFile"/>) is little-endian: the magic, an XxHash3 checksum of the rest, the history's
/// stamp, hash and racy mark, the counts, the types (length-prefixed UTF-8), then the columns: starts (UTC ticks),
/// spends (a decimal's four 32-bit parts), type indexes, id lengths (−1 for none), and the ids' UTF-8 bytes.
/// </remarks>
internal sealed class SpendSummary
{
    private const int HeaderBytes = 88;
    private static readonly byte[] Magic = "OMKSPND\u0001"u8.ToArray();

    private readonly long[] _ticks;
    private readonly int[] _types;
    private readonly decimal[] _spend;
    private readonly int[] _idLengths;
    private readonly byte[] _ids;

    private SpendSummary(SummaryMarks marks, string[] typeNames, long[] ticks, int[] types, decimal[] spend, int[] idLengths, byte[] ids)
    {
        Marks = marks;
        TypeNames = typeNames;
        _ticks = ticks;
        _types = types;
        _spend = spend;
        _idLengths = idLengths;
        _ids = ids;
    }

    /// <summary>Gets the summary of no session, for a state folder that does not exist.</summary>
    public static SpendSummary Empty { get; } = new(default, [], [], [], [], [], []);

    /// <summary>Gets the marks of the history the summary was made from.</summary>
    public SummaryMarks Marks { get; }

    /// <summary>Gets the distinct exact spellings of the sessions' types.</summary>
    public IReadOnlyList<string> TypeNames { get; }

    /// <summary>Gets the number of sessions.</summary>
    public int Count => _ticks.Length;

    /// <summary>Makes the summary of sessions, in the history's order.</summary>
    /// <param name="sessions">The sessions.</param>
    /// <param name="marks">The marks of the history they were read from.</param>
    /// <returns>The summary.</returns>
    public static SpendSummary Of(IReadOnlyList<SessionCost> sessions, SummaryMarks marks)
    {
        var builder = new Builder(sessions.Count);
        foreach (var session in sessions)
        {
            builder.Add(SpendEntry.Of(session));
        }

        return builder.Build(marks);
    }

    /// <summary>Makes the summary of a rewritten history: each session either kept from this summary, or new.</summary>
    /// <param name="items">The sessions of the new history, in its order: the index of a kept one in this summary, or a new one.</param>
    /// <param name="marks">The marks of the new history.</param>
    /// <returns>The summary of the new history.</returns>
    public SpendSummary With(IReadOnlyList<(int? Kept, SpendEntry Added)> items, SummaryMarks marks)
    {
        var builder = new Builder(items.Count, TypeNames);
        var offsets = IdOffsets();
        foreach (var (kept, added) in items)
        {
            if (kept is { } index)
            {
                // A kept session's type keeps its index (the builder starts from this summary's types) and its id its bytes.
                var length = _idLengths[index];
                builder.Add(_ticks[index], _types[index], _spend[index], length < 0 ? default : _ids.AsSpan(offsets[index], length), hasId: length >= 0);
            }
            else
            {
                builder.Add(added);
            }
        }

        return builder.Build(marks);
    }

    /// <summary>Gets the same summary with other marks, for a history whose bytes are the same.</summary>
    /// <param name="marks">The marks.</param>
    /// <returns>The summary.</returns>
    public SpendSummary WithMarks(SummaryMarks marks) => new(marks, [.. TypeNames], _ticks, _types, _spend, _idLengths, _ids);

    /// <summary>Adds up the spend of the sessions that count in a period for a type, by <see cref="BudgetSpend"/>'s rule.</summary>
    /// <param name="period">The period.</param>
    /// <param name="sessionType">The type, or null for every type.</param>
    /// <returns>The spend in US dollars.</returns>
    public decimal Spent(BudgetPeriod period, string? sessionType)
    {
        var counts = new bool[TypeNames.Count];
        for (var index = 0; index < counts.Length; index++)
        {
            counts[index] = BudgetSpend.Covers(sessionType, TypeNames[index]);
        }

        return BudgetSpend.Total(_ticks, _types, _spend, counts, period);
    }

    /// <summary>Gets the spend recorded under some ids, by the rule of <see cref="BudgetSpend.Recorded"/> (the last session of an id counts).</summary>
    /// <param name="ids">The ids, compared exactly.</param>
    /// <returns>The spend of each id found.</returns>
    public IReadOnlyDictionary<string, decimal> Recorded(IReadOnlyCollection<string> ids)
    {
        var found = new Dictionary<string, decimal>(StringComparer.Ordinal);
        if (ids.Count == 0)
        {
            return found;
        }

        var wanted = ids.Distinct(StringComparer.Ordinal).Select(id => (Id: id, Bytes: Encoding.UTF8.GetBytes(id))).ToList();
        var offset = 0;
        for (var index = 0; index < _idLengths.Length; index++)
        {
            var length = _idLengths[index];
            if (length < 0)
            {
                continue;
            }

            var id = _ids.AsSpan(offset, length);
            offset += length;
            foreach (var (text, bytes) in wanted)
            {
                if (id.SequenceEqual(bytes))
                {
                    found[text] = _spend[index];
                }
            }
        }

        return found;
    }

    /// <summary>Writes the summary's file.</summary>
    /// <returns>The file's bytes.</returns>
    public byte[] Serialize()
    {
        var typeBytes = TypeNames.Select(static name => Encoding.UTF8.GetBytes(name)).ToList();
        var count = _ticks.Length;
        var length = HeaderBytes + typeBytes.Sum(static bytes => 2 + bytes.Length) + (count * (8 + 16 + 4 + 4)) + _ids.Length;
        var content = new byte[length];
        var span = content.AsSpan();
        Magic.CopyTo(span);
        var stamp = Marks.Stamp;
        BinaryPrimitives.WriteUInt64LittleEndian(span[16..], stamp.Device);
        BinaryPrimitives.WriteUInt64LittleEndian(span[24..], stamp.Inode);
        BinaryPrimitives.WriteInt64LittleEndian(span[32..], stamp.Size);
        BinaryPrimitives.WriteInt64LittleEndian(span[40..], stamp.ModifiedNanoseconds);
        BinaryPrimitives.WriteInt64LittleEndian(span[48..], stamp.ChangedNanoseconds);
        BinaryPrimitives.WriteUInt128LittleEndian(span[56..], Marks.Hash);
        span[72] = Marks.Racy ? (byte)1 : (byte)0;
        BinaryPrimitives.WriteInt32LittleEndian(span[76..], count);
        BinaryPrimitives.WriteInt32LittleEndian(span[80..], typeBytes.Count);
        BinaryPrimitives.WriteInt32LittleEndian(span[84..], _ids.Length);
        var position = HeaderBytes;
        foreach (var bytes in typeBytes)
        {
            BinaryPrimitives.WriteUInt16LittleEndian(span[position..], checked((ushort)bytes.Length));
            bytes.CopyTo(span[(position + 2)..]);
            position += 2 + bytes.Length;
        }

        position = Put(span, position, MemoryMarshal.AsBytes(_ticks.AsSpan()));
        var parts = new int[4];
        foreach (var spend in _spend)
        {
            decimal.GetBits(spend, parts);
            position = Put(span, position, MemoryMarshal.AsBytes(parts.AsSpan()));
        }

        position = Put(span, position, MemoryMarshal.AsBytes(_types.AsSpan()));
        position = Put(span, position, MemoryMarshal.AsBytes(_idLengths.AsSpan()));
        Put(span, position, _ids);
        BinaryPrimitives.WriteUInt64LittleEndian(span[8..], XxHash3.HashToUInt64(span[16..]));
        return content;
    }

    /// <summary>Reads a summary's file; null when it is of another format or damaged in any way.</summary>
    /// <param name="content">The file's bytes.</param>
    /// <returns>The summary, or null.</returns>
    public static SpendSummary? TryParse(ReadOnlySpan<byte> content)
    {
        if (!BitConverter.IsLittleEndian
            || content.Length < HeaderBytes
            || !content[..8].SequenceEqual(Magic)
            || XxHash3.HashToUInt64(content[16..]) != BinaryPrimitives.ReadUInt64LittleEndian(content[8..]))
        {
            return null;
        }

        try
        {
            var stamp = new FileStamp(
                BinaryPrimitives.ReadUInt64LittleEndian(content[16..]),
                BinaryPrimitives.ReadUInt64LittleEndian(content[24..]),
                BinaryPrimitives.ReadInt64LittleEndian(content[32..]),
                BinaryPrimitives.ReadInt64LittleEndian(content[40..]),
                BinaryPrimitives.ReadInt64LittleEndian(content[48..]));
            var marks = new SummaryMarks(stamp, BinaryPrimitives.ReadUInt128LittleEndian(content[56..]), content[72] != 0);
            var count = BinaryPrimitives.ReadInt32LittleEndian(content[76..]);
            var typeCount = BinaryPrimitives.ReadInt32LittleEndian(content[80..]);
            var idBytes = BinaryPrimitives.ReadInt32LittleEndian(content[84..]);
            if (count < 0 || typeCount < 0 || idBytes < 0 || (long)count * 32 > content.Length)
            {
                return null;
            }

            var position = HeaderBytes;
            var typeNames = new string[typeCount];
            for (var index = 0; index < typeCount; index++)
            {
                var length = BinaryPrimitives.ReadUInt16LittleEndian(content[position..]);
                typeNames[index] = Encoding.UTF8.GetString(content.Slice(position + 2, length));
                position += 2 + length;
            }

            if (content.Length - position != ((long)count * 32) + idBytes)
            {
                return null;
            }

            var ticks = MemoryMarshal.Cast<byte, long>(content.Slice(position, count * 8)).ToArray();
            position += count * 8;
            var parts = MemoryMarshal.Cast<byte, int>(content.Slice(position, count * 16));
            var spend = new decimal[count];
            for (var index = 0; index < count; index++)
            {
                spend[index] = new decimal(parts.Slice(index * 4, 4));
            }

            position += count * 16;
            var types = MemoryMarshal.Cast<byte, int>(content.Slice(position, count * 4)).ToArray();
            position += count * 4;
            var idLengths = MemoryMarshal.Cast<byte, int>(content.Slice(position, count * 4)).ToArray();
            position += count * 4;
            long total = 0;
            for (var index = 0; index < count; index++)
            {
                if ((uint)types[index] >= (uint)typeCount || idLengths[index] < -1)
                {
                    return null;
                }

                total += Math.Max(0, idLengths[index]);
            }

            return total != idBytes ? null : new SpendSummary(marks, typeNames, ticks, types, spend, idLengths, content[position..].ToArray());
        }
        catch (Exception exception) when (exception is ArgumentException or ArgumentOutOfRangeException or DecoderFallbackException)
        {
            return null;
        }
    }

    private static int Put(Span<byte> span, int position, ReadOnlySpan<byte> bytes)
    {
        bytes.CopyTo(span[position..]);
        return position + bytes.Length;
    }

    private int[] IdOffsets()
    {
        var offsets = new int[_idLengths.Length];
        var offset = 0;
        for (var index = 0; index < offsets.Length; index++)
        {
            offsets[index] = offset;
            offset += Math.Max(0, _idLengths[index]);
        }

        return offsets;
    }

    /// <summary>Collects the columns of a summary, one session at a time.</summary>
    private sealed class Builder
    {
        private readonly List<long> _ticks;
        private readonly List<int> _types;
        private readonly List<decimal> _spend;
        private readonly List<int> _idLengths;
        private readonly ArrayBufferWriter<byte> _ids = new();
        private readonly Dictionary<string, int> _typeIndexes = new(StringComparer.Ordinal);
        private readonly List<string> _typeNames = [];

        public Builder(int capacity, IReadOnlyList<string>? typeNames = null)
        {
            _ticks = new(capacity);
            _types = new(capacity);
            _spend = new(capacity);
            _idLengths = new(capacity);
            foreach (var name in typeNames ?? [])
            {
                _typeIndexes[name] = _typeNames.Count;
                _typeNames.Add(name);
            }
        }

        public void Add(SpendEntry entry)
        {
            if (!_typeIndexes.TryGetValue(entry.SessionType, out var typeIndex))
            {
                typeIndex = _typeNames.Count;
                _typeIndexes[entry.SessionType] = typeIndex;
                _typeNames.Add(entry.SessionType);
            }

            Add(entry.StartedUtcTicks, typeIndex, entry.SpentUsd, entry.Id is null ? default : Encoding.UTF8.GetBytes(entry.Id), hasId: entry.Id is not null);
        }

        public SpendSummary Build(SummaryMarks marks) =>
            new(marks, [.. _typeNames], [.. _ticks], [.. _types], [.. _spend], [.. _idLengths], _ids.WrittenSpan.ToArray());

        public void Add(long ticks, int typeIndex, decimal spend, ReadOnlySpan<byte> id, bool hasId)
        {
            _ticks.Add(ticks);
            _types.Add(typeIndex);
            _spend.Add(spend);
            _idLengths.Add(hasId ? id.Length : -1);
            _ids.Write(id);
        }
    }
}
