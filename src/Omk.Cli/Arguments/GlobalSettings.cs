namespace Omk.Cli.Arguments;

/// <summary>
/// What one command line says of the options every command takes, read once by <see cref="GlobalOptions.Read"/>
/// before the command runs (<see cref="Hosting.CliEnvironment.Globals"/>).
/// </summary>
internal sealed record GlobalSettings
{
    /// <summary>Gets the settings of a command line that gives none of the options.</summary>
    public static GlobalSettings None { get; } = new();

    /// <summary>Gets the <c>--state-dir</c> given, or null for the default folder.</summary>
    public string? StateDirectory { get; init; }

    /// <summary>Gets a value indicating whether a state folder of another user, or writable by others, is used anyway.</summary>
    public bool InsecureStateDirectory { get; init; }

    /// <summary>Gets the team store: <c>--store</c>, else <c>$OMK_COST_STORE</c>; null for the state folder's <c>costs.json</c>.</summary>
    public string? Store { get; init; }

    /// <summary>Gets the <c>--tz</c> given, or null for <c>$OMK_TZ</c> or the system's zone.</summary>
    public string? TimeZone { get; init; }

    /// <summary>Gets a value indicating whether <c>--no-color</c> was given.</summary>
    public bool NoColor { get; init; }

    /// <summary>Gets a value indicating whether <c>--wide</c> was given.</summary>
    public bool Wide { get; init; }

    /// <summary>
    /// Gets a value indicating whether the command's budgets count Kimi's spend: it takes <c>--no-kimi</c> and was not
    /// given it (<see cref="KimiSpendOption"/>).
    /// </summary>
    public bool CountsKimi { get; init; }
}
