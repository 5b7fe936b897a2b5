namespace Omk.Cli.Output;

/// <summary>
/// The one home of the lines omk writes for a person on standard error: <c>omk: </c> before an error or a notice,
/// <c>omk: warning: </c> before a warning and <c>omk: note: </c> before a note, each line ended by a line feed.
/// Every such line in the command is made here, so that a script can match them and no command spells them its own way.
/// </summary>
internal static class ErrorLine
{
    /// <summary>What every line omk writes on standard error starts with.</summary>
    public const string Prefix = "omk: ";

    /// <summary>What a warning starts with: the command goes on, but something is not as it should be.</summary>
    public const string WarningPrefix = Prefix + "warning: ";

    /// <summary>What a note starts with: how omk read something that it could have read otherwise.</summary>
    public const string NotePrefix = Prefix + "note: ";

    /// <summary>Writes an error or a notice: <c>omk: message</c>.</summary>
    /// <param name="error">Standard error.</param>
    /// <param name="message">What went wrong or what happened.</param>
    public static void Write(TextWriter error, string message)
    {
        ArgumentNullException.ThrowIfNull(error);
        error.Write(Prefix + message + "\n");
    }

    /// <summary>Writes a warning: <c>omk: warning: message</c>.</summary>
    /// <param name="error">Standard error.</param>
    /// <param name="message">What is not as it should be.</param>
    public static void Warn(TextWriter error, string message)
    {
        ArgumentNullException.ThrowIfNull(error);
        error.Write(WarningPrefix + message + "\n");
    }

    /// <summary>Writes a note: <c>omk: note: message</c>.</summary>
    /// <param name="error">Standard error.</param>
    /// <param name="message">How omk read something.</param>
    public static void Note(TextWriter error, string message)
    {
        ArgumentNullException.ThrowIfNull(error);
        error.Write(NotePrefix + message + "\n");
    }
}
