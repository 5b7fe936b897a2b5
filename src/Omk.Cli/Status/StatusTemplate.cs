using System.Globalization;
using System.Text;
using Omk.Cost.Application;
using Omk.Cost.Domain;
using Omk.Cost.Domain.Time;

namespace Omk.Cli.Status;

/// <summary>
/// The template of <c>omk cost status --format</c>: text with placeholders in braces, such as
/// <c>"{today} today, {live} live"</c>. <c>{{</c> and <c>}}</c> write a brace. The placeholders are listed in
/// <see cref="Placeholders"/>; a value that does not apply (a limit without a budget) is empty.
/// </summary>
internal static class StatusTemplate
{
    /// <summary>The placeholders and what they stand for, for the help text and the README.</summary>
    public static readonly IReadOnlyList<(string Name, string Meaning)> Placeholders =
    [
        (PeriodWords.Today, "the ledger's spend today"),
        (PeriodWords.Month, "the ledger's spend this month"),
        ("period", "the spend of the budget's period (this month without a budget)"),
        ("period_name", "that period: today, week, month or total"),
        ("limit", "the budget's limit (empty without a budget)"),
        ("percent", "the share of the limit spent or reserved, such as 84 (empty without a budget)"),
        ("reserved", "the money held by active reservations"),
        ("live", "what Kimi sessions active in the last 15 minutes spent beyond the ledger"),
        ("live_sessions", "how many Kimi sessions were active in the last 15 minutes"),
        ("session", "what the Kimi session the line is shown in spent (Kimi Code's status line, or --session; empty otherwise)"),
        ("session_id", "that session's id (empty without one)"),
        ("line", "the whole default line"),
    ];

    /// <summary>Checks a template, so that a wrong one is told before anything is read.</summary>
    /// <param name="template">The template.</param>
    /// <exception cref="FormatException">The template has an unknown placeholder or an unpaired brace.</exception>
    public static void Validate(string template) => Render(template, name => Placeholders.Any(p => p.Name == name) ? string.Empty : null);

    /// <summary>Fills a template with a snapshot.</summary>
    /// <param name="template">The template.</param>
    /// <param name="snapshot">The values.</param>
    /// <param name="money">Formats an amount of US dollars.</param>
    /// <returns>The text.</returns>
    /// <exception cref="FormatException">The template has an unknown placeholder or an unpaired brace.</exception>
    public static string Render(string template, StatusSnapshot snapshot, Func<decimal, string> money)
    {
        ArgumentNullException.ThrowIfNull(snapshot);
        ArgumentNullException.ThrowIfNull(money);
        return Render(template, name => name switch
        {
            PeriodWords.Today => money(snapshot.TodayUsd),
            PeriodWords.Month => money(snapshot.MonthUsd),
            "period" => money(snapshot.PeriodUsd),
            "period_name" => snapshot.PeriodName,
            "limit" => snapshot.LimitUsd is { } limit ? money(limit) : string.Empty,
            "percent" => snapshot.Percent?.ToString(CultureInfo.InvariantCulture) ?? string.Empty,
            "reserved" => money(snapshot.ReservedUsd),
            "live" => money(snapshot.KimiLiveUsd),
            "live_sessions" => snapshot.KimiLiveSessions.ToString(CultureInfo.InvariantCulture),
            "session" => snapshot.SessionUsd is { } session ? money(session) : string.Empty,
            "session_id" => snapshot.SessionId ?? string.Empty,
            "line" => DefaultLine(snapshot, money),
            _ => null,
        });
    }

    /// <summary>
    /// Writes the default line: <c>omk $3.21 today · $41.80/$50.00 month (84%) · $0.82 reserved · kimi live $0.47</c>;
    /// the reserved and live parts only when there is something to show; inside a Kimi session, it begins with what the
    /// session spent: <c>omk kimi $0.47 this session · …</c>.
    /// </summary>
    /// <param name="snapshot">The values.</param>
    /// <param name="money">Formats an amount of US dollars.</param>
    /// <returns>The line.</returns>
    public static string DefaultLine(StatusSnapshot snapshot, Func<decimal, string> money)
    {
        ArgumentNullException.ThrowIfNull(snapshot);
        ArgumentNullException.ThrowIfNull(money);
        var line = new StringBuilder("omk ");
        if (snapshot.SessionUsd is { } session)
        {
            line.Append("kimi ").Append(money(session)).Append(" this session · ");
        }

        line.Append(money(snapshot.TodayUsd)).Append(" today · ").Append(money(snapshot.PeriodUsd));
        if (snapshot.LimitUsd is { } limit)
        {
            line.Append('/').Append(money(limit)).Append(' ').Append(snapshot.PeriodName)
                .Append(CultureInfo.InvariantCulture, $" ({snapshot.Percent}%)");
        }
        else
        {
            line.Append(' ').Append(snapshot.PeriodName);
        }

        if (snapshot.ReservedUsd > 0m)
        {
            line.Append(" · ").Append(money(snapshot.ReservedUsd)).Append(" reserved");
        }

        if (snapshot.KimiLiveSessions > 0)
        {
            line.Append(" · kimi live ").Append(money(snapshot.KimiLiveUsd));
        }

        return line.ToString();
    }

    private static string Render(string template, Func<string, string?> value)
    {
        ArgumentNullException.ThrowIfNull(template);
        var text = new StringBuilder(template.Length + 32);
        for (var index = 0; index < template.Length; index++)
        {
            var character = template[index];
            if (character == '}')
            {
                if (index + 1 < template.Length && template[index + 1] == '}')
                {
                    text.Append('}');
                    index++;
                    continue;
                }

                throw new FormatException($"unpaired '}}' at character {index + 1} of the template (write '}}}}' for a brace)");
            }

            if (character != '{')
            {
                text.Append(character);
                continue;
            }

            if (index + 1 < template.Length && template[index + 1] == '{')
            {
                text.Append('{');
                index++;
                continue;
            }

            index = AppendPlaceholder(text, template, index, value);
        }

        return text.ToString();
    }

    /// <summary>Writes the value of the placeholder that opens at a brace, and returns where its closing brace is.</summary>
    private static int AppendPlaceholder(StringBuilder text, string template, int open, Func<string, string?> value)
    {
        var end = template.IndexOf('}', open + 1);
        if (end < 0)
        {
            throw new FormatException($"unpaired '{{' at character {open + 1} of the template (write '{{{{' for a brace)");
        }

        var name = template[(open + 1)..end].Trim();
        // A value may hold text from outside: its control characters are shown; the template's own are the user's.
        text.Append(VisibleText.Escape(value(name) ?? throw new FormatException(
            $"unknown placeholder {{{name}}} in the template; known: {string.Join(", ", Placeholders.Select(static p => "{" + p.Name + "}"))}")));
        return end;
    }
}
