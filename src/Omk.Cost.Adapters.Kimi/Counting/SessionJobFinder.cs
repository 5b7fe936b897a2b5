using System.IO.Abstractions;
using Omk.Cost.Adapters.Kimi.Reading;
using Omk.Cost.Adapters.Kimi.Reading.Config;
using Omk.Cost.Adapters.Kimi.Reading.Projects;
using Omk.Cost.Domain.Usage;

namespace Omk.Cost.Adapters.Kimi.Counting;

/// <summary>
/// Lists the session folders of Kimi CLI (<c>sessions/&lt;work dir hash&gt;/&lt;session&gt;</c>) and Kimi Code
/// (<c>sessions/&lt;workspace&gt;/&lt;session&gt;</c>), with their project and default model.
/// </summary>
internal static class SessionJobFinder
{
    /// <remarks>
    /// A session that Kimi CLI's own log (<c>logs/kimi.log</c>) says was run with a model is priced at it (see
    /// <see cref="KimiCliLaunchLog"/>); that log is not among the paths whose stamps keep a stored reading, because every
    /// Kimi run writes to it: a stored session keeps the model it was read with until its own logs change.
    /// </remarks>
    public static List<SessionJob> KimiCli(IFileSystem fileSystem, string root, string? modelOverride, TimeZoneInfo zone, ICollection<UsageWarning> warnings, ReadTrace? trace = null)
    {
        var jobs = new List<SessionJob>();
        var sessions = fileSystem.Path.Combine(root, "sessions");
        trace?.Add(sessions);
        if (!fileSystem.Directory.Exists(sessions))
        {
            return jobs;
        }

        var config = KimiConfigFile.Load(fileSystem, root, warnings, trace);
        var model = modelOverride;
        var source = SessionModelSource.Option;
        if (string.IsNullOrWhiteSpace(model))
        {
            source = SessionModelSource.AssumedFromConfig;
            model = config.DefaultApiModel;
            if (string.IsNullOrWhiteSpace(model))
            {
                warnings.Add(new UsageWarning(
                    root,
                    "neither config.toml nor config.json names the default model (default_model), so Kimi CLI usage is priced as model \"unknown\", which has no price; pass --model to choose one"));
                model = WireFileReader.UnknownModel;
            }
        }

        var canonical = ModelNames.Canonical(model);
        var launches = source == SessionModelSource.Option ? [] : KimiCliLaunchLog.Read(fileSystem, root, zone, warnings);
        var index = KimiCliWorkDirIndex.Load(fileSystem, root, warnings, trace);
        foreach (var workDir in KimiSessionReader.SortedDirectories(fileSystem, sessions, warnings, trace))
        {
            var folder = fileSystem.Path.GetFileName(workDir);
            var project = index.Resolve(folder) ?? folder;
            foreach (var session in KimiSessionReader.SortedDirectories(fileSystem, workDir, warnings, trace))
            {
                var id = fileSystem.Path.GetFileName(session);
                jobs.Add(launches.TryGetValue(id, out var launched)
                    ? new SessionJob(WireFormat.KimiCli, session, id, project, launched[0].Model, config) { ModelSource = SessionModelSource.LaunchLog, LaterLaunches = LaterLaunches(launched) }
                    : new SessionJob(WireFormat.KimiCli, session, id, project, canonical, config) { ModelSource = source });
            }
        }

        return jobs;
    }

    /// <summary>The launches after the first that change the model, in time order.</summary>
    private static List<ModelLaunch> LaterLaunches(List<ModelLaunch> launches)
    {
        var later = new List<ModelLaunch>();
        var model = launches[0].Model;
        foreach (var launch in launches.Skip(1))
        {
            if (!string.Equals(launch.Model, model, StringComparison.Ordinal))
            {
                later.Add(launch);
                model = launch.Model;
            }
        }

        return later;
    }

    public static List<SessionJob> KimiCode(IFileSystem fileSystem, string root, ICollection<UsageWarning> warnings, ReadTrace? trace = null)
    {
        var jobs = new List<SessionJob>();
        var sessions = fileSystem.Path.Combine(root, "sessions");
        trace?.Add(sessions);
        if (!fileSystem.Directory.Exists(sessions))
        {
            return jobs;
        }

        var config = KimiConfigFile.Load(fileSystem, root, warnings, trace);
        var model = ModelNames.Canonical(config.DefaultApiModel ?? WireFileReader.UnknownModel);
        var index = KimiCodeWorkspaceIndex.Load(fileSystem, root, warnings, trace);
        foreach (var workspace in KimiSessionReader.SortedDirectories(fileSystem, sessions, warnings, trace))
        {
            var slug = fileSystem.Path.GetFileName(workspace);
            foreach (var session in KimiSessionReader.SortedDirectories(fileSystem, workspace, warnings, trace))
            {
                var id = fileSystem.Path.GetFileName(session);
                jobs.Add(new SessionJob(WireFormat.KimiCode, session, id, index.Resolve(slug, id) ?? slug, model, config));
            }
        }

        return jobs;
    }
}
