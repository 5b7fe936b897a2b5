using System.Globalization;

/// <summary>The fake agent's command line.</summary>
internal sealed record Options(string Format, int Calls, int IntervalMs, long Input, long Output, int SubagentEvery, bool IgnoreInterrupt, bool IgnoreTermination, string? Journal, string? Session)
{
    public static Options Parse(string[] args)
    {
        string Value(string name, string fallback)
        {
            var index = Array.IndexOf(args, name);
            return index >= 0 && index + 1 < args.Length ? args[index + 1] : fallback;
        }

        int Number(string name, int fallback) => int.Parse(Value(name, fallback.ToString(CultureInfo.InvariantCulture)), CultureInfo.InvariantCulture);
        return new Options(
            Value("--format", "cli"),
            Number("--calls", 1000),
            Number("--interval-ms", 200),
            Number("--input", 100_000),
            Number("--output", 10_000),
            Number("--subagent-every", 3),
            args.Contains("--ignore-sigint"),
            args.Contains("--ignore-sigterm"),
            args.Contains("--journal") ? Value("--journal", string.Empty) : null,
            args.Contains("--session") ? Value("--session", string.Empty) : null);
    }
}
