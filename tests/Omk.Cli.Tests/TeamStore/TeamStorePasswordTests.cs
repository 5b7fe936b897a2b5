using CsCheck;
using Microsoft.Extensions.Options;
using Omk.Cli.Tests.Fixtures;
using Omk.Cost.Adapters.PostgreSql;
using Omk.Testing.Stores;

namespace Omk.Cli.Tests.TeamStore;

/// <summary>
/// A team store whose role must give a password (<c>scram-sha-256</c>): the password comes from the URI,
/// <c>$PGPASSWORD</c> or the password file (<c>~/.pgpass</c>, <c>$PGPASSFILE</c>), and no message ever shows it.
/// </summary>
public sealed class TeamStorePasswordTests : IClassFixture<TeamStorePasswordTests.PasswordDatabase>, IDisposable
{
    private const string Password = "Pw-7f3c9e1d";
    private const string WrongPassword = "Wrong-4b8a2c";
    private readonly PasswordDatabase _database;
    private readonly CliRunner _omk = new();

    public TeamStorePasswordTests(PasswordDatabase database)
    {
        _database = database;
    }

    private string Role => _database.Role;

    [Fact]
    public async Task Record_PasswordInTheUri_RecordsAndNeverPrintsIt()
    {
        var result = await RecordAsync(_database.Uri(Role, Password));

        Assert.Equal(0, result.ExitCode);
        Assert.Contains($"in {_database.Uri(Role)}\n", result.Out, StringComparison.Ordinal);
        AssertNoPassword(result);
        Assert.Equal(1L, _database.Count("uri"));
    }

    [Theory]
    [InlineData("PGPASSWORD")]
    [InlineData("~/.pgpass")]
    [InlineData("PGPASSFILE")]
    public async Task Record_PasswordFromTheEnvironment_RecordsAndNeverPrintsIt(string source)
    {
        var name = source.TrimStart('~', '/', '.').ToLowerInvariant();
        switch (source)
        {
            case "PGPASSWORD":
                _omk.Variables["PGPASSWORD"] = Password;
                break;
            case "~/.pgpass":
                WritePasswordFile(Path.Combine(_omk.HomeDirectory, ".pgpass"), Password);
                break;
            default:
                var file = Path.Combine(_omk.Folder.Path, "team.pgpass");
                WritePasswordFile(file, Password);
                _omk.Variables["PGPASSFILE"] = file;
                break;
        }

        var result = await RecordAsync(_database.Uri(Role), name);

        Assert.Equal(0, result.ExitCode);
        AssertNoPassword(result);
        Assert.Equal(1L, _database.Count(name));
    }

    [Fact]
    public async Task Record_NoPasswordAnywhere_FailsSayingTheServerWantsOne()
    {
        var result = await RecordAsync(_database.Uri(Role), "none");

        Assert.Equal(1, result.ExitCode);
        Assert.StartsWith($"omk: could not connect to the team store {_database.Uri(Role)}: ", result.Error, StringComparison.Ordinal);
        Assert.Contains("password", result.Error, StringComparison.OrdinalIgnoreCase);
        Assert.Equal(0L, _database.Count("none"));
    }

    [Fact]
    public async Task Record_WrongPasswordInTheUri_FailsWithOneLineThatHoldsNoPassword()
    {
        var result = await RecordAsync(_database.Uri(Role, WrongPassword), "wrong");

        Assert.Equal(1, result.ExitCode);
        var line = Assert.Single(result.ErrorLines);
        Assert.StartsWith($"omk: could not connect to the team store {_database.Uri(Role)}: ", line, StringComparison.Ordinal);
        Assert.Contains("password authentication failed", line, StringComparison.Ordinal);
        Assert.DoesNotContain(WrongPassword, result.Out + result.Error, StringComparison.Ordinal);
        Assert.Equal(0L, _database.Count("wrong"));
    }

