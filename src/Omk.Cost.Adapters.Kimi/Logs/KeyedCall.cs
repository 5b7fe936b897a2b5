using Omk.Cost.Domain.Usage;

namespace Omk.Cost.Adapters.Kimi.Logs;

/// <summary>
/// One model call as one log file holds it, with the key that identifies the call wherever its line was copied.
/// </summary>
/// <param name="Key">
/// The 128-bit fingerprint of the call's message id, or, for a call without one, of its agent, timestamp, usage and
/// rank among the file's calls of the same agent, timestamp and usage (see <see cref="CallKey"/>).
/// </param>
/// <param name="HasMessageId">Whether <paramref name="Key"/> comes from a message id.</param>
/// <param name="Agent">The agent that made the call: empty for the session's main agent, else the subagent's id.</param>
/// <param name="Call">The call; its model is the one the file names or implies, not yet resolved to an API model.</param>
internal readonly record struct KeyedCall(UInt128 Key, bool HasMessageId, string Agent, UsageCall Call);
