using System.IO.Abstractions;
using Omk.Cost.Adapters.Kimi.Caching;
using Omk.Cost.Adapters.Kimi.Counting;
using Omk.Cost.Adapters.Kimi.Pricing;
using Omk.Cost.Adapters.Kimi.Reading;
using Omk.Cost.Adapters.Kimi.Reading.Config;
using Omk.Cost.Adapters.Kimi.Reading.Projects;
using Omk.Cost.Domain.Usage;
using Omk.Runtime.Atomic;

namespace Omk.Cost.Adapters.Kimi;

/// <summary>
/// Reads the real token usage of Kimi CLI and Kimi Code sessions from their local logs, streaming them line by
/// line, counting every model call once and to its parent session.
/// </summary>
/// <remarks>
/// Malformed lines never stop the reading: they are skipped, counted and reported once per file in
/// <see cref="UsageReading.Warnings"/>. Sessions are read in parallel, and reported in a stable order.
/// </remarks>
internal sealed class KimiUsageReader
{
    private readonly IFileSystem _fileSystem;
    private readonly KimiUsageOptions _options;
    private readonly TimeProvider _timeProvider;

    /// <summary>
    /// Initializes a new instance of the <see cref="KimiUsageReader"/> class.
    /// </summary>
    /// <param name="fileSystem">The file system to read through.</param>
    /// <param name="options">Where the logs are and how to price them.</param>
    public KimiUsageReader(IFileSystem fileSystem, KimiUsageOptions options)
        : this(fileSystem, options, TimeProvider.System)
    {
    }

    /// <summary>
    /// Initializes a new instance of the <see cref="KimiUsageReader"/> class.
    /// </summary>
    /// <param name="fileSystem">The file system to read through.</param>
    /// <param name="options">Where the logs are and how to price them.</param>
    /// <param name="timeProvider">The clock, which tells the index how recent a file's last change is.</param>
    public KimiUsageReader(IFileSystem fileSystem, KimiUsageOptions options, TimeProvider timeProvider)
    {
        ArgumentNullException.ThrowIfNull(fileSystem);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(timeProvider);
        _fileSystem = fileSystem;
        _options = options;
        _timeProvider = timeProvider;
    }

    /// <summary>
    /// Gets the name Kimi CLI gives the folder of a work directory's sessions (<c>sessions/&lt;name&gt;/</c>): a
    /// session whose work directory <c>kimi.json</c> does not list (yet, or any more: concurrent Kimi processes rewrite
    /// it) has this name as its <see cref="SessionUsage.Project"/>.
    /// </summary>
    /// <param name="workDirectory">The work directory's path, as Kimi CLI saw it (canonical).</param>
    /// <returns>The folder's name.</returns>
    public static string KimiCliFolderName(string workDirectory)
    {
        ArgumentNullException.ThrowIfNull(workDirectory);
        return KimiCliWorkDirIndex.Md5Hex(workDirectory);
    }

    /// <summary>
    /// Reads every session of the configured folders.
    /// </summary>
    /// <param name="cancellationToken">The token to monitor for cancellation requests.</param>
    /// <returns>The sessions, the warnings and the prices in force.</returns>
    /// <exception cref="KimiPriceFileException">The price file is missing while required, unreadable or invalid.</exception>
    /// <exception cref="OperationCanceledException">The reading was cancelled.</exception>
    public KimiUsageResult Read(CancellationToken cancellationToken = default)
    {
        var prices = KimiPrices.WithOverrides(_fileSystem, _options.PricesFile, _options.PricesFileRequired);

        // The stored result needs exact stamps, of folders too.
        var keepsResult = !string.IsNullOrWhiteSpace(_options.IndexDirectory) && FileStamps.Exact(_fileSystem);
        if (keepsResult && KimiResultIndex.Load(_fileSystem, ResultDirectory, ResultKey) is { } stored)
        {
            if (!Array.Exists(stored.Entries, static entry => entry.Changed))
            {
                return Result(stored.HeadWarnings, stored.Entries, stored.TailWarnings, prices, KimiReadSource.StoredResult);
            }

            if (ReadChanged(stored, prices, cancellationToken) is { } result)
            {
                return result;
            }
        }

        return ReadAll(prices, keepsResult, cancellationToken);
    }

    /// <summary>
    /// Gets the folder of the stored result: one for readings with titles and one without (whose sessions hold the
    /// titles only of forks), so that both kinds of reading keep theirs.
    /// </summary>
    private string ResultDirectory => Path.Combine(_options.IndexDirectory!, _options.IncludeTitles ? "result-titles" : "result");

