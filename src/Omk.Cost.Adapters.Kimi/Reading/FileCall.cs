using System.Runtime.InteropServices;
using Omk.Cost.Domain.Usage;

namespace Omk.Cost.Adapters.Kimi.Reading;

/// <summary>
/// One model call as a log file holds it, before the session's defaults are applied: a plain value of fixed size,
/// so that the index stores a file's calls as one block of bytes and loads them with one copy.
/// </summary>
[StructLayout(LayoutKind.Sequential)]
internal struct FileCall
{
    /// <summary>No string: the line did not name a model or an agent.</summary>
    public const int None = -1;

    /// <summary>Gets or sets the call's moment, in UTC ticks.</summary>
    public long UtcTicks;

    /// <summary>Gets or sets the input tokens that were neither read from nor written to the cache.</summary>
    public ulong InputOther;

    /// <summary>Gets or sets the cache reads.</summary>
    public ulong CacheRead;

    /// <summary>Gets or sets the cache writes.</summary>
    public ulong CacheCreation;

    /// <summary>Gets or sets the output tokens.</summary>
    public ulong Output;

    /// <summary>
    /// Gets or sets the low half of the message id's fingerprint (<see cref="HasId"/> 1), or of the call's key
    /// (<see cref="CallKey.WithoutMessageId"/>, <see cref="HasId"/> 0).
    /// </summary>
    public ulong IdLow;

    /// <summary>Gets or sets the high half of what <see cref="IdLow"/> holds the low half of.</summary>
    public ulong IdHigh;

    /// <summary>Gets or sets the index of the model the line names in the file's strings, or <see cref="None"/>.</summary>
    public int Model;

    /// <summary>Gets or sets the index of the subagent the line wraps in the file's strings, or <see cref="None"/>.</summary>
    public int Agent;

    /// <summary>Gets or sets 1 when the line gives a message id, else 0.</summary>
    public int HasId;

    /// <summary>
    /// Gets or sets, for a call with a message id, how many calls of the same agent in the file carried the same id
    /// before it (see <see cref="CallKey.WithMessageId"/>); 0 for a call without one.
    /// </summary>
    public int Occurrence;

    public readonly DateTimeOffset Timestamp => new(UtcTicks, TimeSpan.Zero);

    public readonly TokenUsage Usage => new(InputOther, CacheRead, CacheCreation, Output);

    public readonly UInt128? MessageId => HasId != 0 ? new UInt128(IdHigh, IdLow) : null;
}
