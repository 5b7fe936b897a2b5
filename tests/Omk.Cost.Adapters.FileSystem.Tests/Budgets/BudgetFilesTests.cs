using System.Text;
using Omk.Cost.Adapters.FileSystem.Budgets;
using Omk.Cost.Domain.Budgets;

namespace Omk.Cost.Adapters.FileSystem.Tests.Budgets;

public sealed class BudgetFilesTests
{
    private const string BudgetsPath = "/state/budgets.json";
    private const string ReservationsPath = "/state/reservations.json";
    private const string Daily = """{"name": "daily", "limit_usd": 1, "period": "day", "time_zone": "UTC"}""";

    [Fact]
    public void ParseBudgets_BudgetBreakingARule_NamesItsNumberAndTheRule()
    {
        var bytes = Budgets(Daily, """{"name": "b", "limit_usd": -1, "period": "day", "time_zone": "UTC"}""");

        var error = Assert.Throws<CostFileFormatException>(() => BudgetFiles.ParseBudgets(BudgetsPath, bytes));

        Assert.Equal("/state/budgets.json is not a readable list of budgets: budget 2: The limit of budget \"b\" cannot be negative", error.Message);
    }

    [Fact]
    public void ParseBudgets_NameUsedTwiceInAnyCase_NamesTheSecond()
    {
        var bytes = Budgets(Daily, Daily.Replace("\"daily\"", "\"Daily\"", StringComparison.Ordinal));

        var error = Assert.Throws<CostFileFormatException>(() => BudgetFiles.ParseBudgets(BudgetsPath, bytes));

        Assert.Equal("/state/budgets.json is not a readable list of budgets: budget 2: the name \"Daily\" is used twice", error.Message);
    }

    [Fact]
    public void ParseBudgets_ByteOrderMark_ReadsTheBudgets()
    {
        var bytes = Encoding.UTF8.GetBytes("\uFEFF" + Encoding.UTF8.GetString(Budgets(Daily)));

        var budget = Assert.Single(BudgetFiles.ParseBudgets(BudgetsPath, bytes));

        Assert.Equal(new BudgetPolicy { Name = "daily", LimitUsd = 1m, Period = BudgetPeriodKind.Day, TimeZoneId = "UTC" }, budget);
    }

    [Fact]
    public void ParseBudgets_JsonNull_SaysTheFileMustHoldAnObject()
    {
        var error = Assert.Throws<CostFileFormatException>(() => BudgetFiles.ParseBudgets(BudgetsPath, "null"u8.ToArray()));

        Assert.Equal("/state/budgets.json is not a readable list of budgets at line 1, column 1: the file must hold a JSON object", error.Message);
    }

    [Fact]
    public void ParseBudgets_ValueOfTheWrongType_SaysWhatAndWhereWithoutTheJsonPath()
    {
        var bytes = Encoding.UTF8.GetBytes("{\n  \"budgets\": [\n    {\"name\": \"daily\", \"limit_usd\": \"ten\"}\n  ]\n}\n");

        var error = Assert.Throws<CostFileFormatException>(() => BudgetFiles.ParseBudgets(BudgetsPath, bytes));

        Assert.Equal("/state/budgets.json is not a readable list of budgets at line 3, column 41: The JSON value could not be converted to System.Decimal", error.Message);
    }

    [Fact]
    public void ParseReservations_ZeroAmount_IsAReservation()
    {
        var reservation = Assert.Single(BudgetFiles.ParseReservations(ReservationsPath, Reservations("r1", "0")));

        Assert.Equal(("r1", 0m), (reservation.Id, reservation.AmountUsd));
    }

    [Theory]
    [InlineData("", "1")]
    [InlineData("r1", "-0.01")]
    public void ParseReservations_NoIdOrNegativeAmount_NamesTheReservationAndTheRule(string id, string usd)
    {
        var error = Assert.Throws<CostFileFormatException>(() => BudgetFiles.ParseReservations(ReservationsPath, Reservations(id, usd)));

        Assert.Equal("/state/reservations.json is not a readable list of reservations: reservation 1: it needs an id, an amount of zero or more, and budget names that are not blank", error.Message);
    }

    private static byte[] Budgets(params string[] entries) =>
        Encoding.UTF8.GetBytes("{\"budgets\": [" + string.Join(", ", entries) + "]}");

    private static byte[] Reservations(string id, string usd) =>
        Encoding.UTF8.GetBytes($$"""{"reservations": [{"id": "{{id}}", "usd": {{usd}}, "created_at": "2026-11-20T09:00:00Z", "expires_at": "2026-11-20T10:00:00Z"}]}""");
}
