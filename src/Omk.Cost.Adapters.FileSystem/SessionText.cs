using System.Globalization;
using Omk.Cost.Domain;

namespace Omk.Cost.Adapters.FileSystem;

/// <summary>
/// What text a session may hold so that every reader can read it back: no lone UTF-16 surrogate anywhere (it has
/// no UTF-8 form), and for a record no control character in its type or name.
/// </summary>
internal static class SessionText
{
    /// <summary>Checks a session's strings.</summary>
    /// <param name="session">The session.</param>
    /// <param name="controlCharacters">Whether control characters are refused in the type and name.</param>
    /// <exception cref="ArgumentException">A string cannot be stored; the message names the field.</exception>
    public static void Check(SessionCost session, bool controlCharacters)
    {
        Check(session.SessionType, "session_type", controlCharacters);
        Check(session.Name, "name", controlCharacters);
        foreach (var (text, field) in new[] { (session.Id, "id"), (session.Details?.Model, "model"), (session.Details?.Project, "project") })
        {
            if (text is not null)
            {
                Check(text, field, controlCharacters: false);
            }
        }
    }

    private static void Check(string text, string field, bool controlCharacters)
    {
        for (var index = 0; index < text.Length; index++)
        {
            var character = text[index];
            if (char.IsHighSurrogate(character) && index + 1 < text.Length && char.IsLowSurrogate(text[index + 1]))
            {
                index++;
                continue;
            }

            if (char.IsSurrogate(character))
            {
                throw Refused(field, $"a lone surrogate (U+{(int)character:X4})", index);
            }

            if (controlCharacters && char.IsControl(character))
            {
                throw Refused(field, $"a control character (U+{(int)character:X4})", index);
            }
        }
    }

    private static ArgumentException Refused(string field, string what, int index) => new(
        string.Create(CultureInfo.InvariantCulture, $"the session's {field} holds {what} at character {index + 1}: it cannot be stored as text; give it without"));
}
