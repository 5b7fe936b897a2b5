using System.CommandLine;

namespace Omk.Cli.Commands;

/// <summary>The options of <c>usage kimi</c> and <c>import kimi</c> that say which logs to read and how to price them.</summary>
internal sealed class KimiSourceOptions
{
    /// <summary>Gets <c>--model</c>.</summary>
    public Option<string> Model { get; } = new("--model") { Description = "Price Kimi CLI sessions as this model instead of the one in Kimi's config.toml.", HelpName = "MODEL" };

    /// <summary>Gets <c>--prices</c>.</summary>
    public Option<string> Prices { get; } = new("--prices") { Description = "A price file over the built-in prices. Default: prices.json in the state folder, when it exists.", HelpName = "FILE" };

    /// <summary>Gets <c>--kimi-code-home</c>.</summary>
    public Option<string> KimiCodeHome { get; } = new("--kimi-code-home") { Description = "The Kimi Code home to read. Default: $KIMI_CODE_HOME, else ~/.kimi-code.", HelpName = "DIR" };

    /// <summary>Gets <c>--kimi-work-home</c>.</summary>
    public Option<string> KimiWorkHome { get; } = new("--kimi-work-home") { Description = "The Kimi Code home of Kimi Work (the desktop app) to read. Default: $KIMI_WORK_HOME, else the app's kimi-desktop/daimon-share/daimon/runtime/kimi-code/home.", HelpName = "DIR" };

    /// <summary>Gets the options in the order the help lists them.</summary>
    public IEnumerable<Option> All => [Model, Prices, KimiCodeHome, KimiWorkHome];
}
