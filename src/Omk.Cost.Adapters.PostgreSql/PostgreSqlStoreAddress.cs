using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using System.Text;
using Npgsql;

namespace Omk.Cost.Adapters.PostgreSql;

/// <summary>
/// Reads a team store's address: a libpq connection URI (<c>postgresql://user:secret@host:5432/db?sslmode=require</c>)
/// or an Npgsql connection string (<c>Host=db;Database=omk</c>), and names it without its password.
/// </summary>
/// <remarks>
/// Npgsql reads only connection strings (its issue 2090 asks for URIs), so the URI form is translated here,
/// key by key, to Npgsql's own settings. A key this translation does not know is an error, never ignored.
/// </remarks>
public static class PostgreSqlStoreAddress
{
    private static readonly Dictionary<string, Action<NpgsqlConnectionStringBuilder, string>> UriParameters = new(StringComparer.Ordinal)
    {
        ["host"] = static (b, v) => b.Host = v,
        ["port"] = static (b, v) => b.Port = ParsePort(v),
        ["dbname"] = static (b, v) => b.Database = v,
        ["user"] = static (b, v) => b.Username = v,
        ["password"] = static (b, v) => b.Password = v,
        ["passfile"] = static (b, v) => b.Passfile = v,
        ["sslmode"] = static (b, v) => b.SslMode = ParseSslMode(v),
        ["sslrootcert"] = static (b, v) => b.RootCertificate = v,
        ["sslcert"] = static (b, v) => b.SslCertificate = v,
        ["sslkey"] = static (b, v) => b.SslKey = v,
        ["sslpassword"] = static (b, v) => b.SslPassword = v,
        ["connect_timeout"] = static (b, v) => b.Timeout = int.Parse(v, NumberStyles.None, CultureInfo.InvariantCulture),
        ["application_name"] = static (b, v) => b.ApplicationName = v,
        ["options"] = static (b, v) => b.Options = v,
        ["target_session_attrs"] = static (b, v) => b["Target Session Attributes"] = v,
        ["client_encoding"] = static (b, v) => b.ClientEncoding = v,
    };

    /// <summary>
    /// Tells whether a value is meant as a PostgreSQL store: a <c>postgresql://</c> or <c>postgres://</c> URI, or a
    /// connection string (it holds <c>=</c>).
    /// </summary>
    /// <param name="value">The value, such as a <c>--store</c> argument.</param>
    /// <returns><see langword="true"/> when the value names a PostgreSQL store.</returns>
    public static bool IsPostgreSqlAddress(string? value) =>
        value is not null
        && (IsUri(value) || value.Contains('=', StringComparison.Ordinal));

    /// <summary>Names a store the way messages show it: the same address with its password removed.</summary>
    /// <param name="value">The store's address.</param>
    /// <returns>The address without password, or a placeholder when it cannot be read.</returns>
    public static string Redact(string value)
    {
        ArgumentNullException.ThrowIfNull(value);
        if (IsUri(value))
        {
            return TryParseUri(value, out _, out var shown, out _) ? shown : "postgresql://(unreadable address)";
        }

        if (!TryParse(value, out var builder, out _))
        {
            return "(unreadable connection string)";
        }

        builder.Remove("Password");
        builder.Remove("SSL Password");
        return builder.ConnectionString;
    }

    /// <summary>Reads an address into Npgsql's settings.</summary>
    /// <param name="value">The address.</param>
    /// <param name="builder">The settings, when readable.</param>
    /// <param name="error">What is wrong with it, when not; it never holds the password.</param>
    /// <returns><see langword="true"/> when the address is readable.</returns>
    internal static bool TryParse(string value, [NotNullWhen(true)] out NpgsqlConnectionStringBuilder? builder, [NotNullWhen(false)] out string? error)
    {
        if (IsUri(value))
        {
            return TryParseUri(value, out builder, out _, out error);
        }

        try
        {
            builder = new NpgsqlConnectionStringBuilder(value);
            error = null;
            return true;
        }
        catch (Exception exception) when (exception is ArgumentException or FormatException or InvalidCastException or OverflowException)
        {
            builder = null;
            error = $"the connection string is not valid ({exception.Message.TrimEnd('.')}); give Key=Value pairs such as Host=db;Database=omk, or a postgresql:// URI";
            return false;
        }
    }

