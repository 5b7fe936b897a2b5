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
internal static class PostgreSqlStoreAddress
{
    private static readonly System.Buffers.SearchValues<char> HostCharacters =
        System.Buffers.SearchValues.Create("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789.-_:,[]%");

    /// <summary>The URI query keys that set a setting the store may give a default to, and Npgsql's name of it.</summary>
    private static readonly Dictionary<string, string> UriSettings = new(StringComparer.Ordinal)
    {
        ["connect_timeout"] = "Timeout",
        ["sslmode"] = "SSL Mode",
    };

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
            if (builder.Port > 65535)
            {
                // Npgsql refuses such a port only when it connects, as an unexpected ArgumentOutOfRangeException.
                throw new FormatException($"port '{builder.Port}' is not a number from 1 to 65535");
            }

            error = null;
            return true;
        }
        catch (Exception exception) when (exception is ArgumentException or FormatException or InvalidCastException or OverflowException or KeyNotFoundException)
        {
            // Npgsql throws KeyNotFoundException for an unknown key without a value ("FOO=").
            builder = null;
            error = $"the connection string is not valid ({exception.Message.TrimEnd('.')}); give Key=Value pairs such as Host=db;Database=omk, or a postgresql:// URI";
            return false;
        }
    }

    /// <summary>
    /// Tells whether an address itself sets one of Npgsql's settings (in a URI, through the query key that maps to
    /// it), so that a default is applied only where the address is silent.
    /// </summary>
    /// <param name="value">The address.</param>
    /// <param name="setting">Npgsql's name of the setting, such as <c>Timeout</c>.</param>
    /// <returns><see langword="true"/> when the address gives the setting a value.</returns>
    internal static bool Gives(string value, string setting)
    {
        if (IsUri(value))
        {
            var (_, _, _, _, query) = SplitUri(value);
            foreach (var (_, key, _) in QueryPairs(query))
            {
                if (UriSettings.TryGetValue(key, out var name) && string.Equals(name, setting, StringComparison.OrdinalIgnoreCase))
                {
                    return true;
                }
            }

            return false;
        }

        try
        {
            var given = new System.Data.Common.DbConnectionStringBuilder { ConnectionString = value };
            return given.ContainsKey(setting);
        }
        catch (ArgumentException)
        {
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
        var (scheme, userInfo, hosts, database, query) = SplitUri(value);
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
            foreach (var (pair, key, written) in QueryPairs(query))
            {
                var parameter = Uri.UnescapeDataString(written);
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

    /// <summary>
    /// Cuts a URI into its parts. The user info ends at the last <c>@</c> that is followed by a host list (up to the
    /// path or the query) and preceded by a user name without <c>/</c> or <c>?</c>: a password may then hold any
    /// character, <c>@</c>, <c>/</c>, <c>?</c> and <c>#</c> included, percent-encoded or not, and an <c>@</c> in
    /// the query is never taken for the end of the user info.
    /// </summary>
    private static (string Scheme, string UserInfo, string Hosts, string Database, string Query) SplitUri(string value)
    {
        var rest = value[(value.IndexOf("://", StringComparison.Ordinal) + 3)..];
        var scheme = value[..(value.Length - rest.Length)];
        var userAt = UserInfoEnd(rest);
        var userInfo = userAt < 0 ? string.Empty : rest[..userAt];
        rest = rest[(userAt + 1)..];
        var queryAt = rest.IndexOf('?', StringComparison.Ordinal);
        var query = queryAt < 0 ? string.Empty : rest[(queryAt + 1)..];
        rest = queryAt < 0 ? rest : rest[..queryAt];
        var pathAt = rest.IndexOf('/', StringComparison.Ordinal);
        var hosts = pathAt < 0 ? rest : rest[..pathAt];
        var database = pathAt < 0 ? string.Empty : rest[(pathAt + 1)..];
        return (scheme, userInfo, hosts, database, query);
    }

    /// <summary>The query's pairs: each as written, its key percent-decoded, and its value as written.</summary>
    private static IEnumerable<(string Pair, string Key, string Value)> QueryPairs(string query) =>
        query.Split('&', StringSplitOptions.RemoveEmptyEntries).Select(static pair =>
        {
            var equals = pair.IndexOf('=', StringComparison.Ordinal);
            return (pair, Uri.UnescapeDataString(equals < 0 ? pair : pair[..equals]), equals < 0 ? string.Empty : pair[(equals + 1)..]);
        });

    private static int UserInfoEnd(string rest)
    {
        for (var at = rest.LastIndexOf('@'); at >= 0; at = at == 0 ? -1 : rest.LastIndexOf('@', at - 1))
        {
            var after = rest.AsSpan(at + 1);
            var hostEnd = after.IndexOfAny('/', '?');
            var hostList = hostEnd < 0 ? after : after[..hostEnd];
            var user = rest.AsSpan(0, at);
            var colon = user.IndexOf(':');
            var userName = colon < 0 ? user : user[..colon];
            if (!hostList.ContainsAnyExcept(HostCharacters) && !userName.ContainsAny('/', '?'))
            {
                return at;
            }
        }

        return -1;
    }

    /// <summary>
    /// Gets every password an address holds (the user info's, <c>password=</c> and <c>sslpassword=</c>), each as
    /// written and percent-decoded, so that a message can be cleaned of them whatever form it repeats.
    /// </summary>
    /// <param name="value">The store's address.</param>
    /// <returns>The passwords, longest first; none when the address holds none or cannot be read.</returns>
    public static IReadOnlyList<string> Passwords(string? value)
    {
        var found = new HashSet<string>(StringComparer.Ordinal);
        if (value is null)
        {
            return [];
        }

        if (IsUri(value))
        {
            var (_, userInfo, _, _, query) = SplitUri(value);
            var colon = userInfo.IndexOf(':', StringComparison.Ordinal);
            if (colon >= 0)
            {
                Add(userInfo[(colon + 1)..]);
            }

            foreach (var (_, key, written) in QueryPairs(query))
            {
                if (key is "password" or "sslpassword")
                {
                    Add(written);
                }
            }
        }
        else if (TryParse(value, out var builder, out _))
        {
            Add(builder.Password);
            Add(builder.SslPassword);
        }

        return [.. found.OrderByDescending(static secret => secret.Length)];

        void Add(string? secret)
        {
            if (!string.IsNullOrEmpty(secret))
            {
                found.Add(secret);
                found.Add(Uri.UnescapeDataString(secret));
            }
        }
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
