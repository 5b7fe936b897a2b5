using System.CommandLine;
using System.Globalization;
using Omk.Cli.Rendering;
using Omk.Cost.Domain;

namespace Omk.Cli.Arguments;

/// <summary>
/// Builds the options shared by omk's commands. Every value is checked while parsing, so a bad value is a
/// command-line error (exit 2) that names the option, before anything runs.
/// </summary>
internal static class CliOptions
{
    /// <summary>Creates the <c>--json</c> flag.</summary>
    /// <param name="what">What the JSON document holds.</param>
    /// <returns>The option.</returns>
    public static Option<bool> Json(string what) => new("--json") { Description = $"Print {what} as one JSON document." };

    /// <summary>Creates the <c>--csv</c> flag.</summary>
    /// <param name="what">What the rows are.</param>
    /// <returns>The option.</returns>
    public static Option<bool> Csv(string what) => new("--csv") { Description = $"Print {what} as CSV (RFC 4180): one header row with the JSON document's field names. A text cell that a spreadsheet would take for a formula (it starts with =, +, -, @, a tab or a CR) gets a leading ' (a negative number stays a number); control characters are shown as \\e, \\x07, ⏎." };

    /// <summary>Creates the <c>--top</c> option.</summary>
    /// <param name="what">What is ranked.</param>
    /// <returns>The option; zero means every group.</returns>
    public static Option<long> Top(string what)
    {
        return NotZero(Count("--top", $"Show only the N {what} that cost the most (the totals still cover all)."), "--top must be 1 or more");
    }

    /// <summary>Fails when more than one of the output flags is given.</summary>
    /// <param name="parseResult">The parsed command line.</param>
    /// <param name="json">The <c>--json</c> flag.</param>
    /// <param name="csv">The <c>--csv</c> flag.</param>
    /// <exception cref="CommandLineException">Both are given.</exception>
    public static void OneFormat(ParseResult parseResult, Option<bool> json, Option<bool> csv)
    {
        ArgumentNullException.ThrowIfNull(parseResult);
        if (parseResult.GetValue(json) && parseResult.GetValue(csv))
        {
            throw new CommandLineException("--json and --csv exclude each other");
        }
    }

