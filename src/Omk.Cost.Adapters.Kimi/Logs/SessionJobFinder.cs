using System.IO.Abstractions;
using Omk.Cost.Adapters.Kimi.Config;
using Omk.Cost.Adapters.Kimi.Projects;

namespace Omk.Cost.Adapters.Kimi.Logs;

/// <summary>
/// Lists the session folders of Kimi CLI (<c>sessions/&lt;work dir hash&gt;/&lt;session&gt;</c>) and Kimi Code
/// (<c>sessions/&lt;workspace&gt;/&lt;session&gt;</c>), with their project and default model.
/// </summary>
internal static class SessionJobFinder
{
    public static List<SessionJob> KimiCli(IFileSystem fileSystem, string root, string? modelOverride, ICollection<KimiLogWarning> warnings)
    {
        var jobs = new List<SessionJob>();
        var sessions = fileSystem.Path.Combine(root, "sessions");
        if (!fileSystem.Directory.Exists(sessions))
        {
            return jobs;
        }

        var model = modelOverride;
        if (string.IsNullOrWhiteSpace(model))
        {
            model = KimiCliModelResolver.Resolve(fileSystem, root, warnings);
            if (string.IsNullOrWhiteSpace(model))
            {
                warnings.Add(new KimiLogWarning(
                    root,
                    "neither config.toml (default_model) nor config.json (model) names the model, so Kimi CLI usage is priced as model \"unknown\", which has no price; pass --model to choose one"));
                model = WireFileReader.UnknownModel;
            }
        }

        var index = KimiCliWorkDirIndex.Load(fileSystem, root, warnings);
        foreach (var workDir in KimiSessionReader.SortedDirectories(fileSystem, sessions))
        {
            var folder = fileSystem.Path.GetFileName(workDir);
            var project = index.Resolve(folder) ?? folder;
            foreach (var session in KimiSessionReader.SortedDirectories(fileSystem, workDir))
            {
                jobs.Add(new SessionJob(WireFormat.KimiCli, session, fileSystem.Path.GetFileName(session), project, model.Trim()));
            }
        }

        return jobs;
    }

    public static List<SessionJob> KimiCode(IFileSystem fileSystem, string root, ICollection<KimiLogWarning> warnings)
    {
        var jobs = new List<SessionJob>();
        var sessions = fileSystem.Path.Combine(root, "sessions");
        if (!fileSystem.Directory.Exists(sessions))
        {
            return jobs;
        }

        var index = KimiCodeWorkspaceIndex.Load(fileSystem, root, warnings);
        foreach (var workspace in KimiSessionReader.SortedDirectories(fileSystem, sessions))
        {
            var slug = fileSystem.Path.GetFileName(workspace);
            foreach (var session in KimiSessionReader.SortedDirectories(fileSystem, workspace))
            {
                var id = fileSystem.Path.GetFileName(session);
                jobs.Add(new SessionJob(WireFormat.KimiCode, session, id, index.Resolve(slug, id) ?? slug, WireFileReader.UnknownModel));
            }
        }

        return jobs;
    }
}
