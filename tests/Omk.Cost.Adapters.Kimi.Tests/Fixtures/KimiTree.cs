using System.IO.Abstractions.TestingHelpers;
using System.Security.Cryptography;
using System.Text;
using Omk.Cost.Adapters.Kimi;
using Omk.Cost.Adapters.Kimi.Reading;

namespace Omk.Cost.Adapters.Kimi.Tests.Fixtures;

/// <summary>
/// Lays out Kimi CLI and Kimi Code folders on a <see cref="MockFileSystem"/>.
/// </summary>
internal sealed class KimiTree
{
    public const string CliRoot = "/home/user/.kimi";
    public const string CodeRoot = "/home/user/.kimi-code";

    public MockFileSystem FileSystem { get; } = new();

    public KimiUsageOptions Options => new() { KimiCliRoot = CliRoot, KimiCodeRoot = CodeRoot };

    public static string Md5(string text) => Convert.ToHexStringLower(MD5.HashData(Encoding.UTF8.GetBytes(text)));

    /// <summary>Makes a tree whose Kimi CLI <c>config.toml</c> makes an API model the default.</summary>
    public static KimiTree WithDefaultModel(string model)
    {
        var tree = new KimiTree();
        tree.Config($"""
            default_model = "main"

            [models.main]
            provider = "openai_legacy"
            model = "{model}"
            """);
        return tree;
    }

    public void File(string path, string content) => FileSystem.AddFile(path, new MockFileData(content));

    public void Config(string toml) => File($"{CliRoot}/config.toml", toml);

    public string CliSessionDir(string folder, string sessionId) => $"{CliRoot}/sessions/{folder}/{sessionId}";

    public void CliSession(string folder, string sessionId, string wire) => File($"{CliSessionDir(folder, sessionId)}/wire.jsonl", wire);

    public void CliSubagent(string folder, string sessionId, string agentId, string wire) =>
        File($"{CliSessionDir(folder, sessionId)}/subagents/{agentId}/wire.jsonl", wire);

    public void CodeAgent(string workspace, string sessionId, string agent, string wire) => CodeAgentAt(CodeRoot, workspace, sessionId, agent, wire);

    public void CodeAgentAt(string home, string workspace, string sessionId, string agent, string wire) =>
        File($"{home}/sessions/{workspace}/{sessionId}/agents/{agent}/wire.jsonl", wire);
}
