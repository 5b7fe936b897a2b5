using Omk.Cost.Domain.Usage;

namespace Omk.Cost.Adapters.Kimi.Reading;

/// <summary>
/// Reads the payload of a Kimi CLI <c>StatusUpdate</c> line written exactly as Kimi CLI writes it (Python's
/// <c>json.dumps</c>: <c>", "</c> and <c>": "</c> separators, flat values), without a JSON reader.
/// </summary>
/// <remarks>
/// <para>
/// Kimi CLI writes one such line per model call, so this is the hot path of the reading. The scanner accepts only a
/// strict subset of JSON and validates the whole line against it: the payload's members are <c>"key": value</c>
/// pairs with plain ASCII keys, the values are numbers, <c>null</c>, <c>true</c>, <c>false</c> or plain ASCII
/// strings, except <c>token_usage</c>, which is <c>null</c> or an object of the four known counts written as plain
/// whole numbers, and the line ends right after the payload with <c>}}}</c>.
/// </para>
/// <para>
/// Anything else (other spacing, escapes or non-ASCII bytes in a string, nested values, a repeated or unknown count,
/// a count beyond <see cref="TokenUsageParser.MaxTokensPerRecord"/>, a truncated line) makes it return false, and
/// the line is read by the JSON reader of <see cref="KimiCliWireParser"/>, which stays the reference: whatever the
/// scanner accepts, it reads to the same result.
/// </para>
/// </remarks>
internal static class StatusUpdateScanner
{
    private const int MaxCountDigits = 10;

    /// <summary>What <see cref="ReadKey"/> returns when there is no key of the accepted shape.</summary>
    private const int NotAKey = -2;

    /// <summary>What <see cref="ReadKey"/> returns for a key of the accepted shape that is not in its table.</summary>
    private const int OtherKey = -1;

    private const int TokenUsageKey = 3;
    private const int MessageIdKey = 4;

    /// <summary>
    /// The payload's keys, quoted and with the separator after them, in the order Kimi CLI writes them; only
    /// <see cref="TokenUsageKey"/> and <see cref="MessageIdKey"/> matter, the others are skipped like any other.
    /// </summary>
    private static readonly byte[][] PayloadKeys =
    [
        "\"context_usage\": "u8.ToArray(), "\"context_tokens\": "u8.ToArray(), "\"max_context_tokens\": "u8.ToArray(),
        "\"token_usage\": "u8.ToArray(), "\"message_id\": "u8.ToArray(), "\"plan_mode\": "u8.ToArray(),
    ];

    /// <summary>The keys of <c>token_usage</c>, in the order Kimi CLI writes them.</summary>
    private static readonly byte[][] CountKeys =
    [
        "\"input_other\": "u8.ToArray(), "\"output\": "u8.ToArray(), "\"input_cache_read\": "u8.ToArray(),
        "\"input_cache_creation\": "u8.ToArray(),
    ];

