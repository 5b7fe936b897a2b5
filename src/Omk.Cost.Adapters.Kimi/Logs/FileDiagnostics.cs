using System.Globalization;

namespace Omk.Cost.Adapters.Kimi.Logs;

/// <summary>
/// Counts the lines of one file that had to be skipped, to report them in a single warning.
/// </summary>
internal sealed class FileDiagnostics
{
    private readonly string _path;
    private readonly SortedDictionary<string, int> _reasons = new(StringComparer.Ordinal);
    private long _firstLine;
    private long _skipped;

    public FileDiagnostics(string path)
    {
        _path = path;
    }

    public void Record(WireLineKind kind, long lineNumber, bool lastLineUnterminated)
    {
        var reason = kind switch
        {
            WireLineKind.InvalidJson when lastLineUnterminated => "truncated last line",
            WireLineKind.InvalidJson => "not valid JSON",
            WireLineKind.NotAnEvent => "not an event",
            WireLineKind.UnknownType => "unknown event type",
            WireLineKind.BadCounts => "negative, fractional or absurd token counts",
            WireLineKind.MissingTimestamp => "usage without a valid timestamp",
            WireLineKind.TooLong => "line too long",
            _ => null,
        };
        if (reason is null)
        {
            return;
        }

        _reasons[reason] = _reasons.GetValueOrDefault(reason) + 1;
        _skipped++;
        if (_firstLine == 0)
        {
            _firstLine = lineNumber;
        }
    }

    public KimiLogWarning? ToWarning(long lines)
    {
        if (_skipped == 0)
        {
            return null;
        }

        var reasons = string.Join(", ", _reasons.Select(static pair => string.Create(CultureInfo.InvariantCulture, $"{pair.Value} {pair.Key}")));
        return new KimiLogWarning(
            _path,
            string.Create(CultureInfo.InvariantCulture, $"skipped {_skipped} of {lines} lines ({reasons}), the first at line {_firstLine}"));
    }
}
