using System.Globalization;
using System.Text.Json.Serialization;
using Omk.Cost.Domain;
using Omk.Cost.Domain.Usage;

namespace Omk.Cli.Output;

/// <summary>One group of the <c>omk cost usage kimi --json</c> document.</summary>
internal sealed class UsageGroupDocument : UsageFieldsDocument
{
    public UsageGroupDocument()
    {
    }

    public UsageGroupDocument(UsageReportGroup group)
        : base(group.Summary)
    {
        Key = group.Key;
        ForkedFrom = group.ForkedFrom;
        Title = group.Session?.Title;
        StartedAt = group.Session is { } session ? Rfc3339.FormatWithOffset(session.StartedAt) : null;
        Project = group.Session?.Project;
        Model = group.Session?.Model;
        ModelSource = group.Session is { Model: not null } details ? ModelSourceText(details.ModelSource) : null;
        Start = group.Start is { } start ? Rfc3339.FormatWithOffset(start) : null;
        End = group.End is { } end ? Rfc3339.FormatWithOffset(end) : null;
    }

    private static string ModelSourceText(SessionModelSource source) => source switch
    {
        SessionModelSource.LaunchLog => "kimi.log",
        SessionModelSource.Option => "--model",
        SessionModelSource.AssumedFromConfig => "assumed from config",
        _ => "logs",
    };

    /// <summary>Gets the names of the CSV columns: the JSON names of the fields, in the JSON's order.</summary>
    public static IReadOnlyList<string> CsvHeader { get; } =
    [
        "key", "title", "started_at", "project", "model", "model_source", "forked_from", "start", "end", "sessions", "input_other_tokens",
        "cache_read_tokens", "cache_creation_tokens", "output_tokens", "cost_usd", "priced_cost_usd", "unpriced", "retries",
    ];

    [JsonPropertyOrder(-3)]
    public string Key { get; init; } = string.Empty;

    /// <summary>Gets the session's title, on a session group that has one.</summary>
    [JsonPropertyOrder(-2)]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? Title { get; init; }

    /// <summary>Gets when the session started, RFC 3339 with the zone's offset, on a session group.</summary>
    [JsonPropertyOrder(-2)]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? StartedAt { get; init; }

    /// <summary>Gets the session's project, on a session group whose project is known.</summary>
    [JsonPropertyOrder(-2)]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? Project { get; init; }

    /// <summary>Gets the session's main model (the most tokens), on a session group that made calls.</summary>
    [JsonPropertyOrder(-2)]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? Model { get; init; }

    /// <summary>
    /// Gets where a session group's model comes from: <c>logs</c> (the session's logs name it), <c>kimi.log</c> (Kimi
    /// CLI's own log names the model the session was started with), <c>--model</c> (the reading was told), or
    /// <c>assumed from config</c> (nothing names it: the configuration's default model, which a session started with
    /// another model would not have used).
    /// </summary>
    [JsonPropertyOrder(-2)]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? ModelSource { get; init; }

    /// <summary>Gets the session a session group was forked from; left out when none.</summary>
    [JsonPropertyOrder(-2)]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? ForkedFrom { get; init; }

    /// <summary>Gets the first instant of a day, week or month group, RFC 3339 with the zone's offset; null for other groupings.</summary>
    [JsonPropertyOrder(-1)]
    public string? Start { get; init; }

    /// <summary>Gets the first instant after a day, week or month group, likewise; null for other groupings.</summary>
    [JsonPropertyOrder(-1)]
    public string? End { get; init; }

    /// <summary>Gets the group's CSV row, in the order of <see cref="CsvHeader"/>: an unknown value is an empty field,
    /// and the unpriced models are written <c>model=tokens</c>, separated by <c>;</c>.</summary>
    /// <returns>The fields.</returns>
    public IReadOnlyList<string> ToCsvRow()
    {
        var invariant = CultureInfo.InvariantCulture;
        return
        [
            Key,
            Title ?? string.Empty,
            StartedAt ?? string.Empty,
            Project ?? string.Empty,
            Model ?? string.Empty,
            ModelSource ?? string.Empty,
            ForkedFrom ?? string.Empty,
            Start ?? string.Empty,
            End ?? string.Empty,
            Sessions.ToString(invariant),
            InputOtherTokens.ToString(invariant),
            CacheReadTokens.ToString(invariant),
            CacheCreationTokens.ToString(invariant),
            OutputTokens.ToString(invariant),
            CostUsd?.ToString(invariant) ?? string.Empty,
            PricedCostUsd.ToString(invariant),
            string.Join(';', Unpriced.Select(model => string.Create(invariant, $"{model.Model}={model.Tokens}"))),
            Retries.ToString(invariant),
        ];
    }
}
