using System.Globalization;
using System.IO.Abstractions;
using System.Text;
using System.Text.RegularExpressions;
using Omk.Cost.Domain.Usage;

namespace Omk.Cost.Adapters.Kimi.Reading;

/// <summary>
/// Reads which model Kimi CLI ran each session with from its own log, <c>logs/kimi.log</c> and the rotated
/// <c>logs/kimi.&lt;time&gt;.log</c> files (kept about ten days): a session started or resumed with <c>--model X</c>
/// (or <c>KIMI_MODEL_NAME</c>) leaves no trace of X in its session folder, but the process logs
/// <c>Created new session: &lt;id&gt;</c> (or <c>Resuming session: &lt;id&gt;</c>, <c>Continuing previous session:
/// &lt;id&gt;</c>, <c>Session &lt;id&gt; not found, creating new session</c>) and then
/// <c>Using LLM model: provider='…' model='X' …</c>.
/// </summary>
/// <remarks>
/// Lines are <c>YYYY-MM-DD HH:mm:ss.SSS | LEVEL | module:function:line | [sid -] message</c> in the machine's local
/// time (loguru's format in <c>kimi_cli/app.py</c>; the session id column was added in April 2026). A model line is
/// given to the session id on its own line when it has one, else to the session the same file named last. Lines
/// that do not match are ignored: this log is written for people, and only these two messages are read from it.
/// </remarks>
internal static partial class KimiCliLaunchLog
{
    private const string ModelMarker = "Using LLM model: ";

    private static readonly string[] SessionMarkers =
    [
        "Created new session: ",
        "Resuming session: ",
        "Continuing previous session: ",
    ];

