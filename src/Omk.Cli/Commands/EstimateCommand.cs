using System.CommandLine;
using Omk.Cli.Arguments;
using Omk.Cli.Hosting;
using Omk.Cli.Output;

namespace Omk.Cli.Commands;

/// <summary><c>omk cost estimate team|autopilot|ralph|custom</c>: what a run will cost, before it starts.</summary>
internal static class EstimateCommand
{
    /// <summary>Creates the command.</summary>
    /// <param name="environment">The command's environment.</param>
    /// <returns>The command.</returns>
    public static Command Create(CliEnvironment environment)
    {
        var run = new EstimateOptions(kindRequired: true);
        var json = CliOptions.Json("the estimate");

        var command = CliCommand.Create(
            "estimate",
            "Estimate what a run will cost before it starts (about 1000 tokens a minute per worker).",
            "omk cost estimate team --duration 30m --workers 3 --role architect",
            "omk cost estimate ralph --duration 2h --iterations 4 --stories 6",
            "omk cost estimate custom --duration 1h30m --workers 2 --model codex --json");
        run.AddTo(command);
        command.Options.Add(json);

        command.SetAction(parseResult =>
        {
            var estimate = run.Estimate(parseResult, environment.Error);
            if (parseResult.GetValue(json))
            {
                CliJson.Write(environment.Out, EstimateDocument.From(estimate), CliJsonContext.Default.EstimateDocument);
            }
            else
            {
                environment.Out.Write(estimate + "\n");
            }

            return ExitCodes.Success;
        });
        return command;
    }
}
