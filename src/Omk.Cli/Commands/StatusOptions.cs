using System.CommandLine;
using Omk.Cli.Arguments;
using Omk.Cli.Status;

namespace Omk.Cli.Commands;

/// <summary>The options of <c>omk cost status</c>, declared once: the command adds them and its action reads them.</summary>
internal sealed class StatusOptions
{
    public Option<bool> Json { get; } = CliOptions.Json("the status");

    public Option<string> Format { get; } = new("--format")
    {
        Description = "A template for the line: "
            + string.Join(", ", StatusTemplate.Placeholders.Select(static p => "{" + p.Name + "} " + p.Meaning))
            + "; {{ and }} write a brace.",
        HelpName = "TEMPLATE",
    };

    public Option<bool> Strict { get; } = new("--strict")
    {
        Description = $"Fail with an error and exit code 1 (2 for a wrong template) instead of printing '{StatusCommand.ErrorMarker}' and exiting with 0 (--json says why in its \"error\").",
    };

    public Option<string> Session { get; } = new("--session")
    {
        Description = "Show what this Kimi session spent at the start of the line. Inside Kimi Code's status line the session comes from the JSON document on standard input.",
        HelpName = "ID",
    };

    public Option<bool> NoInput { get; } = new("--no-input")
    {
        Description = "Do not read Kimi Code's status-line document from standard input (read only when it is not a terminal, and never waited for).",
    };

    /// <summary>Adds every option to the command, <c>--no-kimi</c> first.</summary>
    /// <param name="command">The command.</param>
    public void AddTo(Command command)
    {
        KimiSpendOption.AddTo(command);
        foreach (var option in new Option[] { Session, NoInput, Json, Format, Strict })
        {
            command.Options.Add(option);
        }
    }
}
