using Omk.Cost.Adapters.Kimi;
using Omk.Cost.Adapters.Kimi.Caching;
using Omk.Cost.Adapters.Kimi.Pricing;
using Omk.Cost.Adapters.Kimi.Reading;
using Omk.Cost.Adapters.Kimi.Tests.Fixtures;

namespace Omk.Cost.Adapters.Kimi.Tests.Counting;

/// <summary>
/// Kimi Work (Moonshot's desktop app) runs Kimi Code with its own home,
/// <c>kimi-desktop/daimon-share/daimon/runtime/kimi-code/home</c> in the platform's application data folder: its
/// sessions are read like Kimi Code's, and the app's own ones (titles, skill summaries) counted and marked.
/// </summary>
public sealed class KimiWorkHomeTests
{
    private const string WorkHome = "/home/user/.config/kimi-desktop/daimon-share/daimon/runtime/kimi-code/home";
    private static readonly long Ms = Wire.Milliseconds(new DateTimeOffset(2026, 11, 18, 9, 0, 0, TimeSpan.Zero));

    [Fact]
    public void FromEnvironment_KimiWorkHomeUnset_IsTheAppsKimiCodeHomeInTheConfigFolder()
    {
        var root = KimiUsageOptions.FromEnvironment(name => name == "XDG_CONFIG_HOME" ? "/xdg" : null, "/home/user").KimiWorkRoot;

        // On Linux the app's data is in $XDG_CONFIG_HOME (else ~/.config); on macOS and Windows in their own folders.
        Assert.Equal(
            OperatingSystem.IsLinux() ? "/xdg/kimi-desktop/daimon-share/daimon/runtime/kimi-code/home" : root,
            root);
        Assert.EndsWith(Path.Combine("kimi-desktop", "daimon-share", "daimon", "runtime", "kimi-code", "home"), root, StringComparison.Ordinal);
    }

    [Fact]
    public void FromEnvironment_KimiWorkHomeSet_UsesIt()
    {
        Assert.Equal("/data/work", KimiUsageOptions.FromEnvironment(name => name == "KIMI_WORK_HOME" ? "/data/work" : null, "/home/user").KimiWorkRoot);
    }

    [Fact]
    public void Read_KimiWorkHome_ConversationsAndTheAppsOwnCallsCountedTheAppsMarked()
    {
        var tree = new KimiTree();
        tree.CodeAgentAt(WorkHome, "wd_notes_77aa", "conv-5d1e", "main", Wire.Lines(Wire.UsageRecord(Ms, "k3-agent", 1000, 100, 0, 0)));
        tree.CodeAgentAt(WorkHome, "wd_notes_77aa", "ctitle-5d1e", "main", Wire.Lines(Wire.UsageRecord(Ms + 10, "k2d6-agent", 300, 20, 0, 0)));
        tree.CodeAgentAt(WorkHome, "wd_notes_77aa", "sklsum-0b3c", "main", Wire.Lines(Wire.UsageRecord(Ms + 20, "k2d6-agent", 200, 10, 0, 0)));
        var options = tree.Options;
        options.KimiWorkRoot = WorkHome;

        var sessions = new KimiUsageReader(tree.FileSystem, options).Read().Sessions;

        Assert.Equal(
            [("conv-5d1e", (string?)null, 1000UL), ("ctitle-5d1e", "Kimi Work: conversation title (the app's own call)", 300UL), ("sklsum-0b3c", "Kimi Work: skill summary (the app's own call)", 200UL)],
            sessions.Select(s => (s.SessionId, s.Title, s.Calls.Single().Usage.InputOther)).Order());
        Assert.Equal(["k2d6-agent", "k2d6-agent", "k3-agent"], sessions.Select(s => s.MainModel!).Order(StringComparer.Ordinal));
    }
}