    /// <summary>
    /// Reads the rest of a <c>StatusUpdate</c> line, from just after the closing quote of its type.
    /// </summary>
    /// <param name="rest">The line after <c>"StatusUpdate"</c>.</param>
    /// <param name="timestamp">The line's timestamp, already read.</param>
    /// <param name="result">The line, when the method returns true.</param>
    /// <returns><see langword="false"/> when the line is written otherwise than the scanner accepts.</returns>
    public static bool TryScan(ReadOnlySpan<byte> rest, DateTimeOffset timestamp, out WireLine result)
    {
        result = default;
        var open = ", \"payload\": {"u8;
        if (!rest.StartsWith(open))
        {
            return false;
        }

        var index = open.Length;
        TokenUsage usage = default;
        UInt128? messageId = null;
        bool sawUsage = false, sawMessageId = false, hasUsage = false;
        if (At(rest, index) == (byte)'}')
        {
            index++;
        }
        else
        {
            for (var member = 0; ; member++)
            {
                var key = ReadKey(rest, ref index, PayloadKeys, member);
                if (key == NotAKey)
                {
                    return false;
                }

                if (key == TokenUsageKey)
                {
                    if (sawUsage)
                    {
                        return false;
                    }

                    sawUsage = true;
                    if (!Expect(rest, ref index, "null"u8))
                    {
                        if (!TryCounts(rest, ref index, out usage))
                        {
                            return false;
                        }

                        hasUsage = true;
                    }
                }
                else if (key == MessageIdKey)
                {
                    if (sawMessageId)
                    {
                        return false;
                    }

                    sawMessageId = true;
                    if (!Expect(rest, ref index, "null"u8))
                    {
                        if (!TryPlainString(rest, ref index, out var id))
                        {
                            return false;
                        }

                        messageId = MessageIdHash.Of(id);
                    }
                }
                else if (!TrySkipScalar(rest, ref index))
                {
                    return false;
                }

                if (At(rest, index) == (byte)'}')
                {
                    index++;
                    break;
                }

                if (!Expect(rest, ref index, ", "u8))
                {
                    return false;
                }
            }
        }

        // The payload closed: the message and the line close right after, and nothing follows.
        if (!rest[index..].SequenceEqual("}}"u8))
        {
            return false;
        }

        result = new WireLine
        {
            Kind = hasUsage && !usage.IsZero ? WireLineKind.Usage : WireLineKind.Ignored,
            Timestamp = timestamp,
            Usage = usage,
            MessageId = messageId,
        };
        return true;
    }

    /// <summary>
    /// Reads a key and the <c>": "</c> after it, and tells which of <paramref name="keys"/> it is. The key Kimi CLI
    /// writes at this position is tried first, as one comparison of bytes; any other is read as a plain string.
    /// </summary>
    /// <returns>The key's index in <paramref name="keys"/>, <see cref="OtherKey"/> or <see cref="NotAKey"/>.</returns>
    private static int ReadKey(ReadOnlySpan<byte> text, ref int index, byte[][] keys, int position)
    {
        var tail = text[index..];
        if (position < keys.Length && tail.StartsWith(keys[position]))
        {
            index += keys[position].Length;
            return position;
        }

        if (!TryPlainString(text, ref index, out var name) || !Expect(text, ref index, ": "u8))
        {
            return NotAKey;
        }

        for (var candidate = 0; candidate < keys.Length; candidate++)
        {
            var known = keys[candidate].AsSpan(1, keys[candidate].Length - 4);
            if (name.SequenceEqual(known))
            {
                return candidate;
            }
        }

        return OtherKey;
    }

    /// <summary>Gets the byte at an index, or zero past the end.</summary>
    private static byte At(ReadOnlySpan<byte> text, int index) => (uint)index < (uint)text.Length ? text[index] : (byte)0;

    private static bool Expect(ReadOnlySpan<byte> text, ref int index, ReadOnlySpan<byte> expected)
    {
        if (!text[index..].StartsWith(expected))
        {
            return false;
        }

        index += expected.Length;
        return true;
    }

    /// <summary>Reads a string of printable ASCII without escapes; its content is then exactly its value.</summary>
    private static bool TryPlainString(ReadOnlySpan<byte> text, ref int index, out ReadOnlySpan<byte> value)
    {
        value = default;
        if (At(text, index) != (byte)'"')
        {
            return false;
        }

        var start = index + 1;
        for (var end = start; end < text.Length; end++)
        {
            var b = text[end];
            if (b == (byte)'"')
            {
                value = text[start..end];
                index = end + 1;
                return true;
            }

            if (b is < 0x20 or > 0x7E or (byte)'\\')
            {
                return false;
            }
        }

        return false;
    }