    [Fact]
    public async Task Report_WrongPgPasswordInAConnectionString_FailsWithoutThePassword()
    {
        _omk.Variables["PGPASSWORD"] = WrongPassword;

        var result = await _omk.RunAsync("cost", "report", "--store", $"Host={_database.Server.Folder};Database={_database.Name};Username={Role}");

        Assert.Equal(1, result.ExitCode);
        Assert.Contains("password authentication failed", result.Error, StringComparison.Ordinal);
        Assert.DoesNotContain(WrongPassword, result.Out + result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task StoreInfo_PasswordInTheUri_NamesTheStoreWithoutIt()
    {
        var result = await _omk.RunAsync("cost", "store", "info", "--store", _database.Uri(Role, Password));

        Assert.Equal(0, result.ExitCode);
        Assert.Contains($"Store: {_database.Uri(Role)}\n", result.Out, StringComparison.Ordinal);
        AssertNoPassword(result);
    }

    [Fact]
    public async Task Record_UnreachableStoreWithPassword_WarnsAboutTheOutboxWithoutThePassword()
    {
        var nowhere = _omk.Folder.Folder("no-server");
        var store = $"postgresql://{Role}:{Password}@/{_database.Name}?host={Uri.EscapeDataString(nowhere)}&connect_timeout=1";

        var result = await RecordAsync(store, "offline");

        Assert.Equal(0, result.ExitCode);
        var warning = Assert.Single(result.ErrorLines);
        Assert.StartsWith($"omk: warning: could not connect to the team store postgresql://{Role}@/{_database.Name}?host=", warning, StringComparison.Ordinal);
        AssertNoPassword(result);
        Assert.DoesNotContain(Password, File.ReadAllText(Path.Combine(_omk.StateDirectory, "costs-outbox.json")), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Record_PassfileInTheUriMissing_FailsNamingTheFileAndKeepsNoOutbox()
    {
        var missing = Path.Combine(_omk.Folder.Path, "absent.pgpass");
        var store = $"{_database.Uri(Role)}&passfile={Uri.EscapeDataString(missing)}";

        var result = await RecordAsync(store, "nopassfile");

        Assert.Equal(1, result.ExitCode);
        var line = Assert.Single(result.ErrorLines);
        Assert.StartsWith($"omk: could not connect to the team store {store}: ", line, StringComparison.Ordinal);
        Assert.EndsWith($" (the password file {missing} that passfile= names does not exist)", line, StringComparison.Ordinal);
        Assert.False(File.Exists(Path.Combine(_omk.StateDirectory, "costs-outbox.json")));
        Assert.Equal(0L, _database.Count("nopassfile"));
    }

    [Fact]
    public async Task Record_PassfileInTheUriMissingButPgPasswordSet_RecordsWithPgPassword()
    {
        _omk.Variables["PGPASSWORD"] = Password;
        var store = $"{_database.Uri(Role)}&passfile={Uri.EscapeDataString(Path.Combine(_omk.Folder.Path, "absent.pgpass"))}";

        var result = await RecordAsync(store, "pgpassword-over-missing-file");

        Assert.Equal(0, result.ExitCode);
        AssertNoPassword(result);
        Assert.Equal(1L, _database.Count("pgpassword-over-missing-file"));
    }

    [Fact]
    public async Task Record_UnencodedPasswordWithSlashQuestionMarkAndAt_ConnectsAndNeverPrintsIt()
    {
        const string Nasty = "2024/Winter?SE@CRET#x&y=z";
        var role = $"omk_test_nasty_{Environment.ProcessId}";
        _database.Server.AddPasswordRole(role, Nasty);

        var result = await RecordAsync(_database.Uri(role, Nasty), "nasty");

        Assert.Equal(0, result.ExitCode);
        Assert.Contains($"in {_database.Uri(role)}\n", result.Out, StringComparison.Ordinal);
        Assert.DoesNotContain("Winter", result.Out + result.Error, StringComparison.Ordinal);
        Assert.Equal(1L, _database.Count("nasty"));
    }

    /// <summary>
    /// Generated passwords of every printable character, written as they are or percent-encoded, in a store that
    /// cannot be reached: no line of a record's outbox warning, a report's failure, a strict status's failure or any
    /// <c>OMK_DEBUG</c> trace holds one.
    /// </summary>
    [Fact]
    public async Task EveryCommand_GeneratedPasswordsUnreachableStore_NoMessageOrTraceHoldsThem()
    {
        var nowhere = _omk.Folder.Folder("no-server");
        _omk.Variables["OMK_DEBUG"] = "1";
        var checkedPasswords = 0;
        await Gen.Select(Gen.String[Gen.Char[' ', '~'], 8, 32], Gen.Bool).SampleAsync(
            async (password, encode) =>
            {
                var written = encode ? Uri.EscapeDataString(password) : password;
                var store = $"postgresql://{Role}:{written}@/{_database.Name}?host={Uri.EscapeDataString(nowhere)}&connect_timeout=1";
                var record = await RecordAsync(store, "generated");
                var report = await _omk.RunAsync("cost", "report", "--store", store);
                var status = await _omk.RunAsync("cost", "status", "--store", store);
                var strict = await _omk.RunAsync("cost", "status", "--strict", "--store", store);
                foreach (var result in new[] { record, report, status, strict })
                {
                    Assert.DoesNotContain(password, result.Out + result.Error, StringComparison.Ordinal);
                    Assert.DoesNotContain(written, result.Out + result.Error, StringComparison.Ordinal);
                }

                Assert.Equal(0, record.ExitCode);
                Assert.StartsWith($"omk: warning: could not connect to the team store postgresql://{Role}@/", record.Error, StringComparison.Ordinal);
                Assert.Equal((1, 1), (report.ExitCode, strict.ExitCode));
                Assert.StartsWith("omk: could not connect to the team store", strict.Error, StringComparison.Ordinal);
                Assert.DoesNotContain("--format", strict.Error, StringComparison.Ordinal);
                Assert.Contains("omk: status: ", status.Error, StringComparison.Ordinal);
                checkedPasswords++;
            },
            iter: 12,
            threads: 1);
        Assert.Equal(12, checkedPasswords);
    }

    public void Dispose() => _omk.Dispose();

    private static void AssertNoPassword(CliResult result) =>
        Assert.DoesNotContain(Password, result.Out + result.Error, StringComparison.Ordinal);

    private static void WritePasswordFile(string path, string password)
    {
        File.WriteAllText(path, $"# host:port:database:user:password\n*:*:*:*:{password}\n");
        if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        }
    }

    private Task<CliResult> RecordAsync(string store, string name = "uri") =>
        _omk.RunAsync("cost", "record", "--store", store, "--type", "team", "--name", name, "--duration", "60");

    /// <summary>A fresh database on the shared server and a role of this process that must give its password.</summary>
    public sealed class PasswordDatabase
    {
        private readonly PostgreSqlDatabase _database = new();

        public PasswordDatabase()
        {
            Role = $"omk_test_pw_{Environment.ProcessId}";
            _database.Server.AddPasswordRole(Role, Password);
            using var admin = new PostgreSqlCostSink(Options.Create(new PostgreSqlCostOptions { ConnectionString = _database.ConnectionString }));
            admin.MigrateAsync(CancellationToken.None).GetAwaiter().GetResult();
        }

        public string Role { get; }

        public PostgreSqlServer Server => _database.Server;

        public string Name => _database.Name;

        public string Uri(string user, string? password = null) => password is null
            ? _database.Uri(user)
            : _database.Uri(user).Replace($"{user}@", $"{user}:{password}@", StringComparison.Ordinal);

        public long Count(string name) =>
            (long)_database.Scalar($"SELECT count(*) FROM omk_cost.sessions WHERE name = '{name}'")!;
    }
}
