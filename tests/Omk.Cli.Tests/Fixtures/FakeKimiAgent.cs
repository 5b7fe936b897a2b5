using System.Globalization;

namespace Omk.Cli.Tests.Fixtures;

/// <summary>
/// The fake Kimi agent of the process tests (<c>tests/Omk.FakeKimi</c>): its command line, the Kimi configuration it is
/// priced under, what one of its calls costs there, and the calls its journal says it logged.
/// </summary>
internal static class FakeKimiAgent
{
    /// <summary>What one call costs at kimi-k2.6's prices: 100 000 × $0.95 + 10 000 × $4 per million.</summary>
    public const decimal CallUsd = 0.135m;

    /// <summary>A Kimi CLI <c>config.toml</c> whose default model is kimi-k2.6.</summary>
    public const string Config = "default_model = \"main\"\n\n[models.main]\nprovider = \"moonshot\"\nmodel = \"kimi-k2.6\"\n";

    /// <summary>Writes <see cref="Config"/> into a Kimi CLI share folder.</summary>
    /// <param name="share">The folder, the value of <c>KIMI_SHARE_DIR</c>.</param>
    public static void WriteConfig(string share) => File.WriteAllText(Path.Combine(share, "config.toml"), Config);

    /// <summary>Gets the agent's command line, to put after <c>omk cost run --</c>.</summary>
    /// <param name="args">The agent's options.</param>
    /// <returns>The command line.</returns>
    public static string[] Command(params string[] args) =>
        [Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") ?? "dotnet", Path.Combine(AppContext.BaseDirectory, "Omk.FakeKimi.dll"), .. args];

    /// <summary>Reads the calls the agent logged, from its <c>--journal</c> file.</summary>
    /// <param name="journal">The journal file.</param>
    /// <returns>Each call's number and when it was logged.</returns>
    public static List<(int Call, DateTimeOffset At)> Calls(string journal) =>
        [.. File.ReadAllLines(journal)
            .Where(static line => line.StartsWith("call ", StringComparison.Ordinal))
            .Select(static line => line.Split(' '))
            .Select(static parts => (int.Parse(parts[1], CultureInfo.InvariantCulture), DateTimeOffset.FromUnixTimeMilliseconds(long.Parse(parts[2], CultureInfo.InvariantCulture))))];
}
