namespace Omk.Cost.Adapters.Kimi.Reading;

/// <summary>
/// What one line of a Kimi log turned out to be.
/// </summary>
internal enum WireLineKind
{
    /// <summary>A known event without token usage (or with <c>null</c> or all-zero usage), or an empty line.</summary>
    Ignored,

    /// <summary>The usage of one model call.</summary>
    Usage,

    /// <summary>Not JSON, or not an object.</summary>
    InvalidJson,

    /// <summary>JSON, but not shaped like an event of the log.</summary>
    NotAnEvent,

    /// <summary>An event of a type this version does not know.</summary>
    UnknownType,

    /// <summary>Token counts that are negative, fractional, absurdly large or not numbers.</summary>
    BadCounts,

    /// <summary>Token usage without a valid timestamp.</summary>
    MissingTimestamp,

    /// <summary>A line longer than the reader accepts.</summary>
    TooLong,

    /// <summary>Kimi Code's <c>forked</c> record: every record before it in the file was copied from another session.</summary>
    Forked,

    /// <summary>
    /// A failed model request that will be retried (Kimi Code's <c>turn.step.retrying</c>, Kimi CLI's
    /// <c>StepRetry</c> outside a subagent's wrapper): no usage, never priced, but possibly billed.
    /// </summary>
    Retry,

    /// <summary>Kimi Code's <c>llm.request</c> record: the API model (<see cref="WireLine.Model"/>) of a configured alias (<see cref="WireLine.ModelAlias"/>).</summary>
    ModelRequest,
}
