using System.Globalization;
using System.IO.Abstractions;
using System.Text;
using Omk.Cost.Adapters.Kimi;
using Omk.Cost.Adapters.Kimi.Caching;
using Omk.Cost.Adapters.Kimi.Pricing;
using Omk.Cost.Adapters.Kimi.Reading;
using Omk.Cost.Domain.Usage;

namespace Omk.Cost.Adapters.Kimi.Tests.Fixtures;

/// <summary>
/// A Kimi CLI and a Kimi Code folder in a fresh temp folder on the real disk (the index tells files apart by inode,
/// which only the real disk has), with a state folder for the index; removed on dispose.
/// </summary>
internal sealed class DiskKimiTree : IDisposable
{
    public DiskKimiTree()
    {
        Root = Path.Combine(Path.GetTempPath(), "omk-kimi-index-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(Path.Combine(CliRoot, "sessions"));
        Directory.CreateDirectory(Path.Combine(CodeRoot, "sessions"));
        File.WriteAllText(Path.Combine(CliRoot, "config.toml"), "default_model = \"main\"\n\n[models.main]\nprovider = \"moonshot\"\nmodel = \"kimi-k2.6\"\n");
    }

    public string Root { get; }

    public string CliRoot => Path.Combine(Root, "kimi");

    public string CodeRoot => Path.Combine(Root, "kimi-code");

    public string IndexDirectory => Path.Combine(Root, "state", "kimi-index");

    public FileSystem FileSystem { get; } = new();

    public static DateTimeOffset Start { get; } = new(2026, 11, 20, 9, 0, 0, TimeSpan.Zero);

    public string CliWire(string workDir, string session, string? subagent = null) => subagent is null
        ? Path.Combine(CliRoot, "sessions", workDir, session, "wire.jsonl")
        : Path.Combine(CliRoot, "sessions", workDir, session, "subagents", subagent, "wire.jsonl");

    public string CodeWire(string workspace, string session, string agent) =>
        Path.Combine(CodeRoot, "sessions", workspace, session, "agents", agent, "wire.jsonl");

    public static string CliCall(int second, ulong inputOther, ulong output, string? messageId) =>
        Wire.Status(Wire.Seconds(Start.AddSeconds(second)), inputOther, output, inputOther * 3, 0, messageId) + "\n";

    public static string CliSubagentCall(int second, string agent, ulong inputOther, ulong output, string messageId) =>
        Wire.Subagent(Wire.Seconds(Start.AddSeconds(second)), agent, Wire.StatusEvent(inputOther, output, 0, 0, messageId)) + "\n";

    public static string CodeCall(int second, ulong inputOther, ulong output) =>
        Wire.UsageRecord(Wire.Milliseconds(Start.AddSeconds(second)), "kimi-k2.5", inputOther, output, 0, 0) + "\n";

    public static void Append(string path, string text)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        using var stream = new FileStream(path, FileMode.Append, FileAccess.Write, FileShare.ReadWrite);
        stream.Write(Encoding.UTF8.GetBytes(text));
    }

    public KimiUsageOptions Options(bool indexed, bool titles = true) => new()
    {
        KimiCliRoot = CliRoot,
        KimiCodeRoot = CodeRoot,
        IncludeTitles = titles,
        IndexDirectory = indexed ? IndexDirectory : null,
        IndexWriter = indexed ? new DirectIndexWriter() : null,
    };

    public KimiUsageResult Read(bool indexed, TimeProvider? timeProvider = null, bool titles = true) =>
        new KimiUsageReader(FileSystem, Options(indexed, titles), timeProvider ?? TimeProvider.System).Read();

    /// <summary>Everything a result says, as text: the sessions, the report by session and the warnings.</summary>
    public static string Describe(KimiUsageResult result)
    {
        var text = new StringBuilder();
        foreach (var session in result.Sessions)
        {
            text.Append(CultureInfo.InvariantCulture, $"{session.SessionId} {session.Title} {session.Project} {session.StartedAt:O} {session.EndedAt:O} {session.Calls.Count}\n");
            foreach (var call in session.Calls)
            {
                text.Append(CultureInfo.InvariantCulture, $"  {call.Timestamp:O} {call.Model} {call.Usage}\n");
            }
        }

        foreach (var group in result.Report(new UsageQuery { GroupBy = UsageGrouping.Session }).Groups)
        {
            var summary = group.Summary;
            text.Append(CultureInfo.InvariantCulture, $"{group.Key} {group.Label} {group.ForkedFrom} {group.Session} {summary.Sessions} {summary.Usage} {summary.CostUsd} {summary.PricedCostUsd} {string.Join(',', summary.Unpriced)} {summary.Retries}\n");
        }

        foreach (var warning in result.Warnings)
        {
            text.Append(warning).Append('\n');
        }

        return text.ToString();
    }

    public void Dispose()
    {
        try
        {
            Directory.Delete(Root, recursive: true);
        }
        catch (IOException)
        {
            // A folder still in use is left to the system's temp cleaning.
        }
    }

    /// <summary>Writes index files directly (the adapter's tests have no atomic writer; the CLI's has).</summary>
    private sealed class DirectIndexWriter : IKimiIndexWriter
    {
        public void Write(string path, ReadOnlyMemory<byte> content)
        {
            Directory.CreateDirectory(Path.GetDirectoryName(path)!);
            File.WriteAllBytes(path, content.ToArray());
        }
    }
}
