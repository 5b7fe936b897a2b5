using System.CommandLine;
using Omk.Cli.Arguments;
using Omk.Cli.Hosting;
using Omk.Cli.Output;
using Omk.Cli.Rendering;
using Omk.Cost.Domain;
using Omk.Cost.Domain.Budgets;

namespace Omk.Cli.Commands;

/// <summary><c>omk cost budget set|list|remove|check</c>: the stored budgets, which <c>omk cost gate</c> checks before a run.</summary>
internal static class BudgetPolicyCommands
{
    private const string NoBudgets = "No budgets set. Set one with: omk cost budget set NAME --limit USD --period month\n";

    /// <summary>Creates <c>budget set NAME --limit USD [--period P] [--type TYPE] [--warn-at PERCENT]</c>.</summary>
    /// <param name="environment">The command's environment.</param>
    /// <returns>The command.</returns>
    public static Command Set(CliEnvironment environment)
    {
        var name = NameArgument("The budget's name; a budget of the same name (in any case) is replaced.");
        var limit = CliOptions.Dollars("--limit", "The most that may be spent and reserved in one period, in US dollars.");
        limit.Required = true;
        var period = BudgetCommand.BudgetPeriodOption("How long one period lasts, in the calendar of the --tz zone (kept with the budget):");
        var type = CliOptions.Text("--type", "Count only sessions and runs of this type (case-insensitive). Default: every type.", "TYPE");
        var warnAt = CliOptions.Percent("--warn-at", "Warn on standard error, from every command that reads the budget, once spend plus reservations pass this share of the limit.");

        var command = CliCommand.Create(
            "set",
            "Set a budget: a limit for each day, week, month or all time, optionally for one session type.",
            "omk cost budget set monthly --limit 100 --period month --warn-at 80",
            "omk cost budget set team-daily --limit 10 --period day --type team --tz Asia/Shanghai");
        command.Arguments.Add(name);
        foreach (var option in new Option[] { limit, period, type, warnAt })
        {
            command.Options.Add(option);
        }

        command.SetAction((parseResult, cancellationToken) =>
        {
            var policy = new BudgetPolicy
            {
                Name = parseResult.GetValue(name)!.Trim(),
                LimitUsd = parseResult.GetValue(limit),
                Period = parseResult.GetValue(period).Value,
                SessionType = parseResult.IsGiven(type) ? parseResult.GetValue(type)!.Trim() : null,
                WarnAtPercent = parseResult.IsGiven(warnAt) ? parseResult.GetValue(warnAt) : null,
                TimeZoneId = TimeZoneOption.Resolve(environment).Id,
            };
            return SetAsync(environment, policy, parseResult.IsGiven(period), cancellationToken);
        });
        return command;
    }

    /// <summary>The action of <c>budget set</c>: stores the budget, says what it is, and notes an all-time one.</summary>
    private static async Task<int> SetAsync(CliEnvironment environment, BudgetPolicy policy, bool periodGiven, CancellationToken cancellationToken)
    {
        using var services = CostServices.Create(environment);
        var replaced = await services.Budgets.SetBudgetAsync(policy, cancellationToken).ConfigureAwait(false);
        environment.Out.Write($"{(replaced ? "Replaced" : "Set")} budget \"{policy.Name}\": {Describe(policy)}\n");
        if (!periodGiven)
        {
            ErrorLine.Note(environment.Error, $"without --period \"{policy.Name}\" is an all-time budget; give --period day, week or month for one that starts again each period");
        }

        return ExitCodes.Success;
    }

    /// <summary>Creates <c>budget list [--json]</c>.</summary>
    /// <param name="environment">The command's environment.</param>
    /// <returns>The command.</returns>
    public static Command List(CliEnvironment environment)
    {
        var json = CliOptions.Json("the budgets");
        var command = CliCommand.Create("list", "List the budgets, in the order they were set.", "omk cost budget list", "omk cost budget list --json");
        command.Options.Add(json);
        command.SetAction((parseResult, cancellationToken) => ListAsync(environment, parseResult.GetValue(json), cancellationToken));
        return command;
    }

    /// <summary>The action of <c>budget list</c>: the budgets as JSON or a table, then those past their warning share.</summary>
    private static async Task<int> ListAsync(CliEnvironment environment, bool json, CancellationToken cancellationToken)
    {
        using var services = CostServices.Create(environment);
        var budgets = await services.Budgets.ListBudgetsAsync(cancellationToken).ConfigureAwait(false);
        if (json)
        {
            CliJson.Write(environment.Out, new BudgetListDocument([.. budgets.Select(BudgetPolicyDocument.From)]), CliJsonContext.Default.BudgetListDocument);
        }
        else if (budgets.Count == 0)
        {
            environment.Out.Write(NoBudgets);
        }
        else
        {
            StyledOutput.For(environment).Write(ListTable(budgets));
        }

        await WarnAsync(environment, services, budgets, cancellationToken).ConfigureAwait(false);
        return ExitCodes.Success;
    }

    /// <summary>The table of <c>budget list</c>: one row a budget.</summary>
    private static TextTable ListTable(IEnumerable<BudgetPolicy> budgets)
    {
        // Too wide for the terminal: long names are shortened, then the zone, the warning and the type go.
        var table = new TextTable(
            TextColumn.Text("Budget") with { CanShorten = true },
            TextColumn.Number("Limit"),
            TextColumn.Text("Period"),
            TextColumn.Text("Type") with { DropOrder = 3 },
            TextColumn.Number("Warn at") with { DropOrder = 2 },
            TextColumn.Text("Time zone") with { DropOrder = 1 });
        foreach (var budget in budgets)
        {
            table.AddRow([
                budget.Name,
                Figures.Usd(budget.LimitUsd),
                BudgetText.Period(budget.Period),
                budget.SessionType ?? "any",
                budget.WarnAtPercent is { } warn ? BudgetText.Percent(warn) : "-",
                budget.TimeZoneId,
            ]);
        }

        return table;
    }