    /// <summary>Reads the launches of every session the logs under <paramref name="root"/> name.</summary>
    /// <param name="fileSystem">The file system.</param>
    /// <param name="root">Kimi CLI's home (its share folder).</param>
    /// <param name="zone">The zone the log's times are written in (the machine's).</param>
    /// <param name="warnings">Receives one warning per file that cannot be read.</param>
    /// <returns>The launches of each session id, in time order.</returns>
    public static Dictionary<string, List<ModelLaunch>> Read(IFileSystem fileSystem, string root, TimeZoneInfo zone, ICollection<UsageWarning> warnings)
    {
        var launches = new Dictionary<string, List<ModelLaunch>>(StringComparer.Ordinal);
        var folder = fileSystem.Path.Combine(root, "logs");
        if (!fileSystem.Directory.Exists(folder))
        {
            return launches;
        }

        string[] files;
        try
        {
            files = fileSystem.Directory.GetFiles(folder, "kimi*.log");
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
        {
            warnings.Add(new UsageWarning(folder, $"cannot be listed ({exception.Message}); sessions started with --model are priced at the configured model"));
            return launches;
        }

        // Rotated files carry their time in their names; kimi.log itself is the newest.
        Array.Sort(files, static (a, b) =>
        {
            var newest = IsCurrent(a).CompareTo(IsCurrent(b));
            return newest != 0 ? newest : string.CompareOrdinal(a, b);
        });
        foreach (var file in files)
        {
            try
            {
                ReadFile(fileSystem, file, zone, launches);
            }
            catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
            {
                warnings.Add(new UsageWarning(file, $"cannot be read ({exception.Message}); sessions it names are priced at the configured model"));
            }
        }

        foreach (var list in launches.Values)
        {
            list.Sort(static (a, b) => a.At.CompareTo(b.At));
        }

        return launches;
    }

    /// <summary>Reads one line, naming the session it is about or the model the last named session uses.</summary>
    /// <param name="line">The line.</param>
    /// <param name="zone">The zone of the line's time.</param>
    /// <param name="current">The session the file named last; updated when the line names one.</param>
    /// <returns>The session and its launch when the line is a model line, else null.</returns>
    public static (string Session, ModelLaunch Launch)? ReadLine(string line, TimeZoneInfo zone, ref string? current)
    {
        var (sid, message) = Split(line);
        if (message.StartsWith(ModelMarker, StringComparison.Ordinal))
        {
            var session = sid ?? current;
            if (session is null || ModelOf(message[ModelMarker.Length..]) is not { } model || TimeOf(line, zone) is not { } at)
            {
                return null;
            }

            return (session, new ModelLaunch(at, ModelNames.Canonical(model)));
        }

        foreach (var marker in SessionMarkers)
        {
            if (message.StartsWith(marker, StringComparison.Ordinal))
            {
                current = SessionId(message[marker.Length..]) ?? current;
                return null;
            }
        }

        if (NotFoundCreating().Match(message) is { Success: true } created)
        {
            current = created.Groups["id"].Value;
        }

        return null;
    }

    private static void ReadFile(IFileSystem fileSystem, string file, TimeZoneInfo zone, Dictionary<string, List<ModelLaunch>> launches)
    {
        using var stream = fileSystem.File.OpenRead(file);
        using var reader = new JsonlLineReader(stream);
        string? current = null;
        while (reader.TryReadLine(out var bytes))
        {
            // Only the two kinds of message matter: most lines are left after a search of their bytes, undecoded.
            if (bytes.IndexOf(" session"u8) < 0 && bytes.IndexOf("Using LLM model: "u8) < 0)
            {
                continue;
            }

            if (ReadLine(Encoding.UTF8.GetString(bytes), zone, ref current) is { } found)
            {
                if (!launches.TryGetValue(found.Session, out var list))
                {
                    list = [];
                    launches.Add(found.Session, list);
                }

                list.Add(found.Launch);
            }
        }
    }

    /// <summary>
    /// Splits a line into its session id column (when present and not empty) and its message: after the time and the
    /// level come <c>module:function:line - message</c>, or, since the session column, <c>module:function:line | sid -
    /// message</c>; the module column holds no space.
    /// </summary>
    private static (string? Sid, string Message) Split(string line)
    {
        var at = 0;
        for (var bar = 0; bar < 2; bar++)
        {
            var next = line.IndexOf(" | ", at, StringComparison.Ordinal);
            if (next < 0)
            {
                return (null, string.Empty);
            }

            at = next + 3;
        }

        var rest = line.AsSpan(at);
        var dash = rest.IndexOf(" - ", StringComparison.Ordinal);
        if (dash < 0)
        {
            return (null, string.Empty);
        }

        var bar3 = rest[..dash].IndexOf(" | ", StringComparison.Ordinal);
        var sid = bar3 < 0 ? default : rest[(bar3 + 3)..dash].Trim();
        return (sid.IsEmpty || sid.Contains(' ') ? null : sid.ToString(), rest[(dash + 3)..].ToString());
    }

    private static bool IsCurrent(string file) => string.Equals(Path.GetFileName(file), "kimi.log", StringComparison.Ordinal);

    private static string? SessionId(string text)
    {
        var id = text.Trim();
        return id.Length == 0 || id.Contains(' ', StringComparison.Ordinal) ? null : id;
    }

    private static string? ModelOf(string settings) =>
        ModelSetting().Match(settings) is { Success: true } match && match.Groups["model"].Value.Trim() is { Length: > 0 } model ? model : null;

    private static DateTimeOffset? TimeOf(string line, TimeZoneInfo zone)
    {
        if (line.Length < 23 || !DateTime.TryParseExact(line.AsSpan(0, 23), "yyyy-MM-dd HH:mm:ss.fff", CultureInfo.InvariantCulture, DateTimeStyles.None, out var local))
        {
            return null;
        }

        var offset = zone.IsInvalidTime(local) ? zone.BaseUtcOffset : zone.GetUtcOffset(local);
        return new DateTimeOffset(local, offset).ToUniversalTime();
    }

    [GeneratedRegex(@"(?:^|\s)model=(?<quote>['""])(?<model>.*?)\k<quote>", RegexOptions.CultureInvariant)]
    private static partial Regex ModelSetting();

    [GeneratedRegex(@"^Session (?<id>\S+) not found, creating new session", RegexOptions.CultureInvariant)]
    private static partial Regex NotFoundCreating();
}