    /// <summary>Creates an option that takes a whole number of zero or more.</summary>
    /// <param name="name">The option's name, such as <c>--workers</c>.</param>
    /// <param name="description">What the option means.</param>
    /// <returns>The option.</returns>
    public static Option<long> Count(string name, string description) => Parsed<long>(
        name,
        description,
        "N",
        static (string text, out long value) => long.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out value),
        "a whole number of zero or more");

    /// <summary>
    /// Creates an option that counts the rounds of a run (<c>--iterations</c>, <c>--phases</c>, <c>--stories</c>): zero
    /// up to <see cref="InputLimits.MaxRounds"/>.
    /// </summary>
    /// <param name="name">The option's name.</param>
    /// <param name="description">What the option counts.</param>
    /// <returns>The option.</returns>
    public static Option<long> Rounds(string name, string description) => Parsed<long>(
        name,
        $"{description} At most {Figures.Count(InputLimits.MaxRounds)}.",
        "N",
        static (string text, out long value) => long.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out value),
        "a whole number of zero or more",
        limit: (static value => value <= InputLimits.MaxRounds, Figures.Count(InputLimits.MaxRounds)));

    /// <summary>Creates the <c>--workers</c> option: one or more, one by default.</summary>
    /// <param name="description">What the workers are.</param>
    /// <returns>The option.</returns>
    public static Option<long> Workers(string description)
    {
        // Zero and a negative count break the same rule, and say so in the same words.
        var rule = $"--workers must be 1 to {Figures.Count(InputLimits.MaxWorkers)}: a run has at least one worker";
        return new Option<long>("--workers")
        {
            Description = $"{description} 1 to {Figures.Count(InputLimits.MaxWorkers)}. Default: 1.",
            HelpName = "N",
            DefaultValueFactory = _ => 1,
            CustomParser = result =>
            {
                var text = result.Tokens.Count > 0 ? result.Tokens[^1].Value : string.Empty;
                var trimmed = text.Trim();
                var negative = trimmed.StartsWith('-');
                var digits = negative ? trimmed[1..] : trimmed;
                var parsed = long.TryParse(digits, NumberStyles.None, CultureInfo.InvariantCulture, out var count);
                if (parsed && !negative && count is >= 1 and <= InputLimits.MaxWorkers)
                {
                    return count;
                }

                var isWhole = digits.Length > 0 && digits.All(char.IsAsciiDigit);
                result.AddError(
                    !negative && isWhole && (!parsed || count > InputLimits.MaxWorkers) ? $"--workers {trimmed} is over the limit of {Figures.Count(InputLimits.MaxWorkers)} workers"
                    : negative || (trimmed.Length > 0 && trimmed.All(char.IsAsciiDigit)) ? $"{rule}, not '{text}'"
                    : $"--workers must be a whole number from 1 to {Figures.Count(InputLimits.MaxWorkers)}, not '{text}'");
                return default;
            },
        };
    }

    /// <summary>Creates an option that takes a token count (zero up to 2^64 - 1).</summary>
    /// <param name="name">The option's name.</param>
    /// <param name="description">What the option means.</param>
    /// <returns>The option.</returns>
    public static Option<ulong> Tokens(string name, string description) => Parsed<ulong>(
        name,
        description,
        "N",
        static (string text, out ulong value) => ulong.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out value),
        "a whole number of tokens",
        limit: (static value => value <= InputLimits.MaxTokens, Figures.Count(InputLimits.MaxTokens) + " tokens"));

    /// <summary>Creates the <c>--duration</c> option.</summary>
    /// <param name="description">What the duration is.</param>
    /// <returns>The option, whose value is in seconds.</returns>
    public static Option<ulong> Duration(string description) => Duration("--duration", description, "0");

    /// <summary>Creates an option that takes a duration.</summary>
    /// <param name="name">The option's name.</param>
    /// <param name="description">What the duration is.</param>
    /// <param name="defaultValue">The default, as the help shows it.</param>
    /// <returns>The option, whose value is in seconds.</returns>
    public static Option<ulong> Duration(string name, string description, string defaultValue) => Parsed<ulong>(
        name,
        $"{description} Seconds (90) or with units: 90s, 15m, 2h, 1h30m; at most {InputLimits.MaxDurationText}. Default: {defaultValue}.",
        "D",
        static (string text, out ulong value) => Arguments.Duration.TryParse(text, out value),
        "a duration such as 90, 90s, 15m, 2h or 1h30m",
        limit: (static value => value <= InputLimits.MaxDurationSecs, InputLimits.MaxDurationText));

    /// <summary>Creates an option that takes US dollars, zero or more.</summary>
    /// <param name="name">The option's name.</param>
    /// <param name="description">What the amount is.</param>
    /// <returns>The option.</returns>
    public static Option<decimal> Dollars(string name, string description) => Parsed<decimal>(
        name,
        description,
        "USD",
        static (string text, out decimal value) => decimal.TryParse(
            text.StartsWith('$') ? text[1..] : text,
            NumberStyles.AllowDecimalPoint,
            CultureInfo.InvariantCulture,
            out value),
        "an amount of US dollars of zero or more, such as 12.50",
        limit: (static value => value <= InputLimits.MaxUsd, Figures.Usd(InputLimits.MaxUsd)));

    /// <summary>Creates an option that takes a percentage above 0 and at most 100, with or without a <c>%</c> sign.</summary>
    /// <param name="name">The option's name.</param>
    /// <param name="description">What the percentage is.</param>
    /// <returns>The option.</returns>
    public static Option<decimal> Percent(string name, string description) => Parsed<decimal>(
        name,
        description,
        "PERCENT",
        static (string text, out decimal value) => decimal.TryParse(
                text.EndsWith('%') ? text[..^1] : text,
                NumberStyles.AllowDecimalPoint,
                CultureInfo.InvariantCulture,
                out value)
            && value is > 0m and <= 100m,
        "a percentage above 0 and at most 100, such as 80",
        isNumber: false);

    /// <summary>Creates the <c>--tier</c> option.</summary>
    /// <param name="description">What the tier prices.</param>
    /// <returns>The option.</returns>
    public static Option<PricingTier> Tier(string description) => Parsed<PricingTier>(
        "--tier",
        description + " budget ($2 per 1M output tokens), standard ($8) or premium ($24).",
        "budget|standard|premium",
        PricingTiers.TryParse,
        "budget, standard or premium");

    /// <summary>Creates an option that takes a date or a timestamp.</summary>
    /// <param name="name">The option's name.</param>
    /// <param name="description">What the moment bounds.</param>
    /// <returns>The option.</returns>
    public static Option<TimeBound> Time(string name, string description) => Parsed<TimeBound>(
        name,
        description + " A day of the --tz zone (2026-11-20, 20261120, today, yesterday) or a timestamp (2026-11-20T09:15:00Z; without an offset, a wall time of the --tz zone).",
        "TIME",
        TimeBound.TryParse,
        "a day such as 2026-11-20, 20261120, today or yesterday, or a timestamp such as 2026-11-20T09:15:00Z",
        isNumber: false);

    /// <summary>Refuses zero for a count option.</summary>
    /// <param name="option">The option.</param>
    /// <param name="message">The error for zero.</param>
    /// <returns>The option.</returns>
    private static Option<long> NotZero(Option<long> option, string message)
    {
        option.Validators.Add(result =>
        {
            if (result.Tokens.Count > 0 && long.TryParse(result.Tokens[^1].Value, NumberStyles.None, CultureInfo.InvariantCulture, out var count) && count == 0)
            {
                result.AddError(message);
            }
        });
        return option;
    }

    /// <summary>Creates an option whose value is one of a few words, compared case-insensitively, each mapped to a value.</summary>
    /// <typeparam name="T">The type of the value.</typeparam>
    /// <param name="name">The option's name.</param>
    /// <param name="description">What the option chooses.</param>
    /// <param name="choices">The words and their values; the first is the default.</param>
    /// <returns>The option.</returns>
    public static Option<Chosen<T>> Choice<T>(string name, string description, params (string Word, T Value)[] choices)
    {
        var words = string.Join('|', choices.Select(choice => choice.Word));
        var option = Parsed<Chosen<T>>(
            name,
            description,
            words,
            (string text, out Chosen<T> value) =>
            {
                foreach (var (word, candidate) in choices)
                {
                    if (string.Equals(word, text.Trim(), StringComparison.OrdinalIgnoreCase))
                    {
                        value = new Chosen<T>(word, candidate);
                        return true;
                    }
                }

                value = default;
                return false;
            },
            Words(choices.Select(choice => choice.Word).ToList()),
            isNumber: false);
        option.DefaultValueFactory = _ => new Chosen<T>(choices[0].Word, choices[0].Value);
        option.CompletionSources.Add(choices.Select(choice => choice.Word).ToArray());
        return option;
    }

    /// <summary>Lists words as a person says them: <c>team, autopilot, ralph or custom</c>.</summary>
    /// <param name="words">The words.</param>
    /// <returns>The list.</returns>
    public static string Words(IReadOnlyList<string> words)
    {
        ArgumentNullException.ThrowIfNull(words);
        return words.Count < 2 ? string.Join(string.Empty, words) : $"{string.Join(", ", words.Take(words.Count - 1))} or {words[^1]}";
    }

    /// <summary>Creates an option that takes one non-empty text.</summary>
    /// <param name="name">The option's name.</param>
    /// <param name="description">What the text is.</param>
    /// <param name="helpName">The placeholder shown in help.</param>
    /// <returns>The option.</returns>
    public static Option<string> Text(string name, string description, string helpName)
    {
        var option = new Option<string>(name) { Description = description, HelpName = helpName };
        option.Validators.Add(result =>
        {
            if (result.Tokens.Count > 0 && string.IsNullOrWhiteSpace(result.Tokens[^1].Value))
            {
                result.AddError($"{name} must not be empty");
            }
            else if (result.Tokens.Count > 0 && SessionText.FindProblem(result.Tokens[^1].Value, name) is { } problem)
            {
                // What a person types into a ledger follows the ledger's text rule, refused here with exit 2.
                result.AddError(problem + ": give it as printable text");
            }
        });
        return option;
    }

    /// <summary>Creates an option parsed by a function, whose errors name the option, what it expects and its limit.</summary>
    /// <typeparam name="T">The type of the value.</typeparam>
    /// <param name="name">The option's name.</param>
    /// <param name="description">What the option means.</param>
    /// <param name="helpName">The placeholder shown in help.</param>
    /// <param name="parse">Reads the value.</param>
    /// <param name="expected">What a value looks like, for the error.</param>
    /// <param name="isNumber">Whether the value is a number, whose sign and size the error names.</param>
    /// <param name="limit">The largest value a person can mean and how it is said, or null for none: a value above it is
    /// refused naming the limit, never clamped.</param>
    private static Option<T> Parsed<T>(string name, string description, string helpName, TryParse<T> parse, string expected, bool isNumber = true, (Func<T, bool> Fits, string Text)? limit = null) => new(name)
    {
        Description = description,
        HelpName = helpName,
        CustomParser = result =>
        {
            var text = result.Tokens.Count > 0 ? result.Tokens[^1].Value : string.Empty;
            if (parse(text, out var value))
            {
                if (limit is not { } bound || bound.Fits(value))
                {
                    return value;
                }

                result.AddError($"{name} {text.Trim()} is over the limit of {bound.Text}");
                return default!;
            }

            var digits = text.TrimStart('$').TrimEnd('h', 'm', 's');
            result.AddError(
                isNumber && text.StartsWith('-') ? $"{name} cannot be negative: '{text}' (expected {expected})"
                : isNumber && limit is { } over && digits.Length > 0 && digits.All(char.IsAsciiDigit) ? $"{name} {text.Trim()} is over the limit of {over.Text}"
                : isNumber && text.Length > 0 && text.All(char.IsAsciiDigit) ? $"{name} is too large: '{text}'"
                : $"{name} must be {expected}, not '{text}'");
            return default!;
        },
    };
}
