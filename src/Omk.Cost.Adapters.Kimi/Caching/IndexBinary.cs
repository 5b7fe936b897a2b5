using System.Buffers;
using System.Buffers.Binary;
using System.IO.Hashing;
using System.Text;
using Omk.Runtime.Atomic;

namespace Omk.Cost.Adapters.Kimi.Caching;

/// <summary>
/// The plain binary encoding of the index's files: little-endian numbers, length-prefixed UTF-8 strings, and the
/// envelope of every file (magic, format version, record size, the parser build's identity, an XxHash3 checksum and
/// the body's length). A value out of range throws <see cref="InvalidDataException"/> or
/// <see cref="ArgumentOutOfRangeException"/>, which the readers turn into "no index".
/// </summary>
internal static class IndexBinary
{
    /// <summary>The length of the envelope before the body.</summary>
    public const int HeaderBytes = 40;

    private const int MaxStringBytes = 1 << 20;

    /// <summary>Wraps a body in the envelope.</summary>
    /// <param name="magic">The file kind's eight bytes.</param>
    /// <param name="version">The format's version.</param>
    /// <param name="recordSize">The size of the fixed records the body holds.</param>
    /// <param name="body">The body.</param>
    /// <returns>The file's bytes.</returns>
    public static byte[] Seal(ReadOnlySpan<byte> magic, int version, int recordSize, ReadOnlySpan<byte> body)
    {
        var content = new byte[HeaderBytes + body.Length];
        magic.CopyTo(content);
        BinaryPrimitives.WriteInt32LittleEndian(content.AsSpan(8), version);
        BinaryPrimitives.WriteInt32LittleEndian(content.AsSpan(12), recordSize);
        BinaryPrimitives.WriteUInt64LittleEndian(content.AsSpan(16), KimiIndexFormat.ParserIdentity);
        BinaryPrimitives.WriteUInt64LittleEndian(content.AsSpan(24), XxHash3.HashToUInt64(body));
        BinaryPrimitives.WriteInt64LittleEndian(content.AsSpan(32), body.Length);
        body.CopyTo(content.AsSpan(HeaderBytes));
        return content;
    }

    /// <summary>Opens the envelope of a file written by this build.</summary>
    /// <param name="content">The file's bytes.</param>
    /// <param name="magic">The file kind's eight bytes.</param>
    /// <param name="version">The format's version.</param>
    /// <param name="recordSize">The size of the fixed records the body holds.</param>
    /// <param name="body">Receives the body.</param>
    /// <returns><see langword="false"/> when the file is of another kind, version or build, or damaged.</returns>
    public static bool TryOpen(ReadOnlySpan<byte> content, ReadOnlySpan<byte> magic, int version, int recordSize, out ReadOnlySpan<byte> body)
    {
        body = default;
        if (!BitConverter.IsLittleEndian
            || content.Length < HeaderBytes
            || !content[..8].SequenceEqual(magic)
            || BinaryPrimitives.ReadInt32LittleEndian(content[8..]) != version
            || BinaryPrimitives.ReadInt32LittleEndian(content[12..]) != recordSize
            || BinaryPrimitives.ReadUInt64LittleEndian(content[16..]) != KimiIndexFormat.ParserIdentity
            || BinaryPrimitives.ReadInt64LittleEndian(content[32..]) != content.Length - HeaderBytes
            || XxHash3.HashToUInt64(content[HeaderBytes..]) != BinaryPrimitives.ReadUInt64LittleEndian(content[24..]))
        {
            return false;
        }

        body = content[HeaderBytes..];
        return true;
    }

    public static void WriteByte(ArrayBufferWriter<byte> writer, byte value)
    {
        writer.GetSpan(1)[0] = value;
        writer.Advance(1);
    }

    public static void WriteInt32(ArrayBufferWriter<byte> writer, int value)
    {
        BinaryPrimitives.WriteInt32LittleEndian(writer.GetSpan(4), value);
        writer.Advance(4);
    }

    public static void WriteInt64(ArrayBufferWriter<byte> writer, long value)
    {
        BinaryPrimitives.WriteInt64LittleEndian(writer.GetSpan(8), value);
        writer.Advance(8);
    }

    public static void WriteUInt64(ArrayBufferWriter<byte> writer, ulong value)
    {
        BinaryPrimitives.WriteUInt64LittleEndian(writer.GetSpan(8), value);
        writer.Advance(8);
    }

    public static void WriteString(ArrayBufferWriter<byte> writer, string value)
    {
        var length = Encoding.UTF8.GetByteCount(value);
        WriteInt32(writer, length);
        Encoding.UTF8.GetBytes(value, writer.GetSpan(length));
        writer.Advance(length);
    }

    public static byte ReadByte(ReadOnlySpan<byte> body, ref int position) => body[position++];

    public static int ReadInt32(ReadOnlySpan<byte> body, ref int position)
    {
        var value = BinaryPrimitives.ReadInt32LittleEndian(body.Slice(position, 4));
        position += 4;
        return value;
    }

    public static int ReadCount(ReadOnlySpan<byte> body, ref int position)
    {
        var value = ReadInt32(body, ref position);
        return value < 0 || value > body.Length - position ? throw new InvalidDataException("count out of range") : value;
    }

    public static long ReadInt64(ReadOnlySpan<byte> body, ref int position)
    {
        var value = BinaryPrimitives.ReadInt64LittleEndian(body.Slice(position, 8));
        position += 8;
        return value;
    }

    public static ulong ReadUInt64(ReadOnlySpan<byte> body, ref int position)
    {
        var value = BinaryPrimitives.ReadUInt64LittleEndian(body.Slice(position, 8));
        position += 8;
        return value;
    }

    public static string ReadString(ReadOnlySpan<byte> body, ref int position)
    {
        var length = ReadInt32(body, ref position);
        if (length < 0 || length > MaxStringBytes)
        {
            throw new InvalidDataException("string length out of range");
        }

        var value = Encoding.UTF8.GetString(body.Slice(position, length));
        position += length;
        return value;
    }
    /// <summary>Writes a string that may be null (length -1).</summary>
    public static void WriteNullableString(ArrayBufferWriter<byte> writer, string? value)
    {
        if (value is null)
        {
            WriteInt32(writer, -1);
            return;
        }

        WriteString(writer, value);
    }

    /// <summary>Reads a string written by <see cref="WriteNullableString"/>.</summary>
    public static string? ReadNullableString(ReadOnlySpan<byte> body, ref int position)
    {
        if (BinaryPrimitives.ReadInt32LittleEndian(body.Slice(position, 4)) == -1)
        {
            position += 4;
            return null;
        }

        return ReadString(body, ref position);
    }

    /// <summary>Writes a file's stamp.</summary>
    public static void WriteStamp(ArrayBufferWriter<byte> writer, FileStamp stamp)
    {
        WriteUInt64(writer, stamp.Device);
        WriteUInt64(writer, stamp.Inode);
        WriteInt64(writer, stamp.Size);
        WriteInt64(writer, stamp.ModifiedNanoseconds);
        WriteInt64(writer, stamp.ChangedNanoseconds);
    }

    /// <summary>Reads a stamp written by <see cref="WriteStamp"/>.</summary>
    public static FileStamp ReadStamp(ReadOnlySpan<byte> body, ref int position) => new(
        ReadUInt64(body, ref position),
        ReadUInt64(body, ref position),
        ReadInt64(body, ref position),
        ReadInt64(body, ref position),
        ReadInt64(body, ref position));
}
