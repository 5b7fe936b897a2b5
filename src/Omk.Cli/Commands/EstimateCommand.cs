using System.CommandLine;
using Omk.Cli.Arguments;
using Omk.Cli.Hosting;
using Omk.Cli.Output;
using Omk.Cost.Domain;

namespace Omk.Cli.Commands;

/// <summary><c>omk cost estimate team|autopilot|ralph|custom</c>: what a run will cost, before it starts.</summary>
internal static class EstimateCommand
{
    /// <summary>Creates the command.</summary>
    /// <param name="environment">The command's environment.</param>
    /// <returns>The command.</returns>
    public static Command Create(CliEnvironment environment)
    {
        string[] kinds = ["team", "autopilot", "ralph", "custom"];
        var kind = new Argument<string>("kind")
        {
            Description = "The kind of run: team, autopilot, ralph or custom (any case).",
            CustomParser = result =>
            {
                var text = result.Tokens.Count > 0 ? result.Tokens[^1].Value : string.Empty;
                var match = kinds.FirstOrDefault(word => word.Equals(text.Trim(), StringComparison.OrdinalIgnoreCase));
                if (match is null)
                {
                    result.AddError($"the kind of run must be {CliOptions.Words(kinds)}, not '{text}'");
                }

                return match ?? string.Empty;
            },
        };
        kind.CompletionSources.Add(kinds);
        var duration = CliOptions.Duration("How long the run takes.");
        var workers = CliOptions.Workers("Workers (agents) of a team or custom run.");
        var iterations = CliOptions.Count("--iterations", "Iterations of a ralph or custom run. Default: 0.");
        var phases = CliOptions.Count("--phases", "Phases an autopilot run completes. Default: 0.");
        var stories = CliOptions.Count("--stories", "User stories of a ralph run. Default: 0.");
        var role = new Option<string>("--role") { Description = "The team's role: architect or security price as premium.", HelpName = "ROLE" };
        var tier = CliOptions.Tier("The pricing tier of a custom run:");
        var model = new Option<string>("--model") { Description = "A model hint that picks a custom run's tier (kimi, claude, codex, gemini, ...).", HelpName = "HINT" };
        var json = CliOptions.Json("the estimate");

        var command = CliCommand.Create(
            "estimate",
            "Estimate what a run will cost before it starts (about 1000 tokens a minute per worker).",
            "omk cost estimate team --duration 30m --workers 3 --role architect",
            "omk cost estimate ralph --duration 2h --iterations 4 --stories 6",
            "omk cost estimate custom --duration 1h30m --workers 2 --model codex --json");
        command.Arguments.Add(kind);
        foreach (var option in new Option[] { duration, workers, iterations, phases, stories, role, tier, model, json })
        {
            command.Options.Add(option);
        }

        command.SetAction(parseResult =>
        {
            var secs = Duration.ToEstimatorSeconds(parseResult.GetValue(duration));
            var estimate = parseResult.GetValue(kind) switch
            {
                "team" => Team(),
                "autopilot" => Autopilot(),
                "ralph" => Ralph(),
                _ => Custom(),
            };

            if (parseResult.GetValue(json))
            {
                CliJson.Write(environment.Out, EstimateDocument.From(estimate), CliJsonContext.Default.EstimateDocument);
            }
            else
            {
                environment.Out.Write(estimate + "\n");
            }

            return ExitCodes.Success;

            CostEstimate Team()
            {
                CliCommand.Forbid(parseResult, "a team estimate (its tier comes from --role)", iterations, phases, stories, tier, model);
                return CostEstimator.EstimateTeam(secs, parseResult.GetValue(workers), parseResult.GetValue(role));
            }

            CostEstimate Autopilot()
            {
                CliCommand.Forbid(parseResult, "an autopilot estimate", workers, iterations, stories, role, tier, model);
                return CostEstimator.EstimateAutopilot(secs, parseResult.GetValue(phases));
            }

            CostEstimate Ralph()
            {
                CliCommand.Forbid(parseResult, "a ralph estimate", workers, phases, role, tier, model);
                return CostEstimator.EstimateRalph(secs, parseResult.GetValue(iterations), parseResult.GetValue(stories));
            }

            CostEstimate Custom()
            {
                CliCommand.Forbid(parseResult, "a custom estimate", phases, stories, role);
                var chosen = parseResult.IsGiven(tier)
                    ? parseResult.GetValue(tier)
                    : PricingTiers.FromModelHint(parseResult.GetValue(model));
                return CostEstimator.Estimate(secs, parseResult.GetValue(workers), parseResult.GetValue(iterations), chosen);
            }
        });
        return command;
    }
}
