using System.CommandLine;
using Omk.Cli.Arguments;
using Omk.Cli.Hosting;
using Omk.Cli.Output;
using Omk.Cli.Rendering;
using Omk.Cli.Status;
using Omk.Cost.Application;

namespace Omk.Cli.Commands;

/// <summary>
/// <c>omk cost status</c>: one line for a shell prompt, tmux or an editor. It reads the ledger without its lock (the
/// ledger is only ever replaced by an atomic rename, so a plain read sees a whole file) and Kimi's logs through the
/// incremental index, and never fails the prompt: on any error it prints <see cref="ErrorMarker"/> and exits 0,
/// unless <c>--strict</c>.
/// </summary>
internal static class StatusCommand
{
    /// <summary>What the line says when it cannot be computed.</summary>
    public const string ErrorMarker = "omk ?";

    /// <summary>Creates the command.</summary>
    /// <param name="environment">The command's environment.</param>
    /// <param name="stateDirectory">The global <c>--state-dir</c> option.</param>
    /// <returns>The command.</returns>
    public static Command Create(CliEnvironment environment, Option<string> stateDirectory)
    {
        var json = CliOptions.Json("the status");
        var format = new Option<string>("--format")
        {
            Description = "A template for the line: "
                + string.Join(", ", StatusTemplate.Placeholders.Select(static p => "{" + p.Name + "} " + p.Meaning))
                + "; {{ and }} write a brace.",
            HelpName = "TEMPLATE",
        };
        var strict = new Option<bool>("--strict")
        {
            Description = $"Fail with an error and exit code 1 (2 for a wrong template) instead of printing '{ErrorMarker}' and exiting with 0 (--json says why in its \"error\").",
        };

        var session = new Option<string>("--session")
        {
            Description = "Show what this Kimi session spent at the start of the line. Inside Kimi Code's status line the session comes from the JSON document on standard input.",
            HelpName = "ID",
        };
        var noInput = new Option<bool>("--no-input")
        {
            Description = "Do not read Kimi Code's status-line document from standard input (read only when it is not a terminal, and never waited for).",
        };

        var command = CliCommand.Create(
            "status",
            "Print one line with today's and this month's spend, the budget, reservations and live Kimi sessions, for a shell prompt or tmux. Never blocks on the store's lock.",
            "omk cost status",
            "omk cost status --format '{today} today, {live} live'",
            "omk cost status --json",
            "[status_line] command = \"omk cost status\"   (Kimi Code's tui.toml)");
        command.Options.Add(session);
        command.Options.Add(noInput);
        command.Options.Add(json);
        command.Options.Add(format);
        command.Options.Add(strict);

        command.SetAction(async (parseResult, cancellationToken) =>
        {
            var template = parseResult.GetValue(format);
            try
            {
                if (template is not null)
                {
                    ValidateFormat(template, parseResult.GetValue(strict));
                }

                var sessionId = parseResult.GetValue(session) ?? (parseResult.GetValue(noInput) || environment.InputIsTerminal ? null : KimiStatusLine.SessionId(environment.ReadPendingInput(KimiStatusLine.Wait)));
                var snapshot = await ComputeAsync(environment, parseResult, parseResult.GetValue(stateDirectory), sessionId, cancellationToken).ConfigureAwait(false);
                if (parseResult.GetValue(json))
                {
                    CliJson.Write(environment.Out, StatusDocument.From(snapshot), CliJsonContext.Default.StatusDocument);
                }
                else
                {
                    environment.Out.Write((template is null ? StatusTemplate.DefaultLine(snapshot, Figures.Usd) : StatusTemplate.Render(template, snapshot, Figures.Usd)) + "\n");
                }

                return ExitCodes.Success;
            }
#pragma warning disable CA1031 // A status line must never fail the prompt it is part of.
            catch (Exception exception) when (!parseResult.GetValue(strict) && exception is not OperationCanceledException)
#pragma warning restore CA1031
            {
                if (parseResult.GetValue(json))
                {
                    CliJson.Write(environment.Out, new StatusErrorDocument(ErrorMarker, exception.Message.ReplaceLineEndings(" ").Trim()), CliJsonContext.Default.StatusErrorDocument);
                }
                else
                {
                    environment.Out.Write(ErrorMarker + "\n");
                }

                if (environment.Debug)
                {
                    environment.Error.Write($"omk: status: {environment.Scrub(exception.ToString())}\n");
                }

                return ExitCodes.Success;
            }
        });
        return command;
    }

    /// <summary>Checks a <c>--format</c> template; with <c>--strict</c>, a wrong one is a wrong command line.</summary>
    private static void ValidateFormat(string template, bool strict)
    {
        try
        {
            StatusTemplate.Validate(template);
        }
        catch (FormatException exception) when (strict)
        {
            throw new CommandLineException("--format: " + exception.Message, exception);
        }
    }

    private static async Task<StatusSnapshot> ComputeAsync(CliEnvironment environment, ParseResult parseResult, string? stateDirectory, string? sessionId, CancellationToken cancellationToken)
    {
        var zone = TimeZoneOption.Resolve(parseResult, environment);
        var state = CostServices.ResolveStateDirectory(environment, stateDirectory);
        using var services = CostServices.Create(environment, stateDirectory, StoreOption.Resolve(parseResult, environment));
        var status = new StatusUseCase(services.Budgets, environment.TimeProvider, new KimiLiveSpend(environment, state));
        return await status.GetAsync(zone, sessionId, cancellationToken).ConfigureAwait(false);
    }
}
