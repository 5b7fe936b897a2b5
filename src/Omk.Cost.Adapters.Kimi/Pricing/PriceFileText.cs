using System.Globalization;
using System.Text;

namespace Omk.Cost.Adapters.Kimi.Pricing;

/// <summary>
/// The bytes of a price file and its name as the user gave it, to word an error as <c>name:line:column: what</c>:
/// the line and column (both from 1, the column counted in characters) of a byte of the file.
/// </summary>
internal sealed class PriceFileText
{
    private readonly byte[] _bytes;
    private readonly int _start;
    private readonly List<int> _lineStarts = [0];

    /// <summary>Initializes a new instance of the <see cref="PriceFileText"/> class.</summary>
    /// <param name="bytes">The whole file.</param>
    /// <param name="name">The file's path as given, or a name such as <c>built-in prices</c>.</param>
    public PriceFileText(byte[] bytes, string name)
    {
        _bytes = bytes;
        Name = name;

        // A byte order mark is no character of the text: offsets and columns start after it.
        _start = bytes.AsSpan().StartsWith("\uFEFF"u8) ? 3 : 0;
        for (var index = 0; index < Json.Length; index++)
        {
            if (Json[index] == (byte)'\n')
            {
                _lineStarts.Add(index + 1);
            }
        }
    }

    /// <summary>Gets the file's name as the user gave it.</summary>
    public string Name { get; }

    /// <summary>Gets the text after any byte order mark.</summary>
    public ReadOnlySpan<byte> Json => _bytes.AsSpan(_start);

    /// <summary>Words an error at a byte of <see cref="Json"/>.</summary>
    /// <param name="offset">The byte's offset in <see cref="Json"/>.</param>
    /// <param name="what">What is wrong and what was expected.</param>
    /// <returns>The exception to throw.</returns>
    public KimiPriceFileException Error(long offset, string what) => new($"{Name}:{Where(offset)}: {what}");

    /// <summary>Words an error at a line and a byte in it, as <see cref="System.Text.Json.JsonException"/> tells them.</summary>
    /// <param name="line">The line, from 0.</param>
    /// <param name="byteInLine">The byte in the line, from 0.</param>
    /// <param name="what">What is wrong and what was expected.</param>
    /// <returns>The exception to throw.</returns>
    public KimiPriceFileException ErrorAt(long line, long byteInLine, string what) => new($"{Name}:{WhereAt(line, byteInLine)}: {what}");

    /// <summary>Gets the line and column of a byte, such as <c>3:14</c>.</summary>
    /// <param name="offset">The byte's offset in <see cref="Json"/>.</param>
    /// <returns>The line and column, both from 1.</returns>
    public string Where(long offset)
    {
        var clamped = (int)Math.Clamp(offset, 0, Json.Length);
        var line = _lineStarts.BinarySearch(clamped);
        line = line >= 0 ? line : ~line - 1;
        return WhereAt(line, clamped - _lineStarts[line]);
    }

    private string WhereAt(long line, long byteInLine)
    {
        var lineIndex = (int)Math.Clamp(line, 0, _lineStarts.Count - 1);
        var lineStart = _lineStarts[lineIndex];
        var end = (int)Math.Clamp(lineStart + byteInLine, lineStart, Json.Length);

        // A column counts characters: every byte but the continuation bytes of a UTF-8 sequence starts one.
        var column = 1;
        foreach (var value in Json[lineStart..end])
        {
            if ((value & 0xC0) != 0x80)
            {
                column++;
            }
        }

        return string.Create(CultureInfo.InvariantCulture, $"{lineIndex + 1}:{column}");
    }

    /// <summary>Words what was found at a byte, for a message: <c>unexpected 'x'</c>, or that the file ends there.</summary>
    /// <param name="line">The line, from 0.</param>
    /// <param name="byteInLine">The byte in the line, from 0.</param>
    /// <returns>The words.</returns>
    public string FoundAt(long line, long byteInLine)
    {
        var lineIndex = (int)Math.Clamp(line, 0, _lineStarts.Count - 1);
        var offset = _lineStarts[lineIndex] + byteInLine;
        if (offset >= Json.Length)
        {
            return "the file ends before the JSON is complete";
        }

        Rune.DecodeFromUtf8(Json[(int)offset..], out var rune, out _);
        return rune.Value switch
        {
            '\n' or '\r' => "unexpected end of line",
            < 0x20 => string.Create(CultureInfo.InvariantCulture, $"unexpected control character U+{rune.Value:X4}"),
            _ => $"unexpected '{rune}'",
        };
    }
}
