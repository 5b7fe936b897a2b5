using CsCheck;
using Microsoft.Extensions.Options;
using Npgsql;

namespace Omk.Cost.Adapters.PostgreSql.Tests;

/// <summary>
/// How a store's address becomes Npgsql's settings: libpq URI keys mapped one by one (TLS settings among them), the
/// password from the address, else the options (<c>PGPASSWORD</c>), else a password file, and names without passwords.
/// </summary>
public sealed class PostgreSqlStoreAddressTests
{
    [Theory]
    [InlineData("disable", SslMode.Disable)]
    [InlineData("allow", SslMode.Allow)]
    [InlineData("prefer", SslMode.Prefer)]
    [InlineData("require", SslMode.Require)]
    [InlineData("verify-ca", SslMode.VerifyCA)]
    [InlineData("verify-full", SslMode.VerifyFull)]
    public void TryParse_UriSslMode_PassesThrough(string sslmode, SslMode expected)
    {
        Assert.True(PostgreSqlStoreAddress.TryParse($"postgresql://recorder@db.example.com/omk?sslmode={sslmode}", out var builder, out _));

        Assert.Equal(expected, builder.SslMode);
    }

    [Fact]
    public void Store_UriWithTlsFiles_ConnectsWithThem()
    {
        var settings = Settings("postgresql://recorder@db.example.com:6432/omk?sslmode=verify-full&sslrootcert=/etc/ca.pem&sslcert=/etc/me.pem&sslkey=/etc/me.key");

        // Npgsql takes a host's own port as host:port, as in its multi-host syntax.
        Assert.Equal(
            (SslMode.VerifyFull, "/etc/ca.pem", "/etc/me.pem", "/etc/me.key", "db.example.com:6432", "omk", "recorder"),
            (settings.SslMode, settings.RootCertificate, settings.SslCertificate, settings.SslKey, settings.Host, settings.Database, settings.Username));
    }

    [Fact]
    public void Store_UnixSocketHost_AsksForNoTlsUnlessTheAddressSays()
    {
        Assert.Equal(SslMode.Disable, Settings("postgresql://u@/omk?host=/run/postgresql").SslMode);
        Assert.Equal(SslMode.Disable, Settings("Host=/run/postgresql;Database=omk").SslMode);
        Assert.Equal(SslMode.Require, Settings("postgresql://u@/omk?host=/run/postgresql&sslmode=require").SslMode);
        Assert.Equal(SslMode.Require, Settings("Host=/run/postgresql;Database=omk;SSL Mode=Require").SslMode);
        Assert.Equal(SslMode.Prefer, Settings("postgresql://u@db.example.com/omk").SslMode);
    }

    [Fact]
    public void Store_ConnectionStringSslMode_PassesThrough()
    {
        Assert.Equal(SslMode.Require, Settings("Host=db.example.com;Database=omk;SSL Mode=Require").SslMode);
    }

    [Fact]
    public void TryParse_UnknownSslMode_FailsNamingTheChoices()
    {
        Assert.False(PostgreSqlStoreAddress.TryParse("postgresql://u@h/db?sslmode=sometimes", out _, out var error));

        Assert.Contains("sslmode 'sometimes' is not one of disable, allow, prefer, require, verify-ca, verify-full", error, StringComparison.Ordinal);
    }

    [Fact]
    public void Store_PasswordInTheUri_WinsOverTheOptionsPassword()
    {
        Assert.Equal("from-uri", Settings("postgresql://u:from-uri@h/db", password: "from-env").Password);
    }

    [Fact]
    public void Store_NoPasswordInTheAddress_TakesTheOptionsPasswordAndNoFile()
    {
        var settings = Settings("postgresql://u@h/db", password: "from-env", passwordFile: "/home/u/.pgpass");

        Assert.Equal(("from-env", null), (settings.Password, settings.Passfile));
    }

    [Fact]
    public void Store_NoPasswordAtAll_LooksInThePasswordFile()
    {
        var file = Path.GetTempFileName();
        try
        {
            var settings = Settings("postgresql://u@h/db", passwordFile: file);

            Assert.Equal((null, file), (settings.Password, settings.Passfile));
        }
        finally
        {
            File.Delete(file);
        }
    }

    [Fact]
    public void Store_PassfileInTheUriThatDoesNotExist_IsSkippedAsLibpqDoes()
    {
        var missing = Path.Combine(Path.GetTempPath(), $"omk-absent-{Guid.NewGuid():N}.pgpass");

        var settings = Settings($"postgresql://u@h/db?passfile={Uri.EscapeDataString(missing)}");

        Assert.Equal((null, null), (settings.Password, settings.Passfile));
    }

    [Theory]
    [InlineData("--state-dir=")]
    [InlineData("FOO=")]
    [InlineData("Host=h;Bogus=")]
    public void TryParse_UnknownKeyWithoutAValue_IsUnreadableAndHoldsNoPassword(string address)
    {
        // Any argument with '=' may be an address (`omk cost run -- env FOO= kimi`): it is read, never thrown at.
        Assert.False(PostgreSqlStoreAddress.TryParse(address, out _, out var error));
        Assert.Contains("the connection string is not valid", error, StringComparison.Ordinal);
        Assert.Empty(PostgreSqlStoreAddress.Passwords(address));
        Assert.Equal("(unreadable connection string)", PostgreSqlStoreAddress.Redact(address));
    }

