using System.IO.Abstractions;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Omk.Cost.Domain.Usage;

namespace Omk.Cost.Adapters.Kimi.Reading.Projects;

/// <summary>
/// Maps Kimi CLI's session folders (<c>md5(work dir)</c>, or <c>&lt;kaos&gt;_md5</c> for remote work dirs) back to
/// the work dir paths listed in <c>kimi.json</c> (<c>work_dirs: [{path, kaos}]</c>).
/// </summary>
internal sealed class KimiCliWorkDirIndex
{
    private const string LocalKaos = "local";

    private readonly Dictionary<string, string> _paths;

    private KimiCliWorkDirIndex(Dictionary<string, string> paths)
    {
        _paths = paths;
    }

    public static KimiCliWorkDirIndex Load(IFileSystem fileSystem, string root, ICollection<UsageWarning> warnings, ReadTrace? trace = null)
    {
        var paths = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        using var document = SmallJsonFile.TryRead(fileSystem, fileSystem.Path.Combine(root, "kimi.json"), warnings, trace);
        if (document?.RootElement is { ValueKind: JsonValueKind.Object } rootElement
            && rootElement.TryGetProperty("work_dirs", out var workDirs)
            && workDirs.ValueKind == JsonValueKind.Array)
        {
            foreach (var workDir in workDirs.EnumerateArray())
            {
                if (SmallJsonFile.String(workDir, "path") is not { } path)
                {
                    continue;
                }

                var hash = Md5Hex(path);
                var kaos = SmallJsonFile.String(workDir, "kaos") ?? LocalKaos;
                paths.TryAdd(kaos == LocalKaos ? hash : $"{kaos}_{hash}", path);
            }
        }

        return new KimiCliWorkDirIndex(paths);
    }

    /// <summary>Gets the work dir of a session folder's parent, or null when <c>kimi.json</c> does not list it.</summary>
    public string? Resolve(string folderName) => _paths.GetValueOrDefault(folderName);

    internal static string Md5Hex(string text)
    {
#pragma warning disable CA5351 // MD5 is how Kimi CLI names the folder, not a security measure.
        var hash = MD5.HashData(Encoding.UTF8.GetBytes(text));
#pragma warning restore CA5351
        return Convert.ToHexStringLower(hash);
    }
}
