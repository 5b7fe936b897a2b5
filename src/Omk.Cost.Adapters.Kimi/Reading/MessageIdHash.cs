namespace Omk.Cost.Adapters.Kimi.Reading;

/// <summary>
/// A 128-bit fingerprint of a message id, so that a session's ids are compared without a string for each.
/// Two independent 64-bit hashes (FNV-1a and a multiply-rotate hash) with the length: ids are compared within one
/// session (hundreds of them), where an accidental match of all 128 bits is beyond any practical chance.
/// </summary>
internal static class MessageIdHash
{
    private const ulong FnvOffset = 14695981039346656037;
    private const ulong FnvPrime = 1099511628211;
    private const ulong Golden = 0x9E3779B97F4A7C15;

    public static UInt128 Of(ReadOnlySpan<byte> id)
    {
        var fnv = FnvOffset;
        var mix = (ulong)id.Length * Golden;
        foreach (var b in id)
        {
            fnv = (fnv ^ b) * FnvPrime;
            mix = ulong.RotateLeft((mix ^ b) * Golden, 23);
        }

        return new UInt128(fnv, mix);
    }
}
