using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using Omk.Cost.Adapters.FileSystem.Serialization;
using Omk.Cost.Domain.Budgets;
using Omk.Cost.Domain.Time;

namespace Omk.Cost.Adapters.FileSystem.Budgets;

/// <summary>
/// Reads and writes the content of <c>budgets.json</c> and <c>reservations.json</c>. A missing, empty or white-space file
/// holds nothing; any other file must be exactly of their shape, else it is reported with its line and column and never
/// overwritten.
/// </summary>
internal static class BudgetFiles
{
    public const string BudgetsFileName = "budgets.json";
    public const string ReservationsFileName = "reservations.json";

    /// <summary>What <c>budgets.json</c> holds, for messages.</summary>
    public const string BudgetsDocument = "list of budgets";

    /// <summary>What <c>reservations.json</c> holds, for messages.</summary>
    public const string ReservationsDocument = "list of reservations";

    /// <summary>What an empty budget or reservation file lacks, for messages.</summary>
    public const string EmptyWords = "JSON object";

    /// <exception cref="CostFileFormatException">The bytes are not a list of budgets.</exception>
    public static IReadOnlyList<BudgetPolicy> ParseBudgets(string path, byte[] bytes)
    {
        if (Deserialize(path, BudgetsDocument, bytes, CostJsonContext.Default.BudgetFileDocument) is not { } document)
        {
            return [];
        }

        var budgets = new List<BudgetPolicy>(document.Budgets.Count);
        foreach (var entry in document.Budgets)
        {
            var number = budgets.Count + 1;
            if (entry is null || !TryParsePeriod(entry.Period, out var period))
            {
                throw Invalid(path, BudgetsDocument, number, "budget", "its period must be \"total\", \"day\", \"week\" or \"month\"");
            }

            var policy = new BudgetPolicy
            {
                Name = entry.Name,
                LimitUsd = entry.LimitUsd,
                Period = period,
                SessionType = entry.SessionType,
                WarnAtPercent = entry.WarnAtPercent,
                TimeZoneId = entry.TimeZone,
            };
            Check(path, BudgetsDocument, number, "budget", policy.Validate);
            if (budgets.Exists(budget => string.Equals(budget.Name, policy.Name, StringComparison.OrdinalIgnoreCase)))
            {
                throw Invalid(path, BudgetsDocument, number, "budget", $"the name \"{policy.Name}\" is used twice");
            }

            budgets.Add(policy);
        }

        return budgets;
    }

    /// <exception cref="CostFileFormatException">The bytes are not a list of reservations.</exception>
    public static IReadOnlyList<Reservation> ParseReservations(string path, byte[] bytes)
    {
        if (Deserialize(path, ReservationsDocument, bytes, CostJsonContext.Default.ReservationFileDocument) is not { } document)
        {
            return [];
        }

        var reservations = new List<Reservation>(document.Reservations.Count);
        foreach (var entry in document.Reservations)
        {
            var number = reservations.Count + 1;
            if (entry is null || string.IsNullOrWhiteSpace(entry.Id) || entry.Usd < 0m || entry.Budgets.Exists(string.IsNullOrWhiteSpace))
            {
                throw Invalid(path, ReservationsDocument, number, "reservation", "it needs an id, an amount of zero or more, and budget names that are not blank");
            }

            reservations.Add(new Reservation
            {
                Id = entry.Id,
                AmountUsd = entry.Usd,
                SessionType = entry.SessionType,
                Name = entry.Name,
                Budgets = entry.Budgets,
                CreatedAt = entry.CreatedAt,
                ExpiresAt = entry.ExpiresAt,
                User = entry.User,
                Host = entry.Host,
                SettledBy = entry.SettledBy,
            });
        }

        return reservations;
    }

    public static byte[] Serialize(IEnumerable<BudgetPolicy> budgets) => Serialize(
        new BudgetFileDocument
        {
            Budgets = [.. budgets.Select(budget => new BudgetEntryDocument
            {
                Name = budget.Name,
                LimitUsd = budget.LimitUsd,
                Period = PeriodWords.Of(budget.Period),
                SessionType = budget.SessionType,
                WarnAtPercent = budget.WarnAtPercent,
                TimeZone = budget.TimeZoneId,
            })],
        },
        CostJsonContext.Default.BudgetFileDocument);

    public static byte[] Serialize(IEnumerable<Reservation> reservations) => Serialize(
        new ReservationFileDocument
        {
            Reservations = [.. reservations.Select(reservation => new ReservationEntryDocument
            {
                Id = reservation.Id,
                Usd = reservation.AmountUsd,
                SessionType = reservation.SessionType,
                Name = reservation.Name,
                Budgets = [.. reservation.Budgets],
                CreatedAt = reservation.CreatedAt,
                ExpiresAt = reservation.ExpiresAt,
                User = reservation.User,
                Host = reservation.Host,
                SettledBy = reservation.SettledBy,
            })],
        },
        CostJsonContext.Default.ReservationFileDocument);

    public static bool TryParsePeriod(string? text, out BudgetPeriodKind period)
    {
        return PeriodWords.TryParse(text, out period);
    }

    private static T? Deserialize<T>(string path, string document, byte[] bytes, JsonTypeInfo<T> typeInfo)
        where T : class
    {
        if (StateFile.HoldsNothing(bytes))
        {
            return null;
        }

        var start = bytes.AsSpan().StartsWith("\uFEFF"u8) ? 3 : 0;

        try
        {
            return JsonSerializer.Deserialize(bytes.AsSpan(start), typeInfo)
                ?? throw new CostFileFormatException(path, document, 1, 1, "the file must hold a JSON object");
        }
        catch (JsonException exception)
        {
            var reason = exception.Message.Split(" Path:", 2)[0].TrimEnd('.');
            throw new CostFileFormatException(path, document, exception.LineNumber + 1, exception.BytePositionInLine + 1, reason, exception);
        }
    }

    private static byte[] Serialize<T>(T document, JsonTypeInfo<T> typeInfo)
    {
        var bytes = JsonSerializer.SerializeToUtf8Bytes(document, typeInfo);
        var withNewLine = new byte[bytes.Length + 1];
        bytes.CopyTo(withNewLine, 0);
        withNewLine[^1] = (byte)'\n';
        return withNewLine;
    }

    private static void Check(string path, string document, int number, string what, Action validate)
    {
        try
        {
            validate();
        }
        catch (ArgumentException exception)
        {
            throw Invalid(path, document, number, what, exception.Message.Split(" (Parameter", 2)[0].TrimEnd('.'));
        }
    }

    private static CostFileFormatException Invalid(string path, string document, int number, string what, string reason) =>
        new(path, document, null, null, string.Create(CultureInfo.InvariantCulture, $"{what} {number}: {reason}"));
}
