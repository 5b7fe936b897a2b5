using System.IO.Abstractions;
using System.Text.Json;
using Omk.Cost.Adapters.Kimi.Reading;
using Omk.Cost.Adapters.Kimi.Reading.Projects;
using Omk.Cost.Domain.Usage;

namespace Omk.Cost.Adapters.Kimi.Counting;

/// <summary>
/// Reads one session folder of either format: every log of the session and its subagents, its title, project and
/// fork origin, and the model of each call.
/// </summary>
internal static class KimiSessionReader
{
    private const string WireFile = "wire.jsonl";

    /// <summary>Reads a session.</summary>
    /// <param name="job">The session folder.</param>
    /// <param name="context">Where its files come from, and what receives the files read, the warnings and the stamps.</param>
    /// <param name="cancellationToken">The token to monitor for cancellation requests.</param>
    /// <returns>The session's log, or null when it made no model call.</returns>
    public static SessionLog? Read(SessionJob job, SessionReadContext context, CancellationToken cancellationToken)
    {
        var (fileSystem, warnings, trace) = (context.FileSystem, context.Warnings, context.Trace);
        var entries = EntryNames(fileSystem, job.Directory, warnings, trace);
        var subagents = job.Format == WireFormat.KimiCli && entries.Contains("subagents") ? SubagentDirectories(fileSystem, job.Directory, warnings, trace) : [];
        var agentModels = SubagentModels(fileSystem, job, subagents, warnings, trace);
        var files = new List<WireFileCalls>();
        foreach (var (path, agent) in WireFiles(fileSystem, job, entries, subagents, warnings, trace))
        {
            var model = agent.Length > 0 && agentModels.TryGetValue(agent, out var subagentModel) ? subagentModel : job.Model;
            var file = context.Files.Read(path, job.Format, agent, warnings, cancellationToken);
            context.FilesRead.Add(file.Committed);
            files.Add(file.Final.ToCalls(model, agentModels));
        }

        DateTimeOffset? first = null, last = null;
        foreach (var file in files)
        {
            if (file.First is { } start && (first is null || start < first))
            {
                first = start;
            }

            if (file.Last is { } end && (last is null || end > last))
            {
                last = end;
            }
        }

        var (calls, keys) = SessionCallCollector.Collect(files);
        if (calls.Length == 0 || first is null || last is null)
        {
            return null;
        }

        var mainModel = MainAgentFile(job, files)?.OwnModel;
        if (job.Format == WireFormat.KimiCode)
        {
            calls = ResolveKimiCodeModels(job, files, calls, ref mainModel);
        }
        else if (job.LaterLaunches.Count > 0)
        {
            calls = Relaunched(job, calls);
            mainModel = null;
        }

        var log = new SessionLog(job, calls, keys, first.Value, last.Value)
        {
            Project = job.Project,
            ForkRecorded = files.Exists(static f => f.Forked),
            Trace = trace,
            RetryTicks = [.. files.SelectMany(static f => f.RetryTicks)],
            MainAgentModel = mainModel,
        };

        // Kimi Code's state.json also names the project and the fork's source, so it is read even without titles.
        if (context.IncludeTitles || job.Format == WireFormat.KimiCode)
        {
            ReadState(fileSystem, log, entries, warnings, trace);
        }

        return log;
    }

    /// <summary>Reads a session's title (and, for Kimi Code, its project and fork origin) from its side files, once.</summary>
    public static void ReadState(IFileSystem fileSystem, SessionLog log, HashSet<string>? entries, ICollection<UsageWarning> warnings, ReadTrace? trace = null)
    {
        if (log.TitleRead)
        {
            return;
        }

        log.TitleRead = true;
        var job = log.Job;
        string? title = null;
        foreach (var name in (ReadOnlySpan<string>)["state.json", "metadata.json"])
        {
            if (entries is not null && !entries.Contains(name))
            {
                continue;
            }

            if (SmallJsonFile.TryReadStrings(fileSystem, fileSystem.Path.Combine(job.Directory, name), warnings, trace) is not { } state)
            {
                continue;
            }

            title ??= state.GetValueOrDefault("custom_title") ?? state.GetValueOrDefault("title");
            if (job.Format == WireFormat.KimiCode)
            {
                log.Project = state.GetValueOrDefault("cwd") ?? state.GetValueOrDefault("workDir") ?? state.GetValueOrDefault("work_dir") ?? log.Project;
                log.ForkedFrom ??= state.GetValueOrDefault("forkedFrom");
            }

            if (title is not null)
            {
                break;
            }
        }

        // Kimi Work's own sessions (titles, skill summaries) are counted, and marked by their title.
        log.Title = (job.Format == WireFormat.KimiCode ? KimiWorkSessions.InternalTitle(job.SessionId) : null)
            ?? (string.IsNullOrWhiteSpace(title) ? null : title.Trim());
    }

