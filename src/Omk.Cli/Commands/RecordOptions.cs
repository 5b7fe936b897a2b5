using System.CommandLine;
using Omk.Cli.Arguments;
using Omk.Cost.Domain;

namespace Omk.Cli.Commands;

/// <summary>The options of <c>omk cost record</c>, declared once: the command adds them and its action reads them.</summary>
internal sealed class RecordOptions
{
    public RecordOptions()
    {
        Name.Required = true;
    }

    public Option<string> Type { get; } = CliOptions.Text("--type", "The session type, such as team, autopilot or ralph. Required, unless --reservation gives it: a settle takes the type its gate fixed, and refuses another.", "TYPE");

    public Option<string> Name { get; } = CliOptions.Text("--name", "The session's name.", "NAME");

    public Option<ulong> Duration { get; } = CliOptions.Duration("How long the session ran; the estimate is made from it.");

    public Option<long> Workers { get; } = CliOptions.Workers("Workers (agents) of the session.");

    public Option<long> Iterations { get; } = CliOptions.Rounds("--iterations", "Iterations of the session. Default: 0.");

    public Option<PricingTier> Tier { get; } = CliOptions.Tier("The pricing tier of a session of another type. Default: standard;");

    public Option<long> Phases { get; } = CliOptions.Rounds("--phases", "Phases an autopilot session completed. Default: 0.");

    public Option<long> Stories { get; } = CliOptions.Rounds("--stories", "User stories of a ralph session. Default: 0.");

    public Option<string> Role { get; } = new("--role") { Description = "A team session's role: architect or security price as premium.", HelpName = "ROLE" };

    public Option<ulong> InputTokens { get; } = CliOptions.Tokens("--input-tokens", "Exact input tokens, instead of --duration (with --output-tokens).");

    public Option<ulong> OutputTokens { get; } = CliOptions.Tokens("--output-tokens", "Exact output tokens, instead of --duration (with --input-tokens).");

    public Option<TimeBound> StartedAt { get; } = CliOptions.Time("--started-at", "When the session started. Default: its end minus its duration.");

    public Option<TimeBound> EndedAt { get; } = CliOptions.Time("--ended-at", "When the session ended. Default: its start plus its duration with --started-at, else now.");

    public Option<decimal> ActualUsd { get; } = CliOptions.Dollars("--actual-usd", "What the session really cost, when known.");

    public Option<string> Reservation { get; } = CliOptions.Text("--reservation", "Settle this reservation of 'omk cost gate': the session is recorded and the reservation removed in one step.", "ID");

    public Option<bool> Json { get; } = CliOptions.Json("the recorded session");

    /// <summary>Gets every option, in the order the help lists them.</summary>
    public Option[] All => [Type, Name, Duration, Workers, Iterations, Phases, Stories, Role, Tier, InputTokens, OutputTokens, StartedAt, EndedAt, ActualUsd, Reservation, Json];
}
