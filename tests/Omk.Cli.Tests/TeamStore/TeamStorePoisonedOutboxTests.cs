using Omk.Cli.Tests.Fixtures;
using Omk.Testing.Stores;

namespace Omk.Cli.Tests.TeamStore;

/// <summary>
/// An outbox that cannot be read (torn, a session without an id, a leftover sending file of either kind) is moved aside
/// the way a reset moves an unreadable <c>costs.json</c>, said in one line naming both files, and blocks no command.
/// </summary>
public sealed class TeamStorePoisonedOutboxTests : IClassFixture<PostgreSqlDatabase>, IDisposable
{
    private const string Torn = "[\n  {\n    \"session_type\": \"team\",\n    \"na";

    private readonly PostgreSqlDatabase _database;
    private readonly CliRunner _omk = new();

    public TeamStorePoisonedOutboxTests(PostgreSqlDatabase database)
    {
        _database = database;
        _database.Execute("DROP SCHEMA IF EXISTS omk_cost CASCADE");
        _omk.Variables["OMK_COST_STORE"] = _database.Uri();

        // The server's clock and this one agree, as the warning lines this test counts need.
        _omk.Clock.SetUtcNow(DateTimeOffset.UtcNow);
    }

    private string Outbox => Path.Combine(_omk.StateDirectory, "costs-outbox.json");

    public static TheoryData<string[]> Commands => new()
    {
        { new[] { "cost", "record", "--type", "team", "--name", "after", "--duration", "60" } },
        { new[] { "cost", "report" } },
        { new[] { "cost", "sync" } },
        { new[] { "cost", "reset", "--yes" } },
    };

    [Theory]
    [MemberData(nameof(Commands))]
    public async Task Command_TornOutbox_SucceedsAndMovesItAsideInOneLineNamingBothFiles(string[] command)
    {
        WriteOutbox(Torn);

        var result = await _omk.RunAsync(command);

        Assert.Equal(0, result.ExitCode);
        Assert.DoesNotContain("omk ?", result.Out, StringComparison.Ordinal);
        var aside = AssertOneSetAsideLine(result, Outbox, "is not a readable cost history at line 4");
        Assert.Equal(Torn, File.ReadAllText(aside));
        Assert.False(File.Exists(Outbox));
    }

    [Fact]
    public async Task Status_TornOutbox_AnswersWithoutTheErrorMarker()
    {
        WriteOutbox(Torn);

        var result = await _omk.RunAsync("cost", "status");

        Assert.Equal(0, result.ExitCode);
        Assert.StartsWith("omk $", result.Out, StringComparison.Ordinal);
        Assert.DoesNotContain("omk ?", result.Out, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Record_TornOutbox_StoresTheNewSession()
    {
        WriteOutbox(Torn);

        var result = await _omk.RunAsync("cost", "record", "--type", "team", "--name", "after", "--duration", "60");

        Assert.Equal(0, result.ExitCode);
        Assert.Equal("after", _database.Scalar("SELECT string_agg(name, ',') FROM omk_cost.sessions"));
    }

    [Fact]
    public async Task Record_OutboxSessionWithoutId_StoresTheNewSessionAndSetsTheOutboxAside()
    {
        var withoutId = CostFile.Of(CostFile.Session("team", "no-id", "2026-11-20T09:00:00Z", 1m));
        WriteOutbox(withoutId);

        var result = await _omk.RunAsync("cost", "record", "--type", "team", "--name", "after", "--duration", "60");

        Assert.Equal(0, result.ExitCode);
        Assert.DoesNotContain("Value cannot be null", result.Error, StringComparison.Ordinal);
        var aside = AssertOneSetAsideLine(result, Outbox, "is not a readable outbox: its session 1 has no id");
        Assert.Equal(withoutId, File.ReadAllText(aside));
        Assert.Equal("after", _database.Scalar("SELECT string_agg(name, ',') FROM omk_cost.sessions"));
    }

    [Fact]
    public async Task Sync_LeftoverTornSendingFile_NamesThatFileAndSendsTheGoodOutbox()
    {
        Directory.CreateDirectory(_omk.StateDirectory);
        var leftover = Outbox + ".sending-20261120T0900000000000Z-0123456789abcdef0123456789abcdef";
        File.WriteAllText(leftover, Torn);
        var good = CostFile.Of(CostFile.Session("team", "good", "2026-11-20T09:00:00Z", 1m).Replace("\"session_type\"", "\"id\": \"0190d9a8-0000-7000-8000-000000000001\", \"session_type\"", StringComparison.Ordinal));
        WriteOutbox(good);

        var result = await _omk.RunAsync("cost", "sync");

        Assert.Equal(0, result.ExitCode);
        AssertOneSetAsideLine(result, leftover, "is not a readable cost history");
        Assert.False(File.Exists(leftover));
        Assert.Contains("1 from the outbox", result.Out, StringComparison.Ordinal);
        Assert.Equal("good", _database.Scalar("SELECT string_agg(name, ',') FROM omk_cost.sessions"));
        Assert.Empty(Directory.GetFiles(_omk.StateDirectory, "costs-outbox.json.sending-*"));
    }

    /// <summary>Checks that standard error is one warning naming the bad file and an existing file it was moved to.</summary>
    /// <returns>Where the file was moved.</returns>
    private string AssertOneSetAsideLine(CliResult result, string bad, string why)
    {
        var line = Assert.Single(result.ErrorLines);
        Assert.StartsWith($"omk: warning: {bad} {why}", line, StringComparison.Ordinal);
        var movedTo = line[(line.IndexOf("; moved it to ", StringComparison.Ordinal) + "; moved it to ".Length)..];
        var aside = movedTo[..movedTo.IndexOf(',', StringComparison.Ordinal)];
        Assert.StartsWith(Outbox + ".corrupt-", aside, StringComparison.Ordinal);
        Assert.True(File.Exists(aside), aside);
        return aside;
    }

    private void WriteOutbox(string text)
    {
        Directory.CreateDirectory(_omk.StateDirectory);
        File.WriteAllText(Outbox, text);
    }

    public void Dispose() => _omk.Dispose();
}
