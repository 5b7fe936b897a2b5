using System.Globalization;

namespace Omk.Cli.Tests.Fixtures;

/// <summary>Builds costs.json contents, indented the way omk writes them.</summary>
internal static class CostFile
{
    /// <summary>
    /// One session as the Rust omk 0.5.0 writes it, with what it may hold: a nanosecond timestamp, nulls,
    /// its own key order and a field this version does not know.
    /// </summary>
    public const string RustSession = """
          {
            "name": "refactor-auth",
            "session_type": "team",
            "estimate": {
              "tier": "Standard",
              "output_tokens": 650,
              "input_tokens": 1950,
              "worker_count": 2,
              "duration_secs": 60,
              "estimated_usd": 0.0091
            },
            "started_at": "2026-11-20T09:15:02.123456789Z",
            "ended_at": null,
            "actual_usd": null,
            "host": "build-box-7"
          }
        """;

    /// <summary>Gets a costs.json that holds <see cref="RustSession"/> alone.</summary>
    public static string Rust => Of(RustSession);

    /// <summary>A file that stops making sense at line 4, column 5.</summary>
    public const string Corrupt = "[\n  {\n    \"session_type\": \"team\",\n    oops\n  }\n]\n";

    /// <summary>Builds one session.</summary>
    /// <param name="type">The session type.</param>
    /// <param name="name">The session's name.</param>
    /// <param name="startedAt">When it started, as RFC 3339.</param>
    /// <param name="estimatedUsd">Its estimated dollars.</param>
    /// <param name="actualUsd">Its actual dollars, or null.</param>
    /// <returns>The session's JSON object.</returns>
    public static string Session(string type, string name, string startedAt, decimal estimatedUsd, decimal? actualUsd = null) =>
        string.Create(CultureInfo.InvariantCulture, $$"""
              {
                "session_type": "{{type}}",
                "name": "{{name}}",
                "started_at": "{{startedAt}}",
                "ended_at": "{{startedAt}}",
                "estimate": {
                  "input_tokens": 1000,
                  "output_tokens": 100,
                  "duration_secs": 60,
                  "worker_count": 1,
                  "estimated_usd": {{estimatedUsd}},
                  "tier": "Standard"
                },
                "actual_usd": {{(actualUsd is { } actual ? actual.ToString(CultureInfo.InvariantCulture) : "null")}}
              }
            """);

    /// <summary>Builds the file of some sessions.</summary>
    /// <param name="sessions">The sessions' JSON objects.</param>
    /// <returns>The file's content.</returns>
    public static string Of(params string[] sessions) => "[\n" + string.Join(",\n", sessions) + "\n]\n";

    /// <summary>
    /// The reference report's sessions: a team session of $4 and two autopilot sessions of $1, on
    /// 2026-11-18, 2026-11-19 and 2026-12-02.
    /// </summary>
    public static string Reference => Of(
        Session("team", "refactor-auth", "2026-11-18T09:00:00Z", 4m),
        Session("autopilot", "docs", "2026-11-19T23:59:59Z", 1m, 0.5m),
        Session("autopilot", "release", "2026-12-02T08:00:00Z", 1m));

    /// <summary>The reference report's sessions with no actual cost known: the Rust omk's own report.</summary>
    public static string ReferenceEstimates => Of(
        Session("team", "refactor-auth", "2026-11-18T09:00:00Z", 4m),
        Session("autopilot", "docs", "2026-11-19T23:59:59Z", 1m),
        Session("autopilot", "release", "2026-12-02T08:00:00Z", 1m));
}
