using System.IO.Abstractions;
using Omk.Cost.Adapters.Kimi.Index;
using Omk.Cost.Adapters.Kimi.Logs;

namespace Omk.Cost.Adapters.Kimi;

/// <summary>
/// Reads the real token usage of Kimi CLI and Kimi Code sessions from their local logs, streaming them line by
/// line, counting every model call once and to its parent session.
/// </summary>
/// <remarks>
/// Malformed lines never stop the reading: they are skipped, counted and reported once per file in
/// <see cref="KimiUsageResult.Warnings"/>. Sessions are read in parallel, and reported in a stable order.
/// </remarks>
public sealed class KimiUsageReader
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
    /// Reads every session of the configured folders.
    /// </summary>
    /// <param name="cancellationToken">The token to monitor for cancellation requests.</param>
    /// <returns>The sessions, the warnings and the prices in force.</returns>
    /// <exception cref="KimiPriceFileException">The price file is missing while required, unreadable or invalid.</exception>
    /// <exception cref="OperationCanceledException">The reading was cancelled.</exception>
    public KimiUsageResult Read(CancellationToken cancellationToken = default)
    {
        var prices = KimiPrices.WithOverrides(_fileSystem, _options.PricesFile, _options.PricesFileRequired);
        var warnings = new List<KimiLogWarning>();
        var jobs = new List<SessionJob>();
        var searched = new List<string>();
        if (!string.IsNullOrWhiteSpace(_options.KimiCliRoot))
        {
            searched.Add(_options.KimiCliRoot);
            jobs.AddRange(SessionJobFinder.KimiCli(_fileSystem, _options.KimiCliRoot, _options.Model, warnings));
        }

        if (!string.IsNullOrWhiteSpace(_options.KimiCodeRoot))
        {
            searched.Add(_options.KimiCodeRoot);
            jobs.AddRange(SessionJobFinder.KimiCode(_fileSystem, _options.KimiCodeRoot, warnings));
        }

        if (jobs.Count == 0)
        {
            warnings.Add(new KimiLogWarning(string.Join(", ", searched), "no Kimi session folder found"));
        }

        var index = string.IsNullOrWhiteSpace(_options.IndexDirectory)
            ? null
            : KimiIndex.Load(_fileSystem, _options.IndexDirectory, _options.IndexWriter, _timeProvider);
        var logs = new SessionLog?[jobs.Count];
        var sessionWarnings = new List<KimiLogWarning>[jobs.Count];
        var files = new List<WireFileState>[jobs.Count];
        Parallel.For(
            0,
            jobs.Count,
            new ParallelOptions { CancellationToken = cancellationToken, MaxDegreeOfParallelism = Environment.ProcessorCount },
            job =>
            {
                sessionWarnings[job] = [];
                files[job] = [];
                logs[job] = KimiSessionReader.Read(_fileSystem, jobs[job], _options.IncludeTitles, index, files[job], sessionWarnings[job], cancellationToken);
            });

        index?.Save(jobs.SelectMany((job, number) => files[number].Select(state => (KimiIndex.ShardOf(job.Directory), state))));

        foreach (var list in sessionWarnings)
        {
            warnings.AddRange(list);
        }

        // Calls copied between sessions (forks) are counted once, in the session where they happened.
        var found = CallOwnership.Resolve([.. logs.OfType<SessionLog>()], log =>
        {
            KimiSessionReader.ReadState(_fileSystem, log, null, warnings);
            return log.Job.Format == WireFormat.KimiCode
                ? (log.ForkRecorded || log.ForkedFrom is not null ? 1 : 0)
                : CallOwnership.ForkMarks(log.Title);
        });
        found.Sort(static (a, b) =>
        {
            var byStart = a.StartedAt.CompareTo(b.StartedAt);
            return byStart != 0 ? byStart : string.CompareOrdinal(a.SessionId, b.SessionId);
        });
        return new KimiUsageResult(found, warnings, prices);
    }
}
