using System.CommandLine;
using Omk.Cost.Domain;

namespace Omk.Cli.Arguments;

/// <summary>
/// The kind of run and the options that describe it (<c>team|autopilot|ralph|custom --duration D --workers N ...</c>),
/// and the estimate they give: shared by <c>omk cost estimate</c> and <c>omk cost gate</c>.
/// </summary>
internal sealed class EstimateOptions
{
    private readonly Option<ulong> _duration = CliOptions.Duration("--duration", "How long the run takes (required: the estimate is made from it).", "none");
    private readonly Option<long> _workers = CliOptions.Workers("Workers (agents) of a team or custom run.");
    private readonly Option<long> _iterations = CliOptions.Rounds("--iterations", "Iterations of a ralph or custom run. Default: 0.");
    private readonly Option<long> _phases = CliOptions.Rounds("--phases", "Phases an autopilot run completes. Default: 0.");
    private readonly Option<long> _stories = CliOptions.Rounds("--stories", "User stories of a ralph run. Default: 0.");
    private readonly Option<string> _role = new("--role") { Description = "The team's role: architect or security price as premium.", HelpName = "ROLE" };
    private readonly Option<PricingTier> _tier = CliOptions.Tier("The pricing tier of a custom run:");
    private readonly Option<string> _model = new("--model") { Description = "A model hint that picks a custom run's tier (kimi, claude, codex, gemini, ...).", HelpName = "HINT" };

    /// <summary>Initializes a new instance of the <see cref="EstimateOptions"/> class.</summary>
    /// <param name="kindRequired">Whether the kind of run must be given.</param>
    public EstimateOptions(bool kindRequired)
    {
        Kind = new Argument<string>("kind")
        {
            Description = "The kind of run: team, autopilot, ralph or custom (any case).",
            Arity = kindRequired ? ArgumentArity.ExactlyOne : ArgumentArity.ZeroOrOne,
            CustomParser = result =>
            {
                var text = result.Tokens.Count > 0 ? result.Tokens[^1].Value : string.Empty;
                var match = RunKinds.Word(text);
                if (match is null)
                {
                    result.AddError($"the kind of run must be {CliOptions.Words(RunKinds.Words)}, not '{text}'");
                }

                return match ?? string.Empty;
            },
        };
        Kind.CompletionSources.Add([.. RunKinds.Words]);
    }

    /// <summary>Gets the argument that names the kind of run.</summary>
    public Argument<string> Kind { get; }

    /// <summary>Gets the options that describe the run.</summary>
    public IReadOnlyList<Option> Options => [_duration, _workers, _iterations, _phases, _stories, _role, _tier, _model];

    /// <summary>Adds the argument and the options to a command.</summary>
    /// <param name="command">The command.</param>
    public void AddTo(Command command)
    {
        ArgumentNullException.ThrowIfNull(command);
        command.Arguments.Add(Kind);
        foreach (var option in Options)
        {
            command.Options.Add(option);
        }
    }

    /// <summary>Gets a value indicating whether the command line names a kind of run.</summary>
    /// <param name="parseResult">The parsed command line.</param>
    /// <returns>True when the kind was given.</returns>
    public bool IsGiven(ParseResult parseResult) => parseResult.GetResult(Kind) is { Tokens.Count: > 0 };

    /// <summary>Fails when any of the run's options was given, for a form of a command that takes none of them.</summary>
    /// <param name="parseResult">The parsed command line.</param>
    /// <param name="context">What the options would not apply to.</param>
    /// <exception cref="CommandLineException">One of the options was given.</exception>
    public void Forbid(ParseResult parseResult, string context) =>
        Commands.CliCommand.Forbid(parseResult, context, [.. Options]);

    /// <summary>Estimates the run the command line describes.</summary>
    /// <param name="parseResult">The parsed command line.</param>
    /// <param name="error">Standard error, told when a role or model hint matches no rule and is priced as Standard.</param>
    /// <returns>The estimate.</returns>
    /// <exception cref="CommandLineException">An option was given that the kind of run does not use, or the run has no
    /// duration to size it.</exception>
    public CostEstimate Estimate(ParseResult parseResult, TextWriter error)
    {
        ArgumentNullException.ThrowIfNull(parseResult);
        return Estimate(parseResult, parseResult.GetValue(Kind), error);
    }

