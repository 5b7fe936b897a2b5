using System.Globalization;
using Omk.Cost.Domain.Usage;

namespace Omk.Cost.Adapters.Kimi.Reading;

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

    /// <summary>Gets the lines skipped, by reason.</summary>
    public IReadOnlyDictionary<string, int> Reasons => _reasons;

    /// <summary>Gets the number of the first line skipped, or 0.</summary>
    public long FirstLine => _firstLine;

    /// <summary>Gets how many lines were skipped.</summary>
    public long Skipped => _skipped;

    /// <summary>Restores diagnostics that were taken from <see cref="Reasons"/>, <see cref="FirstLine"/> and <see cref="Skipped"/>.</summary>
    public static FileDiagnostics Restore(string path, IEnumerable<KeyValuePair<string, int>> reasons, long firstLine, long skipped)
    {
        var diagnostics = new FileDiagnostics(path) { _firstLine = firstLine, _skipped = skipped };
        foreach (var (reason, count) in reasons)
        {
            diagnostics._reasons[reason] = count;
        }

        return diagnostics;
    }

    /// <summary>Copies the diagnostics, to go on counting without changing these.</summary>
    public FileDiagnostics Clone() => Restore(_path, _reasons, _firstLine, _skipped);

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

    public UsageWarning? ToWarning(long lines)
    {
        if (_skipped == 0)
        {
            return null;
        }

        var reasons = string.Join(", ", _reasons.Select(static pair => string.Create(CultureInfo.InvariantCulture, $"{pair.Value} {pair.Key}")));
        return new UsageWarning(
            _path,
            string.Create(CultureInfo.InvariantCulture, $"skipped {_skipped} of {lines} {(lines == 1 ? "line" : "lines")} ({reasons}), the first at line {_firstLine}"));
    }
}
