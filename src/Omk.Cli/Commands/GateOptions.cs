using System.CommandLine;
using Omk.Cli.Arguments;

namespace Omk.Cli.Commands;

/// <summary>The options of <c>omk cost gate</c>, declared once: the command adds them and its action reads them.</summary>
internal sealed class GateOptions
{
    /// <summary>Gets the kind of run to estimate and its size.</summary>
    public EstimateOptions Run { get; } = new(kindRequired: false);

    public Option<decimal> Usd { get; } = CliOptions.Dollars("--usd", "The amount to reserve, instead of the estimate of a kind of run.");

    public Option<string> Type { get; } = CliOptions.Text("--type", "The run's session type, fixed for its settle; budgets scoped to another type do not apply. Default: the kind of run (none for custom and --usd: a run without a type counts against every budget).", "TYPE");

    public Option<string> Name { get; } = CliOptions.Text("--name", "The run's name, kept with the reservation.", "NAME");

    public Option<string[]> Budgets { get; } = new("--budget")
    {
        Description = "Check this budget too (repeat for more), besides every budget that covers the run's type.",
        HelpName = "NAME",
        Arity = ArgumentArity.OneOrMore,
    };

    public Option<ulong> Ttl { get; } = CliOptions.Duration("--ttl", "How long the reservation counts unless settled or released.", "twice the run's estimated duration, at least 12h; renew it with 'omk cost reservations extend ID'");

    public Option<bool> Json { get; } = CliOptions.Json("the reservation");

    public Option<bool> FailOpen { get; } = new("--fail-open")
    {
        Description = "When the team store cannot be reached, admit the run anyway with one warning (its reservation is not stored), instead of failing with 1.",
    };

    /// <summary>Adds every option to the command, the kind of run's first.</summary>
    /// <param name="command">The command.</param>
    public void AddTo(Command command)
    {
        Run.AddTo(command);
        foreach (var option in new Option[] { Usd, Type, Name, Budgets, Ttl, Json, FailOpen, KimiSpendOption.Create() })
        {
            command.Options.Add(option);
        }
    }
}
