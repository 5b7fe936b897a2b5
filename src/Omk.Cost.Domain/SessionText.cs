using System.Globalization;

namespace Omk.Cost.Domain;

/// <summary>
/// What text a session may hold so that every store can write it and read it back: no lone UTF-16 surrogate in any
/// string (it has no UTF-8 form), and, for a session typed in by a person, no control character in its type or name.
/// </summary>
public static class SessionText
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

    private static string? Problem(string? text, string field, bool controlCharacters)
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
                return Describe(field, "a lone surrogate", character, index);
            }
            else if (controlCharacters && char.IsControl(character))
            {
                return Describe(field, "a control character", character, index);
            }
        }

        return null;
    }

    private static string Describe(string field, string what, char character, int index) => string.Create(
        CultureInfo.InvariantCulture,
        $"the session's {field} holds {what} (U+{(int)character:X4}) at character {index + 1}, which cannot be stored as text");
}