    [Theory]
    [InlineData("Host=h;Port=99999")]
    [InlineData("Host=h;Port=65536")]
    public void TryParse_ConnectionStringPortOutOfRange_FailsNamingThePort(string address)
    {
        Assert.False(PostgreSqlStoreAddress.TryParse(address, out _, out var error));
        Assert.Contains("is not a number from 1 to 65535", error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("postgresql://u:pa%40ss@h/db?sslmode=require&password=other&sslpassword=third", "postgresql://u@h/db?sslmode=require")]
    [InlineData("postgres://u:secret@h:5433", "postgres://u@h:5433")]
    [InlineData("Host=h;Database=db;Username=u;Password=secret;SSL Password=third", "Host=h;Database=db;Username=u")]
    public void Redact_AddressWithPasswords_RemovesEveryOne(string address, string expected)
    {
        Assert.Equal(expected, PostgreSqlStoreAddress.Redact(address));
    }

    [Theory]
    [InlineData("postgresql://u@h/db", 5, 30)]
    [InlineData("postgresql://u@h/db?connect_timeout=2", 2, 30)]
    [InlineData("postgresql://u@h/db?connect_timeout=0", 0, 30)]
    [InlineData("Host=h;Database=db", 5, 30)]
    [InlineData("Host=h;Database=db;Timeout=15;Command Timeout=7", 15, 7)]
    public void Store_ConnectTimeout_IsFiveSecondsUnlessTheAddressSaysOtherwise(string address, int connect, int command)
    {
        var settings = Settings(address);

        Assert.Equal((connect, command), (settings.Timeout, settings.CommandTimeout));
    }

    [Theory]
    [InlineData("postgresql://alice:2024/WinterSECRET@db.example.com/omk", "2024/WinterSECRET")]
    [InlineData("postgresql://alice:ab/cd@db.example.com:5433/omk", "ab/cd")]
    [InlineData("postgresql://alice:ab?cd=ef&x@db.example.com/omk", "ab?cd=ef&x")]
    [InlineData("postgresql://alice:a@b:c/d?e#f@db.example.com/omk", "a@b:c/d?e#f")]
    [InlineData("postgresql://alice:p%2Fq%3Fr%40s@db.example.com/omk", "p/q?r@s")]
    public void TryParse_PasswordWithSlashQuestionMarkOrAt_IsFoundWholeAndTheHostAfterTheLastAt(string address, string password)
    {
        Assert.True(PostgreSqlStoreAddress.TryParse(address, out var builder, out var error), error);

        Assert.Equal((password, "alice", "omk"), (builder.Password, builder.Username, builder.Database));
        Assert.StartsWith("db.example.com", builder.Host, StringComparison.Ordinal);
        Assert.DoesNotContain(password, PostgreSqlStoreAddress.Redact(address), StringComparison.Ordinal);
        Assert.StartsWith("postgresql://alice@db.example.com", PostgreSqlStoreAddress.Redact(address), StringComparison.Ordinal);
    }

    [Fact]
    public void TryParse_AtSignInTheQuery_IsNotTakenForTheEndOfTheUserInfo()
    {
        Assert.True(PostgreSqlStoreAddress.TryParse("postgresql:///omk?host=/run/pg&application_name=ci@build", out var builder, out var error), error);

        Assert.Equal(("/run/pg", "omk", "ci@build", null), (builder.Host, builder.Database, builder.ApplicationName, builder.Username));
    }

    /// <summary>Any password of printable ASCII, as written or percent-encoded, is read whole and shown nowhere.</summary>
    [Fact]
    public void TryParse_AnyPrintablePassword_IsReadWholeAndRedactedFromTheName() =>
        Gen.Select(Gen.String[Gen.Char[' ', '~'], 8, 40], Gen.Bool, Gen.OneOf(Gen.Const("db.example.com:5432"), Gen.Const(string.Empty))).Sample((password, encode, host) =>
        {
            var written = encode ? Uri.EscapeDataString(password) : password;
            var address = $"postgresql://alice:{written}@{host}/omk?sslmode=require";
            var parsed = PostgreSqlStoreAddress.TryParse(address, out var builder, out var error);
            var redacted = PostgreSqlStoreAddress.Redact(address);
            var secrets = PostgreSqlStoreAddress.Passwords(address);

            // A password written with %XX in it is read percent-decoded, as libpq reads it.
            return parsed
                && builder!.Password == Uri.UnescapeDataString(written)
                && builder.Username == "alice" && builder.Database == "omk" && builder.SslMode == SslMode.Require
                && (builder.Host ?? string.Empty) == (host.Length == 0 ? string.Empty : "db.example.com:5432")
                && redacted == $"postgresql://alice@{host}/omk?sslmode=require"
                && secrets.Contains(password) && secrets.Contains(written);
        });

    private static NpgsqlConnectionStringBuilder Settings(string address, string? password = null, string? passwordFile = null)
    {
        using var store = new PostgreSqlStore(Options.Create(new PostgreSqlCostOptions { ConnectionString = address, Password = password, PasswordFile = passwordFile }));
        return new NpgsqlConnectionStringBuilder(store.Settings);
    }
}