    /// <summary>Gets the key of the options a stored result depends on: it is used only by a reading with the same.</summary>
    private ulong ResultKey => KimiResultIndex.KeyOf(_options.KimiCliRoot, _options.KimiCodeRoot, _options.KimiWorkRoot, _options.Model, _options.IncludeTitles ? "titles" : null);

    private static KimiUsageResult Result(IReadOnlyList<UsageWarning> headWarnings, IReadOnlyList<SessionResult> entries, IReadOnlyList<UsageWarning> tailWarnings, PriceTable prices, KimiReadSource source)
    {
        var warnings = new List<UsageWarning>(headWarnings);
        var found = new List<SessionUsage>(entries.Count);
        foreach (var entry in entries)
        {
            warnings.AddRange(entry.Warnings);
            if (entry.Session is { } session)
            {
                found.Add(session);
            }
        }

        warnings.AddRange(tailWarnings);
        return new KimiUsageResult(Sorted(found), warnings, prices) { Source = source };
    }

    private static List<SessionUsage> Sorted(List<SessionUsage> found)
    {
        found.Sort(static (a, b) =>
        {
            var byStart = a.StartedAt.CompareTo(b.StartedAt);
            return byStart != 0 ? byStart : string.CompareOrdinal(a.SessionId, b.SessionId);
        });
        return found;
    }

    private List<SessionJob> FindJobs(List<UsageWarning> warnings, ReadTrace? trace)
    {
        var jobs = new List<SessionJob>();
        var searched = new List<string>();
        if (!string.IsNullOrWhiteSpace(_options.KimiCliRoot))
        {
            searched.Add(_options.KimiCliRoot);
            jobs.AddRange(SessionJobFinder.KimiCli(_fileSystem, _options.KimiCliRoot, _options.Model, _timeProvider.LocalTimeZone, warnings, trace));
        }

        if (!string.IsNullOrWhiteSpace(_options.KimiCodeRoot))
        {
            searched.Add(_options.KimiCodeRoot);
            jobs.AddRange(SessionJobFinder.KimiCode(_fileSystem, _options.KimiCodeRoot, warnings, trace));
        }

        if (!string.IsNullOrWhiteSpace(_options.KimiWorkRoot) && !string.Equals(_options.KimiWorkRoot, _options.KimiCodeRoot, StringComparison.Ordinal))
        {
            searched.Add(_options.KimiWorkRoot);
            jobs.AddRange(SessionJobFinder.KimiCode(_fileSystem, _options.KimiWorkRoot, warnings, trace));
        }

        if (jobs.Count == 0)
        {
            warnings.Add(new UsageWarning(string.Join(", ", searched), "no Kimi session folder found"));
        }

        return jobs;
    }

    /// <summary>
    /// Reads again only the session folders whose stamps changed, when nothing else can have: the list of folders is
    /// the same (the stored result's tree stamps held, so each folder's job is the stored one), and neither the old
    /// nor the new version of a changed session shares its first call with another session (only then can a
    /// session's calls change another's count, see <see cref="CallOwnership"/>).
    /// </summary>
    /// <returns>The result, or null when the whole reading is needed.</returns>
    private KimiUsageResult? ReadChanged(KimiResultIndex stored, PriceTable prices, CancellationToken cancellationToken)
    {
        var changed = stored.Entries.Where(static entry => entry.Changed).ToList();
        if (changed.Count > KimiResultIndex.MostChanged(stored.Entries.Length) || changed.Exists(static entry => entry.Grouped))
        {
            return null;
        }

        var firstKeys = new HashSet<UInt128>();
        foreach (var entry in stored.Entries)
        {
            if (!entry.Changed && entry.Session is not null)
            {
                firstKeys.Add(entry.FirstKey);
            }
        }

        // The configuration's stamps are among the tree's, which held: loading it again gives the same models, and
        // the warnings it gave are the stored ones.
        var configs = new Dictionary<WireFormat, KimiModelConfig>();
        var shards = changed.Select(static entry => KimiIndex.ShardOf(entry.Directory)).Distinct().ToList();
        var index = KimiIndex.Load(_fileSystem, _options.IndexDirectory!, _options.IndexWriter, _timeProvider, shards);
        var results = new List<SessionResult>(changed.Count);
        var files = new List<(int, string, IReadOnlyList<WireFileState>)>(changed.Count);
        foreach (var entry in changed)
        {
            var format = entry.Job.Format;
            if (format == WireFormat.KimiCode && _options.KimiWorkRoot is { } work && KimiWorkSessions.IsUnder(work, entry.Directory))
            {
                // A Kimi Work session has the configuration of its own home: the whole reading loads it.
                return null;
            }

            if (!configs.TryGetValue(format, out var config))
            {
                var root = format == WireFormat.KimiCli ? _options.KimiCliRoot : _options.KimiCodeRoot;

                if (string.IsNullOrWhiteSpace(root))
                {
                    return null;
                }

                config = KimiConfigFile.Load(_fileSystem, root, new List<UsageWarning>());
                configs.Add(format, config);
            }

            var job = entry.Job with { Config = config };
            var context = SessionContext(job, index, traced: true);
            var log = KimiSessionReader.Read(job, context, cancellationToken);
            if (log is not null && !firstKeys.Add(log.GroupKey))
            {
                return null;
            }

            files.Add((entry.Shard, job.Directory, context.FilesRead));
            results.Add(new SessionResult
            {
                Ordinal = entry.Ordinal,
                Job = entry.Job,
                Stamps = context.Trace!.Paths,
                Warnings = context.Warnings,
                Session = log is null ? null : CallOwnership.Resolve([log], static _ => 0)[0],
                FirstKey = log?.GroupKey ?? default,
            });
        }

        index.SaveSessions(files);
        if (_options.IndexWriter is { } writer)
        {
            stored.SaveChanged(writer, _fileSystem, results, _timeProvider.GetUtcNow());
        }

        var entries = (SessionResult[])stored.Entries.Clone();
        foreach (var result in results)
        {
            entries[result.Ordinal] = result;
        }

        return Result(stored.HeadWarnings, entries, stored.TailWarnings, prices, KimiReadSource.ChangedSessions);
    }