    /// <summary>Skips a number, a plain string, <c>null</c>, <c>true</c> or <c>false</c>.</summary>
    private static bool TrySkipScalar(ReadOnlySpan<byte> text, ref int index) => At(text, index) switch
    {
        (byte)'"' => TryPlainString(text, ref index, out _),
        (byte)'n' => Expect(text, ref index, "null"u8),
        (byte)'t' => Expect(text, ref index, "true"u8),
        (byte)'f' => Expect(text, ref index, "false"u8),
        _ => TrySkipNumber(text, ref index),
    };

    /// <summary>Skips a number of the JSON grammar: <c>-?(0|[1-9][0-9]*)(\.[0-9]+)?([eE][+-]?[0-9]+)?</c>.</summary>
    private static bool TrySkipNumber(ReadOnlySpan<byte> text, ref int index)
    {
        var at = index;
        if (At(text, at) == (byte)'-')
        {
            at++;
        }

        if (At(text, at) == (byte)'0')
        {
            at++;
        }
        else if (IsDigit(At(text, at)))
        {
            at = SkipDigits(text, at);
        }
        else
        {
            return false;
        }

        if (At(text, at) == (byte)'.')
        {
            var fraction = at + 1;
            at = SkipDigits(text, fraction);
            if (at == fraction)
            {
                return false;
            }
        }

        if ((At(text, at) | 0x20) == (byte)'e')
        {
            at++;
            if (At(text, at) is (byte)'+' or (byte)'-')
            {
                at++;
            }

            var exponent = at;
            at = SkipDigits(text, exponent);
            if (at == exponent)
            {
                return false;
            }
        }

        index = at;
        return true;
    }

    /// <summary>
    /// Reads <c>{"input_other": n, "output": n, "input_cache_read": n, "input_cache_creation": n}</c>, the counts in
    /// any order, each at most once, each a plain whole number within <see cref="TokenUsageParser.MaxTokensPerRecord"/>;
    /// an absent count is zero, as for the JSON reader.
    /// </summary>
    private static bool TryCounts(ReadOnlySpan<byte> text, ref int index, out TokenUsage usage)
    {
        usage = default;
        if (!Expect(text, ref index, "{"u8))
        {
            return false;
        }

        ulong inputOther = 0, cacheRead = 0, cacheCreation = 0, output = 0;
        var seen = 0;
        if (At(text, index) != (byte)'}')
        {
            for (var member = 0; ; member++)
            {
                var field = ReadKey(text, ref index, CountKeys, member);
                if (field is NotAKey or OtherKey || (seen & (1 << field)) != 0 || !TryCount(text, ref index, out var value))
                {
                    return false;
                }

                seen |= 1 << field;
                switch (field)
                {
                    case 0: inputOther = value; break;
                    case 1: output = value; break;
                    case 2: cacheRead = value; break;
                    default: cacheCreation = value; break;
                }

                if (At(text, index) == (byte)'}')
                {
                    break;
                }

                if (!Expect(text, ref index, ", "u8))
                {
                    return false;
                }
            }
        }

        index++;
        usage = new TokenUsage(inputOther, cacheRead, cacheCreation, output);
        return true;
    }

    /// <summary>Reads <c>0|[1-9][0-9]*</c> of at most ten digits and within the per-record maximum.</summary>
    private static bool TryCount(ReadOnlySpan<byte> text, ref int index, out ulong value)
    {
        value = 0;
        var end = SkipDigits(text, index);
        var length = end - index;
        if (length == 0 || length > MaxCountDigits || (length > 1 && text[index] == (byte)'0'))
        {
            return false;
        }

        for (var at = index; at < end; at++)
        {
            value = (value * 10) + (uint)(text[at] - '0');
        }

        index = end;
        return value <= TokenUsageParser.MaxTokensPerRecord;
    }

    private static int SkipDigits(ReadOnlySpan<byte> text, int index)
    {
        while (index < text.Length && IsDigit(text[index]))
        {
            index++;
        }

        return index;
    }

    private static bool IsDigit(byte value) => (uint)(value - '0') <= 9;
}