    /// <summary>
    /// Prices the calls a Kimi CLI session made after it was resumed with another model at that model: each call
    /// that the session's first model would price is priced at the model of the last launch at or before it.
    /// </summary>
    private static UsageCall[] Relaunched(SessionJob job, UsageCall[] calls)
    {
        var priced = (UsageCall[])calls.Clone();
        for (var index = 0; index < priced.Length; index++)
        {
            if (!string.Equals(priced[index].Model, job.Model, StringComparison.Ordinal))
            {
                continue;
            }

            var model = job.Model;
            foreach (var launch in job.LaterLaunches)
            {
                if (launch.At > priced[index].Timestamp)
                {
                    break;
                }

                model = launch.Model;
            }

            priced[index] = priced[index] with { Model = model };
        }

        return priced;
    }

    /// <summary>
    /// Resolves Kimi Code's model aliases (<c>usage.record.model</c>) to API models: by the session's own
    /// <c>llm.request</c> records, else by the <c>[models.&lt;alias&gt;]</c> tables of <c>config.toml</c>, else the
    /// alias itself; and writes each in its one canonical spelling. The files' own calls are left as they are.
    /// </summary>
    private static UsageCall[] ResolveKimiCodeModels(SessionJob job, List<WireFileCalls> files, UsageCall[] aliased, ref string? mainModel)
    {
        var calls = (UsageCall[])aliased.Clone();
        var requested = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var file in files)
        {
            foreach (var (alias, model) in file.ModelOfAlias ?? [])
            {
                requested[alias] = model;
            }
        }

        var resolved = new Dictionary<string, string>(StringComparer.Ordinal);
        for (var index = 0; index < calls.Length; index++)
        {
            calls[index] = calls[index] with { Model = Resolve(calls[index].Model) };
        }

        if (mainModel is not null)
        {
            mainModel = Resolve(mainModel);
        }

        return calls;

