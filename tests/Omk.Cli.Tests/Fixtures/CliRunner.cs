using System.IO.Abstractions;
using Microsoft.Extensions.Time.Testing;
using Omk.Cli.Hosting;

namespace Omk.Cli.Tests.Fixtures;

/// <summary>
/// Runs omk in-process against a fresh temp folder: the state folder is <c>state</c> inside it (through
/// <c>OMK_STATE_DIR</c>), the home folder an empty <c>home</c>, and the time a fake one (its waits are real:
/// <see cref="FakeNowClock"/>).
/// </summary>
internal sealed class CliRunner : IDisposable
{
    /// <summary>The fake clock's start: 2026-11-20T10:00:00Z.</summary>
    public static readonly DateTimeOffset Now = new(2026, 11, 20, 10, 0, 0, TimeSpan.Zero);

    /// <summary>
    /// How long one command may run in-process. It ends a command that would never end with a failure that names it,
    /// where a wait that nothing completes would otherwise hold the whole test run.
    /// </summary>
    private static readonly TimeSpan CommandTimeout = TimeSpan.FromMinutes(3);

    private readonly TempFolder _folder = new();

    public CliRunner()
    {
        StateDirectory = Path.Combine(_folder.Path, "state");
        HomeDirectory = _folder.Folder("home");
        Variables["OMK_STATE_DIR"] = StateDirectory;
    }

    public TempFolder Folder => _folder;

    public string StateDirectory { get; }

    public string CostsFile => Path.Combine(StateDirectory, "costs.json");

    public string HomeDirectory { get; }

    public Dictionary<string, string> Variables { get; } = new(StringComparer.Ordinal);

    /// <summary>Gets the clock that sets the time omk tells; omk's timers and delays run on the real clock.</summary>
    public FakeTimeProvider Clock { get; } = new(Now);

    public bool InputIsTerminal { get; set; }

    public bool OutputIsTerminal { get; set; }

    public string Input { get; set; } = string.Empty;

    public IFileSystem FileSystem { get; set; } = new FileSystem();

    /// <summary>Writes the cost history as given.</summary>
    /// <param name="text">The file's content.</param>
    public void WriteCostsFile(string text)
    {
        Directory.CreateDirectory(StateDirectory);
        File.WriteAllText(CostsFile, text);
    }

    /// <summary>Runs one command line.</summary>
    /// <param name="args">The arguments.</param>
    /// <returns>The exit code and what was written.</returns>
    public async Task<CliResult> RunAsync(params string[] args)
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        using var input = new StringReader(Input);
        var environment = new CliEnvironment
        {
            Out = output,
            Error = error,
            In = input,
            InputIsTerminal = InputIsTerminal,
            OutputIsTerminal = OutputIsTerminal,
            GetVariable = name => Variables.GetValueOrDefault(name),
            HomeDirectory = HomeDirectory,
            FileSystem = FileSystem,
            TimeProvider = new FakeNowClock(Clock),
        };
        int exitCode;
        try
        {
            exitCode = await CliApplication.RunAsync(args, environment, CancellationToken.None).WaitAsync(CommandTimeout);
        }
        catch (TimeoutException exception)
        {
            throw new TimeoutException($"omk {string.Join(' ', args)} did not end within {CommandTimeout.TotalMinutes} minutes; standard error so far: {error}", exception);
        }

        return new CliResult(exitCode, output.ToString(), error.ToString());
    }

    public void Dispose() => _folder.Dispose();
}
