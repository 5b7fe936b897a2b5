using System.IO.Abstractions;
using Omk.Cli.Arguments;

namespace Omk.Cli.Hosting;

/// <summary>
/// What the omk command sees of the world: its streams, its environment, the file system and the clock.
/// The process gets the real ones; tests pass their own.
/// </summary>
internal sealed class CliEnvironment
{
    private readonly TimeZoneInfo? _localZone;
    private readonly Func<TimeSpan, string>? _readPendingInput;

    /// <summary>Gets the standard output.</summary>
    public required TextWriter Out { get; init; }

    /// <summary>Gets the standard error.</summary>
    public required TextWriter Error { get; init; }

    /// <summary>Gets the standard input.</summary>
    public required TextReader In { get; init; }

    /// <summary>Gets a value indicating whether the standard input is a terminal a person can answer from.</summary>
    public required bool InputIsTerminal { get; init; }

    /// <summary>
    /// Gets the read of what standard input already holds (or gets within the wait given), which never waits for more:
    /// for a status line's host that writes a document on it.
    /// </summary>
    /// <value>The default value reads <see cref="In"/> to its end.</value>
    public Func<TimeSpan, string> ReadPendingInput
    {
        get => _readPendingInput ?? (_ => In.ReadToEnd());
        init => _readPendingInput = value;
    }

    /// <summary>Gets a value indicating whether the standard output is a terminal, where reports may be coloured.</summary>
    /// <value>The default value is <see langword="false"/>: plain text, as for a file or a pipe.</value>
    public bool OutputIsTerminal { get; init; }

    /// <summary>Gets the width of the terminal on standard output in columns, or null off a terminal or when unknown.</summary>
    /// <value>The default value is null: tables as wide as their cells, as for a file or a pipe.</value>
    public int? OutputWidth { get; init; }

    /// <summary>Gets the function that reads an environment variable; it returns null when the variable is not set.</summary>
    public required Func<string, string?> GetVariable { get; init; }

    /// <summary>Gets the user's home folder.</summary>
    public required string HomeDirectory { get; init; }

    /// <summary>Gets the file system.</summary>
    public required IFileSystem FileSystem { get; init; }

    /// <summary>Gets the clock.</summary>
    public required TimeProvider TimeProvider { get; init; }

    /// <summary>Gets the system's time zone, used when neither <c>--tz</c> nor <c>$OMK_TZ</c> names one.</summary>
    /// <value>The default value is the clock's local zone.</value>
    public TimeZoneInfo LocalZone
    {
        get => _localZone ?? TimeProvider.LocalTimeZone;
        init => _localZone = value;
    }

    /// <summary>
    /// Gets or sets what the command line says of the options every command takes, read once after parsing
    /// (<see cref="GlobalOptions.Read"/>): every command reads them here.
    /// </summary>
    /// <value>The default value is <see cref="GlobalSettings.None"/>, for a command line that gives none of them.</value>
    public GlobalSettings Globals { get; set; } = GlobalSettings.None;

    /// <summary>
    /// Gets or sets the passwords of the command line's team store (from <c>--store</c>, <c>$OMK_COST_STORE</c> and
    /// <c>$PGPASSWORD</c>), which no message may show: see <see cref="Scrub"/>.
    /// </summary>
    public IReadOnlyList<string> Secrets { get; set; } = [];

    /// <summary>Removes every password of <see cref="Secrets"/> from a text meant for a person.</summary>
    /// <param name="text">A message or a trace.</param>
    /// <returns>The text with each password replaced by <c>(password)</c>.</returns>
    public string Scrub(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        foreach (var secret in Secrets)
        {
            text = text.Replace(secret, "(password)", StringComparison.Ordinal);
        }

        return text;
    }

    /// <summary>Gets or sets a value indicating whether the command has read its time zone (<c>--tz</c>, <c>$OMK_TZ</c>).</summary>
    public bool TimeZoneResolved { get; set; }

    /// <summary>Gets a value indicating whether errors show their stack trace (<c>OMK_DEBUG=1</c>).</summary>
    public bool Debug => GetVariable(EnvironmentVariables.Debug) is "1";

    /// <summary>Creates the environment of this process.</summary>
    /// <returns>The process's streams, variables, disk and clock.</returns>
    /// <remarks>
    /// The streams are the process's file descriptors 0, 1 and 2 themselves, not <see cref="Console"/>'s: on Unix,
    /// the first write through <see cref="Console"/> to a terminal sets the terminal up for key reading and writes
    /// the terminfo's keypad sequence (<c>ESC[?1h ESC=</c>) before the command's own output.
    /// </remarks>
    public static CliEnvironment FromProcess() => new()
    {
        Out = StandardStreams.Output(),
        Error = StandardStreams.Error(),
        In = StandardStreams.Input(),
        InputIsTerminal = !Console.IsInputRedirected,
        ReadPendingInput = PendingInput.Read,
        OutputIsTerminal = !Console.IsOutputRedirected,
        OutputWidth = Console.IsOutputRedirected ? null : TerminalWidth.Of(1, Environment.GetEnvironmentVariable),
        GetVariable = Environment.GetEnvironmentVariable,
        HomeDirectory = Environment.GetFolderPath(Environment.SpecialFolder.UserProfile),
        FileSystem = new FileSystem(),
        TimeProvider = TimeProvider.System,
    };
}