    /// <summary>Creates <c>budget remove NAME</c>.</summary>
    /// <param name="environment">The command's environment.</param>
    /// <returns>The command.</returns>
    public static Command Remove(CliEnvironment environment)
    {
        var name = NameArgument("The budget to remove, in any case.");
        var command = CliCommand.Create("remove", "Remove a budget. Its reservations stay until settled, released or expired.", "omk cost budget remove monthly");
        command.Arguments.Add(name);
        command.SetAction((parseResult, cancellationToken) => RemoveAsync(environment, parseResult.GetValue(name)!, cancellationToken));
        return command;
    }

    /// <summary>The action of <c>budget remove</c>: the budget removed (a budget that does not exist fails).</summary>
    private static async Task<int> RemoveAsync(CliEnvironment environment, string name, CancellationToken cancellationToken)
    {
        using var services = CostServices.Create(environment);
        await services.Budgets.RemoveBudgetAsync(name, cancellationToken).ConfigureAwait(false);
        environment.Out.Write($"Removed budget \"{name}\".\n");
        return ExitCodes.Success;
    }

    /// <summary>Creates <c>budget check [NAME...] [--json]</c>; it exits with 3 when a checked budget is exceeded.</summary>
    /// <param name="environment">The command's environment.</param>
    /// <returns>The command.</returns>
    public static Command Check(CliEnvironment environment)
    {
        var names = new Argument<string[]>("name") { Description = "The budgets to check. Default: all of them.", Arity = ArgumentArity.ZeroOrMore };
        var json = CliOptions.Json("where each budget stands");
        var command = CliCommand.Create(
            "check",
            "Show where budgets stand in their current periods: limit, spent (the history, and what Kimi sessions on this machine spent that it does not hold), reserved by admitted runs, remaining. Exits with 3 when one is exceeded.",
            "omk cost budget check",
            "omk cost budget check monthly --json");
        command.Arguments.Add(names);
        command.Options.Add(json);
        command.SetAction((parseResult, cancellationToken) => CheckAsync(environment, parseResult.GetValue(names) ?? [], parseResult.GetValue(json), cancellationToken));
        return command;
    }

    /// <summary>The action of <c>budget check</c>: where the budgets stand, shown, each warning and each budget exceeded told.</summary>
    private static async Task<int> CheckAsync(CliEnvironment environment, string[] names, bool json, CancellationToken cancellationToken)
    {
        using var services = CostServices.Create(environment);
        var standings = await services.Budgets.CheckAsync(names, cancellationToken).ConfigureAwait(false);
        var exceeded = standings.Where(static standing => standing.Exceeded).ToList();
        if (json)
        {
            CliJson.Write(
                environment.Out,
                new BudgetCheckDocument([.. standings.Select(BudgetStandingDocument.From)], exceeded.Count > 0),
                CliJsonContext.Default.BudgetCheckDocument);
        }
        else if (standings.Count == 0)
        {
            environment.Out.Write(NoBudgets);
        }
        else
        {
            StyledOutput.For(environment).Write(BudgetText.CheckTable(standings));
        }

        BudgetText.WriteWarnings(environment.Error, standings);
        foreach (var standing in exceeded)
        {
            ErrorLine.Write(environment.Error, $"budget exceeded: {BudgetText.Describe(standing)}");
        }

        return exceeded.Count > 0 ? ExitCodes.BudgetExceeded : ExitCodes.Success;
    }

    /// <summary>Prints the warning lines of the budgets a command read, reading their standing only when one has a warning share.</summary>
    /// <param name="environment">The command's environment.</param>
    /// <param name="services">The command's services.</param>
    /// <param name="budgets">The budgets, as the command read them.</param>
    /// <param name="cancellationToken">The token to monitor for cancellation requests.</param>
    /// <returns>A task that completes when the lines are written.</returns>
    public static async Task WarnAsync(CliEnvironment environment, CostServices services, IReadOnlyList<BudgetPolicy>? budgets, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(environment);
        ArgumentNullException.ThrowIfNull(services);
        BudgetText.WriteWarnings(environment.Error, await services.Warnings.CheckAsync(budgets, cancellationToken).ConfigureAwait(false));
    }

    private static Argument<string> NameArgument(string description)
    {
        var name = new Argument<string>("name") { Description = description };
        name.Validators.Add(static result =>
        {
            if (result.Tokens.Count > 0 && string.IsNullOrWhiteSpace(result.Tokens[0].Value))
            {
                result.AddError("the budget's name must not be empty");
            }
            else if (result.Tokens.Count > 0 && SessionText.FindProblem(result.Tokens[0].Value, "the budget's name") is { } problem)
            {
                result.AddError(problem + ": give it as printable text");
            }
        });
        return name;
    }

    private static string Describe(BudgetPolicy policy)
    {
        var each = policy.Period switch
        {
            BudgetPeriodKind.Day => "a day",
            BudgetPeriodKind.Week => "a week",
            BudgetPeriodKind.Month => "a month",
            _ => "in all",
        };
        var text = $"{Figures.Usd(policy.LimitUsd)} {each}";
        if (policy.Period != BudgetPeriodKind.Total)
        {
            text += $" ({policy.TimeZoneId})";
        }

        if (policy.SessionType is { } type)
        {
            text += $", for {type} sessions";
        }

        if (policy.WarnAtPercent is { } warnAt)
        {
            text += $", warning at {BudgetText.Percent(warnAt)}";
        }

        return text;
    }
}
