using System.Globalization;

namespace Omk.Cost.Domain;

/// <summary>
/// What text a session may hold so that every store can write it and read it back: no lone UTF-16 surrogate in any
/// string (it has no UTF-8 form), and, in its type and name, no character a terminal would obey
/// (<see cref="VisibleText.IsHidden"/>: C0 and C1 controls, DEL, bidirectional controls). The rule is applied once,
/// where a session enters the domain (<see cref="CostTracker"/> and the settle of <see cref="Budgets.BudgetGate"/>), for
/// every store: text a person types is refused; text that comes from a log or a file (a Kimi title, a history written
/// by another program) is first made safe with <see cref="MakeSafe"/>.
/// </summary>
internal static class SessionText
{
    /// <summary>Finds the first string of a session that cannot be stored as text.</summary>
    /// <param name="session">The session.</param>
    /// <param name="controlCharacters">Whether a control character in the type or name counts as a problem.</param>
    /// <returns>What is wrong, naming the field (<c>the session's name holds a lone surrogate (U+D800) at character 2</c>); null when nothing is.</returns>
    public static string? FindProblem(SessionCost session, bool controlCharacters)
    {
        ArgumentNullException.ThrowIfNull(session);
        return Problem(session.SessionType, "session_type", controlCharacters)
            ?? Problem(session.Name, "name", controlCharacters)
            ?? Problem(session.Id, "id", controlCharacters: false)
            ?? Problem(session.Details?.Model, "model", controlCharacters: false)
            ?? Problem(session.Details?.Project, "project", controlCharacters: false);
    }

    /// <summary>Finds what keeps one piece of text out of a ledger, such as a budget's name or a gate's session type.</summary>
    /// <param name="text">The text; null passes.</param>
    /// <param name="what">What it is, for the message: <c>the budget's name</c>.</param>
    /// <returns>What is wrong (<c>the budget's name holds a control character (U+001B) at character 1, which cannot be stored as text</c>); null when nothing is.</returns>
    public static string? FindProblem(string? text, string what)
    {
        ArgumentException.ThrowIfNullOrEmpty(what);
        return Problem(text, what, controlCharacters: true, qualified: true);
    }

    /// <summary>
    /// Makes a session that came from a log or a file fit the rule: in its type and name, every hidden character is
    /// written as its visible escape (<see cref="VisibleText.Escape"/>: <c>\e]0;x\x07</c>); in every string, a lone
    /// surrogate becomes U+FFFD, as a UTF-8 decoder would.
    /// </summary>
    /// <param name="session">The session.</param>
    /// <returns>The session, the same instance when it already fits.</returns>
    public static SessionCost MakeSafe(SessionCost session)
    {
        ArgumentNullException.ThrowIfNull(session);
        if (FindProblem(session, controlCharacters: true) is null)
        {
            return session;
        }

        return session with
        {
            SessionType = VisibleText.Escape(WellFormed(session.SessionType)),
            Name = VisibleText.Escape(WellFormed(session.Name)),
            Id = session.Id is null ? null : WellFormed(session.Id),
            Details = session.Details is { } details
                ? details with { Model = details.Model is null ? null : WellFormed(details.Model), Project = details.Project is null ? null : WellFormed(details.Project) }
                : null,
        };
    }

    private static string WellFormed(string text) => HasLoneSurrogate(text) ? Replace(text) : text;

    private static bool HasLoneSurrogate(string text) => Problem(text, "text", controlCharacters: false) is not null;

    private static string Replace(string text)
    {
        var characters = text.ToCharArray();
        for (var index = 0; index < characters.Length; index++)
        {
            if (char.IsHighSurrogate(characters[index]) && index + 1 < characters.Length && char.IsLowSurrogate(characters[index + 1]))
            {
                index++;
            }
            else if (char.IsSurrogate(characters[index]))
            {
                characters[index] = '\uFFFD';
            }
        }

        return new string(characters);
    }

    private static string? Problem(string? text, string field, bool controlCharacters, bool qualified = false)
    {
        if (text is null)
        {
            return null;
        }

        for (var index = 0; index < text.Length; index++)
        {
            var character = text[index];
            if (char.IsHighSurrogate(character) && index + 1 < text.Length && char.IsLowSurrogate(text[index + 1]))
            {
                index++;
            }
            else if (char.IsSurrogate(character))
            {
                return Describe(qualified ? field : "the session's " + field, "a lone surrogate", character, index);
            }
            else if (controlCharacters && VisibleText.IsHidden(character))
            {
                return Describe(qualified ? field : "the session's " + field, "a control character", character, index);
            }
        }

        return null;
    }

    private static string Describe(string field, string what, char character, int index) => string.Create(
        CultureInfo.InvariantCulture,
        $"{field} holds {what} (U+{(int)character:X4}) at character {index + 1}, which cannot be stored as text");
}
