using System.CommandLine;
using Omk.Cli.Arguments;
using Omk.Cost.Application.Runs;
using Omk.Cost.Domain;
using Omk.Cost.Domain.Budgets;

namespace Omk.Cli.Commands;

/// <summary>The options of <c>omk cost run</c>, declared once: the command adds them and its action reads them.</summary>
internal sealed class RunOptions
{
    /// <summary>Gets the options of the estimate reserved with <c>--kind</c>.</summary>
    public EstimateOptions Estimate { get; } = new(kindRequired: false);

    public Option<string[]> Budgets { get; } = new("--budget")
    {
        Description = "Also stop at what this budget leaves (repeat for more). Every budget that covers the run's type applies anyway.",
        HelpName = "NAME",
        Arity = ArgumentArity.OneOrMore,
    };

    public Option<decimal> Limit { get; } = CliOptions.Dollars("--limit", "Stop the command when its Kimi sessions have spent this many US dollars (and reserve that much unless --usd or an estimate is given).");

    public Option<decimal> Usd { get; } = CliOptions.Dollars("--usd", "The amount to reserve at the gate (when budgets apply, the run reserves more in steps of it, at least $0.50, as it spends). Default: the estimate of --kind, else --limit, else nothing.");

    public Option<string> Kind { get; } = CliOptions.Text("--kind", "Reserve the estimate of a kind of run (team, autopilot, ralph or custom) with the estimate options.", "KIND");

    public Option<string> Type { get; } = CliOptions.Text("--type", "The session type the run is recorded as, and the budgets of which type apply.", "TYPE");

    public Option<string> Name { get; } = CliOptions.Text("--name", "The run's name. Default: the Kimi session's title, else the command.", "NAME");

    public Option<ulong> Grace { get; } = CliOptions.Duration("--grace", "How long the command is given after SIGINT before SIGTERM, and after SIGTERM before SIGKILL.", "10s");

    public Option<bool> Json { get; } = new("--json") { Description = "Write the summary as one JSON line on standard error." };

    public Option<bool> FailOpen { get; } = new("--fail-open")
    {
        Description = "When the team store cannot be reached, run anyway (one warning; the reservation is not stored), instead of failing before the command starts.",
    };

    public Argument<string[]> CommandLine { get; } = new("command")
    {
        Description = "The command to run and its arguments, after --.",
        Arity = ArgumentArity.OneOrMore,
        HelpName = "COMMAND",
    };

    /// <summary>Adds every option to the command, the estimate's first, and the command line to run.</summary>
    /// <param name="command">The command.</param>
    public void AddTo(Command command)
    {
        foreach (var option in Estimate.Options.Concat([Budgets, Limit, Usd, Kind, Type, Name, Grace, Json, FailOpen, KimiSpendOption.Create()]))
        {
            command.Options.Add(option);
        }

        command.Arguments.Add(CommandLine);
    }

    /// <summary>Reads the run to supervise: the command, what it reserves and is recorded as, and where it stops.</summary>
    /// <param name="parseResult">The parsed command line.</param>
    /// <param name="error">Standard error, for the estimate's notes.</param>
    /// <returns>The request.</returns>
    /// <exception cref="CommandLineException">No command, no grace, or options that do not go together.</exception>
    public RunRequest Request(ParseResult parseResult, TextWriter error)
    {
        var argv = parseResult.GetValue(CommandLine) ?? [];
        if (argv.Length == 0 || argv[0].Length == 0)
        {
            throw new CommandLineException("give the command to run after --, such as: omk cost run --limit 2 -- kimi -p 'PROMPT'");
        }

        var graceSeconds = parseResult.IsGiven(Grace) ? parseResult.GetValue(Grace) : (ulong)RunRequest.DefaultGrace.TotalSeconds;
        if (graceSeconds == 0)
        {
            throw new CommandLineException("--grace must be at least 1s");
        }

        return new RunRequest
        {
            Command = new ChildCommand { FileName = argv[0], Arguments = argv[1..], WorkingDirectory = Environment.CurrentDirectory },
            Reservation = new ReservationRequest
            {
                AmountUsd = Amount(parseResult, error),
                SessionType = parseResult.IsGiven(Type) ? parseResult.GetValue(Type)!.Trim() : RunRequest.DefaultSessionType,
                Name = parseResult.IsGiven(Name) ? parseResult.GetValue(Name)!.Trim() : null,
                Budgets = parseResult.GetValue(Budgets) ?? [],
            },
            LimitUsd = parseResult.IsGiven(Limit) ? parseResult.GetValue(Limit) : null,
            Grace = TimeSpan.FromSeconds(Math.Min(graceSeconds, 3600)),
            FailOpen = parseResult.GetValue(FailOpen),
        };
    }

    /// <summary>What the gate reserves: the estimate of <c>--kind</c>, else <c>--usd</c>, else <c>--limit</c>, else nothing.</summary>
    private decimal Amount(ParseResult parseResult, TextWriter error)
    {
        if (parseResult.IsGiven(Kind))
        {
            if (parseResult.IsGiven(Usd))
            {
                throw new CommandLineException("give --usd or --kind, not both");
            }

            var chosen = RunKinds.Word(parseResult.GetValue(Kind))
                ?? throw new CommandLineException($"--kind must be {CliOptions.Words(RunKinds.Words)}, not '{parseResult.GetValue(Kind)}'");

            return Estimate.Estimate(parseResult, chosen, error).EstimatedUsd;
        }

        Estimate.Forbid(parseResult, "a run without --kind");
        return parseResult.IsGiven(Usd) ? parseResult.GetValue(Usd) : parseResult.IsGiven(Limit) ? parseResult.GetValue(Limit) : 0m;
    }
}