    private static bool IsUri(string value) =>
        value.StartsWith("postgresql://", StringComparison.OrdinalIgnoreCase)
        || value.StartsWith("postgres://", StringComparison.OrdinalIgnoreCase);

    /// <summary>
    /// Reads <c>postgresql://[user[:password]@][host[:port][,...]][/dbname][?key=value&amp;...]</c> as libpq does.
    /// </summary>
    private static bool TryParseUri(string value, [NotNullWhen(true)] out NpgsqlConnectionStringBuilder? builder, out string shown, [NotNullWhen(false)] out string? error)
    {
        builder = null;
        shown = string.Empty;
        var rest = value[(value.IndexOf("://", StringComparison.Ordinal) + 3)..];
        var scheme = value[..(value.Length - rest.Length)];
        var queryAt = rest.IndexOf('?', StringComparison.Ordinal);
        var query = queryAt < 0 ? string.Empty : rest[(queryAt + 1)..];
        rest = queryAt < 0 ? rest : rest[..queryAt];
        var pathAt = rest.IndexOf('/', StringComparison.Ordinal);
        var authority = pathAt < 0 ? rest : rest[..pathAt];
        var database = pathAt < 0 ? string.Empty : rest[(pathAt + 1)..];
        var userAt = authority.LastIndexOf('@');
        var userInfo = userAt < 0 ? string.Empty : authority[..userAt];
        var hosts = userAt < 0 ? authority : authority[(userAt + 1)..];

        var result = new NpgsqlConnectionStringBuilder();
        var visible = new StringBuilder(scheme);
        try
        {
            if (userInfo.Length > 0)
            {
                var colon = userInfo.IndexOf(':', StringComparison.Ordinal);
                var user = colon < 0 ? userInfo : userInfo[..colon];
                if (user.Length > 0)
                {
                    result.Username = Uri.UnescapeDataString(user);
                }

                if (colon >= 0)
                {
                    result.Password = Uri.UnescapeDataString(userInfo[(colon + 1)..]);
                }

                visible.Append(user).Append('@');
            }

            if (hosts.Length > 0)
            {
                result.Host = string.Join(',', hosts.Split(',').Select(static host => Uri.UnescapeDataString(host)));
            }

            visible.Append(hosts);
            if (database.Length > 0)
            {
                result.Database = Uri.UnescapeDataString(database);
                visible.Append('/').Append(database);
            }

            var separator = '?';
            foreach (var pair in query.Split('&', StringSplitOptions.RemoveEmptyEntries))
            {
                var equals = pair.IndexOf('=', StringComparison.Ordinal);
                var key = Uri.UnescapeDataString(equals < 0 ? pair : pair[..equals]);
                var parameter = Uri.UnescapeDataString(equals < 0 ? string.Empty : pair[(equals + 1)..]);
                if (!UriParameters.TryGetValue(key, out var apply))
                {
                    error = $"the store URI has a parameter '{key}' that omk does not know; known: {string.Join(", ", UriParameters.Keys)}";
                    return false;
                }

                apply(result, parameter);
                if (key is not ("password" or "sslpassword"))
                {
                    visible.Append(separator).Append(pair);
                    separator = '&';
                }
            }
        }
        catch (Exception exception) when (exception is ArgumentException or FormatException or OverflowException or UriFormatException)
        {
            error = $"the store URI is not valid ({exception.Message.TrimEnd('.')}); the form is postgresql://user@host:port/database?sslmode=require";
            return false;
        }

        builder = result;
        shown = visible.ToString();
        error = null;
        return true;
    }

    private static int ParsePort(string value) =>
        int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var port) && port is > 0 and < 65536
            ? port
            : throw new FormatException($"port '{value}' is not a number from 1 to 65535");

    private static SslMode ParseSslMode(string value) => value switch
    {
        "disable" => SslMode.Disable,
        "allow" => SslMode.Allow,
        "prefer" => SslMode.Prefer,
        "require" => SslMode.Require,
        "verify-ca" => SslMode.VerifyCA,
        "verify-full" => SslMode.VerifyFull,
        _ => throw new FormatException($"sslmode '{value}' is not one of disable, allow, prefer, require, verify-ca, verify-full"),
    };
}
