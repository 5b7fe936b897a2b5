namespace Omk.Cost.Domain.Usage;

/// <summary>
/// The model calls of one agent session, its subagents' calls included.
/// </summary>
internal sealed record SessionUsage
{
    /// <summary>Gets the session's identifier.</summary>
    public required string SessionId { get; init; }

    /// <summary>Gets the session's title, or null when it has none.</summary>
    public string? Title { get; init; }

    /// <summary>Gets the project (work directory) the session ran in, or null when unknown.</summary>
    public string? Project { get; init; }

    /// <summary>Gets the first moment the session's logs record.</summary>
    public required DateTimeOffset StartedAt { get; init; }

    /// <summary>Gets the last moment the session's logs record.</summary>
    public required DateTimeOffset EndedAt { get; init; }

    /// <summary>
    /// Gets the session this one was forked from (its logs began as a copy of that session's), or null when it is no
    /// fork or the logs do not tell.
    /// </summary>
    public string? ForkedFrom { get; init; }

    /// <summary>Gets the session's model calls, each counted once; a fork holds only the calls it made itself, possibly none.</summary>
    public required IReadOnlyList<UsageCall> Calls { get; init; }

    /// <summary>
    /// Gets the number of failed model requests the session's logs say were retried (Kimi Code's
    /// <c>turn.step.retrying</c>, Kimi CLI's <c>StepRetry</c>). They carry no usage and are never priced, but the
    /// provider may have billed them.
    /// </summary>
    public int Retries { get; init; }

    /// <summary>
    /// Gets the model of the session's main agent (the one its subagents work for), or null when the logs do not tell
    /// it apart; then <see cref="MainModel"/> is the model that used the most tokens.
    /// </summary>
    public string? MainAgentModel { get; init; }

    /// <summary>Gets where the model of the session's calls comes from: its logs unless they do not name it.</summary>
    public SessionModelSource ModelSource { get; init; }

    /// <summary>Gets the tokens of every call, saturating.</summary>
    public TokenUsage Usage
    {
        get
        {
            var total = TokenUsage.Zero;
            foreach (var call in Calls)
            {
                total += call.Usage;
            }

            return total;
        }
    }

    /// <summary>
    /// Gets the session's model: its main agent's (<see cref="MainAgentModel"/>) when known, else the model that used
    /// the most tokens in the session (the first of them on a tie), or null when it made no call.
    /// </summary>
    public string? MainModel
    {
        get
        {
            if (MainAgentModel is { } main)
            {
                return main;
            }

            var tokens = new Dictionary<string, ulong>(StringComparer.Ordinal);
            string? best = null;
            foreach (var call in Calls)
            {
                tokens[call.Model] = Saturating.Add(tokens.GetValueOrDefault(call.Model), call.Usage.TotalTokens);
                if (best is null || tokens[call.Model] > tokens[best])
                {
                    best = call.Model;
                }
            }

            return best;
        }
    }

    /// <summary>
    /// Adds up and prices the session's calls, each at the price of its model at its moment.
    /// </summary>
    /// <param name="prices">The prices.</param>
    /// <returns>The session's totals, with one session.</returns>
    public UsageSummary Summarize(PriceTable prices)
    {
        ArgumentNullException.ThrowIfNull(prices);
        var accumulator = new UsageAccumulator();
        foreach (var call in Calls)
        {
            accumulator.Add(SessionId, call, prices.TryFind(call.Model, call.Timestamp, out var price) ? price : null);
        }

        return accumulator.ToSummary();
    }
}
