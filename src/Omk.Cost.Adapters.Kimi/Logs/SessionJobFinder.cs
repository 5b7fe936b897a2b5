using System.IO.Abstractions;
using Omk.Cost.Adapters.Kimi.Config;
using Omk.Cost.Adapters.Kimi.Index;
using Omk.Cost.Adapters.Kimi.Projects;

namespace Omk.Cost.Adapters.Kimi.Logs;

/// <summary>
/// Lists the session folders of Kimi CLI (<c>sessions/&lt;work dir hash&gt;/&lt;session&gt;</c>) and Kimi Code
/// (<c>sessions/&lt;workspace&gt;/&lt;session&gt;</c>), with their project and default model.
/// </summary>
internal static class SessionJobFinder
{
    public static List<SessionJob> KimiCli(IFileSystem fileSystem, string root, string? modelOverride, ICollection<KimiLogWarning> warnings, ReadTrace? trace = null)
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
        if (string.IsNullOrWhiteSpace(model))
        {
            model = config.DefaultApiModel;
            if (string.IsNullOrWhiteSpace(model))
            {
                warnings.Add(new KimiLogWarning(
                    root,
                    "neither config.toml nor config.json names the default model (default_model), so Kimi CLI usage is priced as model \"unknown\", which has no price; pass --model to choose one"));
                model = WireFileReader.UnknownModel;
            }
        }

        var canonical = ModelNames.Canonical(model);
        var index = KimiCliWorkDirIndex.Load(fileSystem, root, warnings, trace);
        foreach (var workDir in KimiSessionReader.SortedDirectories(fileSystem, sessions, warnings, trace))
        {
            var folder = fileSystem.Path.GetFileName(workDir);
            var project = index.Resolve(folder) ?? folder;
            foreach (var session in KimiSessionReader.SortedDirectories(fileSystem, workDir, warnings, trace))
            {
                jobs.Add(new SessionJob(WireFormat.KimiCli, session, fileSystem.Path.GetFileName(session), project, canonical, config));
            }
        }

        return jobs;
    }

    public static List<SessionJob> KimiCode(IFileSystem fileSystem, string root, ICollection<KimiLogWarning> warnings, ReadTrace? trace = null)
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
