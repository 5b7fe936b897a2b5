namespace Omk.Cost.Domain.Usage;

/// <summary>
/// One model call: when it happened, which model answered and the tokens it used.
/// </summary>
/// <param name="Timestamp">When the call's usage was logged.</param>
/// <param name="Model">The model that answered.</param>
/// <param name="Usage">The tokens of the call.</param>
internal readonly record struct UsageCall(DateTimeOffset Timestamp, string Model, TokenUsage Usage);
