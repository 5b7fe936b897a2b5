using System.Runtime.InteropServices;
using Omk.Cost.Domain.Usage;

namespace Omk.Cost.Adapters.Kimi.Index;

/// <summary>
/// One counted model call of a session as the stored result holds it: a plain value of fixed size, read in place
/// from the result shard's bytes.
/// </summary>
[StructLayout(LayoutKind.Sequential)]
internal struct StoredCall
{
    /// <summary>Gets or sets the call's moment, in ticks of its own clock (see <see cref="OffsetMinutes"/>).</summary>
    public long Ticks;

    /// <summary>Gets or sets the input tokens that were neither read from nor written to the cache.</summary>
    public ulong InputOther;

    /// <summary>Gets or sets the cache reads.</summary>
    public ulong CacheRead;

    /// <summary>Gets or sets the cache writes.</summary>
    public ulong CacheCreation;

    /// <summary>Gets or sets the output tokens.</summary>
    public ulong Output;

    /// <summary>Gets or sets the index of the call's model in the entry's strings.</summary>
    public int Model;

    /// <summary>Gets or sets the moment's offset from UTC, in minutes.</summary>
    public short OffsetMinutes;

    /// <summary>Unused; keeps the size a multiple of eight.</summary>
    public short Reserved;

    public static StoredCall From(UsageCall call, int model) => new()
    {
        Ticks = call.Timestamp.Ticks,
        OffsetMinutes = (short)call.Timestamp.Offset.TotalMinutes,
        InputOther = call.Usage.InputOther,
        CacheRead = call.Usage.CacheRead,
        CacheCreation = call.Usage.CacheCreation,
        Output = call.Usage.Output,
        Model = model,
    };

    public readonly UsageCall ToCall(string model) => new(
        new DateTimeOffset(Ticks, TimeSpan.FromMinutes(OffsetMinutes)),
        model,
        new TokenUsage(InputOther, CacheRead, CacheCreation, Output));
}