    /// <summary>Estimates a run of a kind given apart from the <c>kind</c> argument (such as an option).</summary>
    /// <param name="parseResult">The parsed command line.</param>
    /// <param name="kind">The kind of run: team, autopilot, ralph, or anything else for custom.</param>
    /// <param name="error">Standard error, told when a role or model hint matches no rule and is priced as Standard.</param>
    /// <returns>The estimate.</returns>
    /// <exception cref="CommandLineException">An option was given that the kind of run does not use, or the run has no
    /// duration to size it.</exception>
    public CostEstimate Estimate(ParseResult parseResult, string? kind, TextWriter error)
    {
        ArgumentNullException.ThrowIfNull(parseResult);
        ArgumentNullException.ThrowIfNull(error);
        var secs = Duration.ToEstimatorSeconds(parseResult.GetValue(_duration));
        var runKind = RunKinds.Of(kind);
        var tier = PricingTier.Standard;
        switch (runKind)
        {
            case RunKind.Team:
                Commands.CliCommand.Forbid(parseResult, "a team estimate (its tier comes from --role)", _iterations, _phases, _stories, _tier, _model);
                RequireSize(secs, "a team", "its workers multiply");
                TierHint.CheckRole(error, parseResult.GetValue(_role));
                break;
            case RunKind.Autopilot:
                Commands.CliCommand.Forbid(parseResult, "an autopilot estimate", _workers, _iterations, _stories, _role, _tier, _model);
                RequireSize(secs, "an autopilot", "its phases multiply");
                break;
            case RunKind.Ralph:
                Commands.CliCommand.Forbid(parseResult, "a ralph estimate", _workers, _phases, _role, _tier, _model);
                RequireSize(secs, "a ralph", "its iterations and stories multiply");
                break;
            default:
                Commands.CliCommand.Forbid(parseResult, "a custom estimate", _phases, _stories, _role);
                RequireSize(secs, "a custom", "its workers and iterations multiply");
                tier = CustomTier(parseResult, error);
                break;
        }

        return RunKinds.Estimate(runKind, Size(parseResult, secs, tier));
    }

    /// <summary>The size of the run the options describe; its kind reads only its own fields.</summary>
    private RunSize Size(ParseResult parseResult, long secs, PricingTier tier) => new()
    {
        DurationSecs = secs,
        Workers = parseResult.GetValue(_workers),
        Iterations = parseResult.GetValue(_iterations),
        Phases = parseResult.GetValue(_phases),
        Stories = parseResult.GetValue(_stories),
        Role = parseResult.GetValue(_role),
        Tier = tier,
    };

    /// <summary>The tier of a custom run: <c>--tier</c>, else the one its <c>--model</c> hint names.</summary>
    private PricingTier CustomTier(ParseResult parseResult, TextWriter error)
    {
        if (parseResult.IsGiven(_tier))
        {
            return parseResult.GetValue(_tier);
        }

        TierHint.CheckModel(error, parseResult.GetValue(_model));
        return PricingTiers.FromModelHint(parseResult.GetValue(_model));
    }

    /// <summary>Refuses a run without a duration, which every kind would price as the 500-token minimum.</summary>
    /// <param name="secs">The duration in seconds.</param>
    /// <param name="kind">The kind of run, with its article: <c>a ralph</c>.</param>
    /// <param name="multiplies">What the duration's tokens are multiplied by: <c>its iterations and stories multiply</c>.</param>
    /// <exception cref="CommandLineException">The duration is zero.</exception>
    public static void RequireSize(long secs, string kind, string multiplies)
    {
        if (!CostEstimator.HasSize(secs))
        {
            throw new CommandLineException(
                $"{kind} run needs --duration longer than zero, such as --duration 30m: an estimate counts about 1000 tokens a minute "
                + $"and {multiplies} them, so without a duration it is the 500-token minimum whatever the run's size");
        }
    }
}
