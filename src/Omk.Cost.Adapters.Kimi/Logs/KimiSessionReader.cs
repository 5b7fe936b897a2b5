using System.IO.Abstractions;
using Omk.Cost.Adapters.Kimi.Projects;
using Omk.Cost.Domain.Usage;

namespace Omk.Cost.Adapters.Kimi.Logs;

/// <summary>
/// Reads one session folder of either format: every log of the session and its subagents, its title and project.
/// </summary>
internal static class KimiSessionReader
{
    private const string WireFile = "wire.jsonl";

    public static SessionUsage? Read(IFileSystem fileSystem, SessionJob job, bool includeTitles, ICollection<KimiLogWarning> warnings, CancellationToken cancellationToken)
    {
        var collector = new SessionCallCollector();
        var entries = EntryNames(fileSystem, job.Directory);
        foreach (var (path, agent) in WireFiles(fileSystem, job, entries))
        {
            WireFileReader.Read(fileSystem, path, job.Format, agent, job.Model, collector, warnings, cancellationToken);
        }

        var calls = collector.Finish();
        if (calls.Length == 0 || collector.First is not { } first || collector.Last is not { } last)
        {
            return null;
        }

        string? title = null;
        var project = job.Project;
        foreach (var name in (ReadOnlySpan<string>)["state.json", "metadata.json"])
        {
            // Kimi Code's state.json also names the project, so it is read even without titles.
            if ((!includeTitles && job.Format != WireFormat.KimiCode) || !entries.Contains(name))
            {
                continue;
            }

            if (SmallJsonFile.TryReadStrings(fileSystem, fileSystem.Path.Combine(job.Directory, name), warnings) is not { } state)
            {
                continue;
            }

            title ??= state.GetValueOrDefault("custom_title") ?? state.GetValueOrDefault("title");
            if (job.Format == WireFormat.KimiCode)
            {
                project = state.GetValueOrDefault("cwd") ?? state.GetValueOrDefault("workDir") ?? state.GetValueOrDefault("work_dir") ?? project;
            }

            if (title is not null)
            {
                break;
            }
        }

        return new SessionUsage
        {
            SessionId = job.SessionId,
            Title = string.IsNullOrWhiteSpace(title) ? null : title.Trim(),
            Project = project,
            StartedAt = first,
            EndedAt = last,
            Calls = calls,
        };
    }

    /// <summary>
    /// Lists the logs of a session, its own first: Kimi CLI's <c>wire.jsonl</c> and <c>subagents/&lt;id&gt;/wire.jsonl</c>
    /// (at any depth), or Kimi Code's <c>agents/&lt;id&gt;/wire.jsonl</c>.
    /// </summary>
    private static IEnumerable<(string Path, string Agent)> WireFiles(IFileSystem fileSystem, SessionJob job, HashSet<string> entries)
    {
        if (job.Format == WireFormat.KimiCode)
        {
            var agents = fileSystem.Path.Combine(job.Directory, "agents");
            foreach (var agent in SortedDirectories(fileSystem, agents))
            {
                var wire = fileSystem.Path.Combine(agent, WireFile);
                if (fileSystem.File.Exists(wire))
                {
                    yield return (wire, fileSystem.Path.GetFileName(agent));
                }
            }

            yield break;
        }

        if (entries.Contains(WireFile))
        {
            yield return (fileSystem.Path.Combine(job.Directory, WireFile), string.Empty);
        }

        if (!entries.Contains("subagents"))
        {
            yield break;
        }

        var pending = new Stack<string>();
        pending.Push(job.Directory);
        while (pending.TryPop(out var directory))
        {
            var subagents = SortedDirectories(fileSystem, fileSystem.Path.Combine(directory, "subagents"));
            foreach (var agent in subagents)
            {
                var wire = fileSystem.Path.Combine(agent, WireFile);
                if (fileSystem.File.Exists(wire))
                {
                    yield return (wire, fileSystem.Path.GetFileName(agent));
                }
            }

            for (var index = subagents.Count - 1; index >= 0; index--)
            {
                pending.Push(subagents[index]);
            }
        }
    }

    /// <summary>Lists the names in a folder once, instead of asking for each file whether it exists.</summary>
    private static HashSet<string> EntryNames(IFileSystem fileSystem, string directory)
    {
        var names = new HashSet<string>(StringComparer.Ordinal);
        try
        {
            foreach (var entry in fileSystem.Directory.EnumerateFileSystemEntries(directory))
            {
                names.Add(fileSystem.Path.GetFileName(entry));
            }
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
        {
            // An unreadable session folder holds nothing to count.
        }

        return names;
    }

    internal static List<string> SortedDirectories(IFileSystem fileSystem, string directory)
    {
        if (!fileSystem.Directory.Exists(directory))
        {
            return [];
        }

        try
        {
            var directories = fileSystem.Directory.EnumerateDirectories(directory).ToList();
            directories.Sort(StringComparer.Ordinal);
            return directories;
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
        {
            return [];
        }
    }
}
