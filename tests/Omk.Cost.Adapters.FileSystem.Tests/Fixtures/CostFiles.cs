namespace Omk.Cost.Adapters.FileSystem.Tests.Fixtures;

/// <summary>
/// Contents of <c>costs.json</c>: as the Rust omk 0.5.0 writes it, and broken in the ways a file can break.
/// </summary>
internal static class CostFiles
{
    /// <summary>The first session of <see cref="Rust"/>, as its bytes stand in the file.</summary>
    public const string RustTeamSession = """
        {
            "name": "refactor-auth",
            "session_type": "team",
            "started_at": "2026-11-20T09:15:02.123456789Z",
            "ended_at": null,
            "estimate": {
              "tier": "Standard",
              "input_tokens": 1950,
              "output_tokens": 650,
              "duration_secs": 60,
              "worker_count": 2,
              "estimated_usd": 0.009099999999999999
            },
            "actual_usd": null,
            "future_field": {"nested": [1, 2, 3]}
          }
        """;

    /// <summary>The second session of <see cref="Rust"/>, as its bytes stand in the file.</summary>
    public const string RustAutopilotSession = """
        {
            "session_type": "autopilot",
            "name": "ship-it",
            "started_at": "2026-11-20T10:00:00Z",
            "ended_at": "2026-11-20T10:30:00.000000001Z",
            "estimate": {
              "input_tokens": 18446744073709551615,
              "output_tokens": 0,
              "duration_secs": 1800,
              "worker_count": 1,
              "estimated_usd": 0.0015,
              "tier": "Premium"
            },
            "actual_usd": 0.25
          }
        """;

    /// <summary>
    /// A file as the Rust omk writes it: nanosecond timestamps, nulls, its own key order, and a key this version does not know.
    /// </summary>
    public const string Rust = "[\n  " + RustTeamSession + ",\n  " + RustAutopilotSession + "\n]\n";

    /// <summary>Files that are not a cost history, each in a different way.</summary>
    public static TheoryData<string> Corrupt => new()
    {
        "this is not JSON",
        Rust[..(Rust.Length / 2)],
        "{\"sessions\": []}",
        "[1, 2]",
        Rust.Replace("1950", "\"x\"", StringComparison.Ordinal),
        Rust.Replace("1950", "-1", StringComparison.Ordinal),
        Rust.Replace("\"Standard\"", "\"Gold\"", StringComparison.Ordinal),
        Rust.Replace("\"estimate\"", "\"estimates\"", StringComparison.Ordinal),
        Rust + "[]",
        Rust + "garbage",
    };

    /// <summary>A file of sessions with the given ids, each with a key this version does not know.</summary>
    public static string WithIds(params string[] ids) =>
        "[\n  " + string.Join(",\n  ", ids.Select(IdSession)) + "\n]\n";

    /// <summary>One session with an id, as its bytes stand in a file.</summary>
    public static string IdSession(string id) => $$"""
        {
            "id": "{{id}}",
            "session_type": "kimi",
            "name": "{{id}}",
            "started_at": "2026-11-20T09:15:02.123456789Z",
            "ended_at": null,
            "estimate": {"input_tokens": 10, "output_tokens": 5, "duration_secs": 0, "worker_count": 1, "estimated_usd": 0.00010, "tier": "Budget"},
            "actual_usd": null,
            "future_field": true
          }
        """;
}