    /// <summary>The reading of one session folder: through the index when there is one, traced when a result is to be stored.</summary>
    private SessionReadContext SessionContext(SessionJob job, KimiIndex? index, bool traced) =>
        new(_fileSystem, index?.ForSession(job.Directory) ?? new WholeWireFiles(_fileSystem))
        {
            IncludeTitles = _options.IncludeTitles,
            Trace = traced ? new ReadTrace(_fileSystem) : null,
        };

    private KimiUsageResult ReadAll(PriceTable prices, bool keepsResult, CancellationToken cancellationToken)
    {
        var warnings = new List<UsageWarning>();
        var treeTrace = keepsResult ? new ReadTrace(_fileSystem) : null;
        var jobs = FindJobs(warnings, treeTrace);
        var headWarnings = warnings.ToList();
        var index = string.IsNullOrWhiteSpace(_options.IndexDirectory)
            ? null
            : KimiIndex.Load(_fileSystem, _options.IndexDirectory, _options.IndexWriter, _timeProvider);
        var logs = new SessionLog?[jobs.Count];
        var contexts = new SessionReadContext[jobs.Count];
        Parallel.For(
            0,
            jobs.Count,
            new ParallelOptions { CancellationToken = cancellationToken, MaxDegreeOfParallelism = Environment.ProcessorCount },
            job =>
            {
                contexts[job] = SessionContext(jobs[job], index, traced: keepsResult);
                logs[job] = KimiSessionReader.Read(jobs[job], contexts[job], cancellationToken);
            });

        index?.Save(jobs.SelectMany((job, number) => contexts[number].FilesRead.Select(state => (KimiIndex.ShardOf(job.Directory), state))));

        foreach (var context in contexts)
        {
            warnings.AddRange(context.Warnings);
        }

        // Calls copied between sessions (forks) are counted once, in the session where they happened.
        var present = logs.OfType<SessionLog>().ToList();
        var grouped = new bool[present.Count];
        var tailStart = warnings.Count;
        var found = CallOwnership.Resolve(present, log =>
        {
            KimiSessionReader.ReadState(_fileSystem, log, null, warnings, log.Trace);
            return log.Job.Format == WireFormat.KimiCode
                ? (log.ForkRecorded || log.ForkedFrom is not null ? 1 : 0)
                : CallOwnership.ForkMarks(log.Title);
        }, grouped);

        if (keepsResult && _options.IndexWriter is { } writer)
        {
            var entries = new List<SessionResult>(jobs.Count);
            var at = 0;
            for (var job = 0; job < jobs.Count; job++)
            {
                var log = logs[job];
                entries.Add(new SessionResult
                {
                    Ordinal = job,
                    Job = jobs[job],
                    Stamps = contexts[job].Trace!.Paths,
                    Warnings = contexts[job].Warnings,
                    Session = log is null ? null : found[at],
                    FirstKey = log?.GroupKey ?? default,
                    Grouped = log is not null && grouped[at],
                });
                at += log is null ? 0 : 1;
            }

            KimiResultIndex.Save(writer, _fileSystem, ResultDirectory, ResultKey, treeTrace!.Paths, headWarnings, warnings[tailStart..], entries, _timeProvider.GetUtcNow());
        }

        return new KimiUsageResult(Sorted(found), warnings, prices);
    }

}
