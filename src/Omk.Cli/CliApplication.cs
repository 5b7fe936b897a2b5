using System.CommandLine;
using System.CommandLine.Help;
using System.CommandLine.Parsing;
using Omk.Cli.Arguments;
using Omk.Cli.Commands;
using Omk.Cli.Hosting;
using Omk.Cli.Output;
using Omk.Cost.Adapters.Kimi.Pricing;
using Omk.Cost.Adapters.PostgreSql;
using Omk.Cost.Domain;
using Omk.Cost.Domain.Budgets;

namespace Omk.Cli;

/// <summary>
/// Runs one omk command line: parses it, runs the command, and turns every failure into one line on standard
/// error and an exit code (2 for a wrong command line, 1 for a failed operation).
/// </summary>
internal static class CliApplication
{
    /// <summary>Runs a command line.</summary>
    /// <param name="args">The arguments.</param>
    /// <param name="environment">The streams, variables, file system and clock to use.</param>
    /// <param name="cancellationToken">The token to monitor for cancellation requests.</param>
    /// <returns>The exit code.</returns>
    public static async Task<int> RunAsync(string[] args, CliEnvironment environment, CancellationToken cancellationToken = default)
    {
        environment.Secrets = StoreSecrets(args, environment);
        var globals = new GlobalOptions();
        var parseResult = Parse(OmkRootCommand.Create(environment, globals), args);
        if (UsageError(parseResult) is { } usageError)
        {
            return Fail(environment, ExitCodes.Usage, usageError);
        }

        environment.Globals = globals.Read(parseResult, environment);
        try
        {
            var configuration = new InvocationConfiguration
            {
                Output = environment.Out,
                Error = environment.Error,
                EnableDefaultExceptionHandler = false,
            };
            var exitCode = await parseResult.InvokeAsync(configuration, cancellationToken).ConfigureAwait(false);
            Arguments.TimeZoneOption.WarnIfUnusedAndWrong(environment);
            return exitCode;
        }
        catch (StandardOutputException exception) when (exception.IsBrokenPipe && exception.InnerException is null)
        {
            // The reader has what it wanted (`omk … | head -1`): end quietly, as a program killed by SIGPIPE would.
            return ExitCodes.BrokenPipe;
        }
#pragma warning disable CA1031 // The last line of defence: a person sees one line, never a stack trace.
        catch (Exception exception)
#pragma warning restore CA1031
        {
            var (exitCode, message) = Failure(exception, parseResult);
            return Fail(environment, exitCode, message, exception);
        }
    }

    /// <summary>Parses a command line; a group of commands named alone (<c>omk</c>, <c>omk cost</c>) asks for its help.</summary>
    private static ParseResult Parse(RootCommand root, string[] args)
    {
        var parseResult = root.Parse(args);
        if (args.Length == 0 || IsBareGroup(parseResult))
        {
            // `omk` or `omk cost` alone: the help of that command says what there is to do.
            parseResult = root.Parse([.. args, "--help"]);
        }

        return parseResult;
    }

    /// <summary>What is wrong with a command line, naming the help to read; null when it parsed.</summary>
    private static string? UsageError(ParseResult parseResult)
    {
        if (parseResult.Errors.Count == 0 || parseResult.Action is HelpAction)
        {
            return null;
        }

        var hint = $"see '{CommandPath(parseResult.CommandResult)} --help'";
        return UnknownTokenMessage.For(parseResult, hint) ?? $"{parseResult.Errors[0].Message.TrimEnd('.')} ({hint})";
    }

    /// <summary>
    /// What a failed command exits with and says: 2 for a wrong command line (with where to read its help), 130 when
    /// interrupted, 1 for a failed operation, and for anything unexpected its message and how to see more.
    /// </summary>
    private static (int ExitCode, string Message) Failure(Exception exception, ParseResult parseResult) => exception switch
    {
        CommandLineException => (ExitCodes.Usage, $"{exception.Message} (see '{CommandPath(parseResult.CommandResult)} --help')"),
        StandardOutputException output => (output.IsBrokenPipe ? ExitCodes.BrokenPipe : ExitCodes.Failure, exception.Message),
        BudgetNotFoundException => (ExitCodes.Usage, $"{exception.Message} (see 'omk cost budget list')"),
        ReservationTypeMismatchException => (ExitCodes.Usage, exception.Message),
        OperationCanceledException => (ExitCodes.Interrupted, "interrupted; nothing was written"),
        CostStoreException or KimiPriceFileException or IOException or UnauthorizedAccessException => (ExitCodes.Failure, exception.Message),
        _ => (ExitCodes.Failure, $"unexpected error: {exception.Message} (set {EnvironmentVariables.Debug}=1 for details)"),
    };

    private static int Fail(CliEnvironment environment, int exitCode, string message, Exception? exception = null)
    {
        try
        {
            ErrorLine.Write(environment.Error, OneLine(environment.Scrub(message)));
            if (exception is not null && environment.Debug)
            {
                environment.Error.Write(environment.Scrub(exception.ToString()) + "\n");
            }
        }
        catch (IOException)
        {
            // Standard error is gone too: the exit code is all that is left to say.
        }

        return exitCode;
    }

    /// <summary>
    /// Finds the passwords no message may show: those of every team-store address on the command line (however it
    /// is given) or in <c>$OMK_COST_STORE</c>, and <c>$PGPASSWORD</c>.
    /// </summary>
    private static IReadOnlyList<string> StoreSecrets(string[] args, CliEnvironment environment)
    {
        var addresses = args
            .Select(static arg => arg.StartsWith(StoreOption.Name + "=", StringComparison.Ordinal) ? arg[(StoreOption.Name.Length + 1)..] : arg)
            .Append(environment.GetVariable(EnvironmentVariables.Store))
            .Where(PostgreSqlStoreAddress.IsPostgreSqlAddress);
        var secrets = addresses.SelectMany(static address => PostgreSqlStoreAddress.Passwords(address));
        if (environment.GetVariable(EnvironmentVariables.Password) is { Length: > 0 } password)
        {
            secrets = secrets.Append(password);
        }

        return [.. secrets.Distinct(StringComparer.Ordinal).OrderByDescending(static secret => secret.Length)];
    }

    // A message may name a path or a value from outside: its control characters are shown, never sent to a terminal.
    private static string OneLine(string message) => VisibleText.Escape(message.ReplaceLineEndings(" ").Trim());

    /// <summary>
    /// Gets a value indicating whether the command line names only a group of commands (<c>omk</c>, <c>omk cost</c>),
    /// with nothing else to go wrong.
    /// </summary>
    private static bool IsBareGroup(ParseResult parseResult) =>
        parseResult.CommandResult.Command is { Action: null, Subcommands.Count: > 0 }
        && parseResult.UnmatchedTokens.Count is 0
        && !parseResult.CommandResult.Children.Any()
        && parseResult.Errors.Count == 1;

    private static string CommandPath(CommandResult result)
    {
        var names = new Stack<string>();
        for (SymbolResult? current = result; current is not null; current = current.Parent)
        {
            if (current is CommandResult command)
            {
                names.Push(command.Command is RootCommand ? "omk" : command.Command.Name);
            }
        }

        return string.Join(' ', names);
    }
}