        string Resolve(string alias)
        {
            if (!resolved.TryGetValue(alias, out var model))
            {
                model = ModelNames.Canonical(requested.TryGetValue(alias.Trim(), out var api) ? api : job.Config.ApiModelOf(alias.Trim()));
                resolved.Add(alias, model);
            }

            return model;
        }
    }

    /// <summary>
    /// Finds the log of the session's main agent: Kimi CLI's own <c>wire.jsonl</c> (not a subagent's), Kimi Code's
    /// <c>agents/main/wire.jsonl</c> (agent-core's main agent id), else a session-level <c>wire.jsonl</c>.
    /// </summary>
    private static WireFileCalls? MainAgentFile(SessionJob job, List<WireFileCalls> files) =>
        job.Format == WireFormat.KimiCli
            ? files.Find(static f => f.Agent.Length == 0)
            : files.Find(static f => string.Equals(f.Agent, "main", StringComparison.Ordinal)) ?? files.Find(static f => f.Agent.Length == 0);

    /// <summary>
    /// Reads the model of each Kimi CLI subagent from its <c>meta.json</c> (<c>src/kimi_cli/subagents/store.py</c>):
    /// <c>launch_spec.model_override</c>, else <c>launch_spec.effective_model</c>, an alias of <c>config.toml</c>, as
    /// <c>subagents/builder.py</c> resolves it. A subagent that names none uses the session's model.
    /// </summary>
    private static Dictionary<string, string> SubagentModels(IFileSystem fileSystem, SessionJob job, List<(string Directory, string Agent)> subagents, ICollection<UsageWarning> warnings, ReadTrace? trace)
    {
        var models = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (directory, agent) in subagents)
        {
            using var meta = SmallJsonFile.TryRead(fileSystem, fileSystem.Path.Combine(directory, "meta.json"), warnings, trace);
            if (meta?.RootElement is { ValueKind: JsonValueKind.Object } root
                && root.TryGetProperty("launch_spec", out var spec)
                && SmallJsonFile.String(spec, "model_override", "effective_model") is { } alias
                && !string.IsNullOrWhiteSpace(alias))
            {
                models.TryAdd(agent, ModelNames.Canonical(job.Config.ApiModelOf(alias.Trim())));
            }
        }

        return models;
    }

    /// <summary>
    /// Lists the logs of a session: Kimi CLI's own <c>wire.jsonl</c>, then <c>subagents/&lt;id&gt;/wire.jsonl</c> (at any
    /// depth), in time order as they mostly are; a subagent's call is taken from the parent's copy when both hold it,
    /// priced by the subagent's model through the wrapper's <c>agent_id</c> (written since the same release as
    /// <c>meta.json</c>); or Kimi Code's <c>agents/&lt;id&gt;/wire.jsonl</c> (and a session-level <c>wire.jsonl</c>).
    /// </summary>
    private static IEnumerable<(string Path, string Agent)> WireFiles(
        IFileSystem fileSystem,
        SessionJob job,
        HashSet<string> entries,
        List<(string Directory, string Agent)> subagents,
        ICollection<UsageWarning> warnings,
        ReadTrace? trace)
    {
        if (job.Format == WireFormat.KimiCode)
        {
            var agents = fileSystem.Path.Combine(job.Directory, "agents");
            foreach (var agent in SortedDirectories(fileSystem, agents, warnings, trace))
            {
                var wire = fileSystem.Path.Combine(agent, WireFile);
                trace?.Add(wire);
                if (fileSystem.File.Exists(wire))
                {
                    yield return (wire, fileSystem.Path.GetFileName(agent));
                }
            }

            if (entries.Contains(WireFile))
            {
                yield return (Traced(fileSystem.Path.Combine(job.Directory, WireFile), trace), string.Empty);
            }

            yield break;
        }

        if (entries.Contains(WireFile))
        {
            yield return (Traced(fileSystem.Path.Combine(job.Directory, WireFile), trace), string.Empty);
        }

        foreach (var (directory, agent) in subagents)
        {
            var wire = fileSystem.Path.Combine(directory, WireFile);
            trace?.Add(wire);
            if (fileSystem.File.Exists(wire))
            {
                yield return (wire, agent);
            }
        }
    }

    /// <summary>Lists the subagent folders of a Kimi CLI session, nested ones after their parent.</summary>
    private static List<(string Directory, string Agent)> SubagentDirectories(IFileSystem fileSystem, string session, ICollection<UsageWarning> warnings, ReadTrace? trace)
    {
        var found = new List<(string, string)>();
        var pending = new Stack<string>();
        pending.Push(session);
        while (pending.TryPop(out var directory))
        {
            var subagents = SortedDirectories(fileSystem, fileSystem.Path.Combine(directory, "subagents"), warnings, trace);
            foreach (var agent in subagents)
            {
                found.Add((agent, fileSystem.Path.GetFileName(agent)));
            }

            for (var index = subagents.Count - 1; index >= 0; index--)
            {
                pending.Push(subagents[index]);
            }
        }

        return found;
    }

    /// <summary>Lists the names in a folder once, instead of asking for each file whether it exists.</summary>
    private static HashSet<string> EntryNames(IFileSystem fileSystem, string directory, ICollection<UsageWarning> warnings, ReadTrace? trace)
    {
        trace?.Add(directory);
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
            warnings.Add(new UsageWarning(directory, $"session folder cannot be read, its usage is not counted: {exception.Message}"));
        }

        return names;
    }

    /// <summary>Lists the sub-folders of a folder in ordinal order; a folder that cannot be listed is a warning.</summary>
    internal static List<string> SortedDirectories(IFileSystem fileSystem, string directory, ICollection<UsageWarning> warnings, ReadTrace? trace = null)
    {
        trace?.Add(directory);
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
            warnings.Add(new UsageWarning(directory, $"folder cannot be read, the sessions in it are not counted: {exception.Message}"));
            return [];
        }
    }

    private static string Traced(string path, ReadTrace? trace)
    {
        trace?.Add(path);
        return path;
    }
}
