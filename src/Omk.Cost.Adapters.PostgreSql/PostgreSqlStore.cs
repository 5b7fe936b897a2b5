using System.Net.Sockets;
using Microsoft.Extensions.Options;
using Npgsql;
using Omk.Cost.Domain;

namespace Omk.Cost.Adapters.PostgreSql;

/// <summary>
/// The connection to one team store: its data source, its name for messages (without password), the schema
/// brought up to date on first use, and PostgreSQL's failures turned into <see cref="CostStoreException"/>s.
/// </summary>
internal sealed class PostgreSqlStore : IAsyncDisposable, IDisposable
{
    private readonly NpgsqlDataSource _dataSource;
    private readonly bool _migrateOnFirstUse;
    private readonly string _role;
    private readonly string[] _secrets;
    private readonly string? _missingPasswordFile;
    private readonly SemaphoreSlim _schemaGate = new(1, 1);
    private volatile bool _schemaReady;

    public PostgreSqlStore(IOptions<PostgreSqlCostOptions> options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var settings = options.Value;
        var address = settings.ConnectionString ?? throw new ArgumentException("The team store needs a connection string.", nameof(options));
        if (!PostgreSqlStoreAddress.TryParse(address, out var builder, out var error))
        {
            throw new ArgumentException(error, nameof(options));
        }

        // Npgsql's builder answers ContainsKey for every key it knows, so what the address itself says is asked of it.
        if (!PostgreSqlStoreAddress.Gives(address, "Timeout"))
        {
            builder.Timeout = (int)Math.Ceiling(settings.ConnectTimeout.TotalSeconds);
        }

        if (!PostgreSqlStoreAddress.Gives(address, "Command Timeout"))
        {
            builder.CommandTimeout = (int)Math.Ceiling(settings.CommandTimeout.TotalSeconds);
        }

        // A Unix socket carries no TLS: as libpq does, ask the server for none there (Npgsql would ask, and be refused,
        // at every connection), unless the address says otherwise.
        if (builder.Host is { Length: > 0 } host && host.Split(',').All(static one => one.StartsWith('/')) && !PostgreSqlStoreAddress.Gives(address, "SSL Mode"))
        {
            builder.SslMode = SslMode.Disable;
        }

        if (string.IsNullOrEmpty(builder.Password) && !string.IsNullOrEmpty(settings.Password))
        {
            builder.Password = settings.Password;
        }

        if (string.IsNullOrEmpty(builder.Password) && string.IsNullOrEmpty(builder.Passfile) && !string.IsNullOrEmpty(settings.PasswordFile))
        {
            builder.Passfile = settings.PasswordFile;
        }

        // libpq reads no password from a password file that does not exist, and goes on; so does the store (Npgsql
        // would fail as if the server were down), and it says so if the server then asks for a password.
        if (!string.IsNullOrEmpty(builder.Passfile) && !File.Exists(builder.Passfile))
        {
            _missingPasswordFile = builder.Passfile;
            builder.Remove("Passfile");
        }

        _secrets = [.. new[] { builder.Password, builder.SslPassword }.Where(static secret => !string.IsNullOrEmpty(secret)).Select(static secret => secret!)
            .Concat(PostgreSqlStoreAddress.Passwords(address)).Distinct(StringComparer.Ordinal).OrderByDescending(static secret => secret.Length)];
        builder.ApplicationName ??= "omk";
        _role = builder.Username ?? Environment.GetEnvironmentVariable("PGUSER") ?? Environment.UserName;
        Display = PostgreSqlStoreAddress.Redact(address);
        HostName = settings.HostName ?? Environment.MachineName;
        UserName = settings.UserName ?? Environment.UserName;
        _migrateOnFirstUse = settings.MigrateOnFirstUse;
        Settings = builder.ConnectionString;
        var dataSourceBuilder = new NpgsqlSlimDataSourceBuilder(builder.ConnectionString);
        dataSourceBuilder.EnableArrays();
        dataSourceBuilder.EnableTransportSecurity();
        dataSourceBuilder.EnableIntegratedSecurity();

        // The store uses PostgreSQL's built-in types only: loading the database's types from its catalogs would cost
        // every omk process (one per command) a catalog query of its own before its first statement.
        dataSourceBuilder.ConfigureTypeLoading(static typeLoading => typeLoading.EnableTypeLoading(false));
        _dataSource = dataSourceBuilder.Build();
    }

    /// <summary>Gets the Npgsql connection string the store connects with (it may hold the password: never show it).</summary>
    internal string Settings { get; }

    /// <summary>
    /// Gets a value indicating whether this process found the store's schema to be this omk's: until then each first
    /// step checks it, through <see cref="OpenAsync"/> or in its own first batch (<see cref="Accept"/>).
    /// </summary>
    internal bool SchemaReady => _schemaReady;

    /// <summary>
    /// Takes the schema version that a step read in its own first batch (<see cref="SchemaMigrator.VersionSql"/>), on a
    /// connection from <see cref="OpenUncheckedAsync"/>, so that the check costs no round trip of its own.
    /// </summary>
    /// <param name="version">The version read.</param>
    /// <returns>
    /// <see langword="true"/> when it is this omk's; <see langword="false"/> when the step must start again on a
    /// connection from <see cref="OpenAsync"/>, which migrates the store or says why it cannot be used.
    /// </returns>
    internal bool Accept(int version) => _schemaReady = _schemaReady || version == SchemaMigrator.Latest;

    /// <summary>Gets the store's address with its password removed.</summary>
    public string Display { get; }

    /// <summary>Gets the machine name stored with each session recorded here.</summary>
    public string HostName { get; }

    /// <summary>Gets the user name stored with each session recorded here.</summary>
    public string UserName { get; }

    /// <summary>Opens a connection to a store whose schema is current (migrating it first when allowed).</summary>
    /// <param name="cancellationToken">The token to monitor for cancellation requests.</param>
    /// <returns>The open connection.</returns>
    /// <exception cref="CostStoreUnavailableException">The server cannot be reached.</exception>
    /// <exception cref="CostStoreException">The schema is missing or too new, or the server refused.</exception>
    public async Task<NpgsqlConnection> OpenAsync(CancellationToken cancellationToken)
    {
        var connection = await OpenUncheckedAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            if (!_schemaReady)
            {
                await EnsureSchemaAsync(connection, cancellationToken).ConfigureAwait(false);
            }

            return connection;
        }
        catch
        {
            await connection.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    /// <summary>Opens a connection without looking at the schema.</summary>
    /// <param name="cancellationToken">The token to monitor for cancellation requests.</param>
    /// <returns>The open connection.</returns>
    public async Task<NpgsqlConnection> OpenUncheckedAsync(CancellationToken cancellationToken)
    {
        try
        {
            return await _dataSource.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (Exception exception) when (exception is NpgsqlException or TimeoutException or SocketException or IOException)
        {
            // A refusal (not an outage) while a password file the address names is missing: say so, it is the likely cause.
            var failure = Failure("could not connect to", exception);
            throw _missingPasswordFile is null || failure is CostStoreUnavailableException
                ? failure
                : new CostStoreException($"{failure.Message} (the password file {_missingPasswordFile} that passfile= names does not exist)", exception);
        }
    }

    /// <summary>Applies the migrations the store lacks, under the advisory lock.</summary>
    /// <param name="cancellationToken">The token to monitor for cancellation requests.</param>
    /// <returns>The migrations applied now.</returns>
    public async Task<IReadOnlyList<Migration>> MigrateAsync(CancellationToken cancellationToken)
    {
        var connection = await OpenUncheckedAsync(cancellationToken).ConfigureAwait(false);
        await using (connection.ConfigureAwait(false))
        {
            try
            {
                var applied = await SchemaMigrator.MigrateAsync(connection, cancellationToken).ConfigureAwait(false);
                _schemaReady = true;
                return applied;
            }
            catch (NpgsqlException exception)
            {
                throw Failure("could not migrate", exception);
            }
        }
    }

    /// <summary>
    /// Turns a failure of Npgsql into the store's error: <see cref="CostStoreUnavailableException"/> when the server
    /// cannot be reached or went away, else <see cref="CostStoreException"/> with PostgreSQL's reason.
    /// </summary>
    /// <param name="doing">What was being done, such as <c>could not record in</c>.</param>
    /// <param name="exception">The failure.</param>
    /// <returns>The error to throw; its message names the store without password.</returns>
    /// <param name="privilege">The privilege the operation needs, named when the server refuses for want of it.</param>
    public CostStoreException Failure(string doing, Exception exception, string? privilege = null)
    {
        var failure = Classify(doing, exception, privilege);
        var message = Scrub(failure.Message);
        return ReferenceEquals(message, failure.Message)
            ? failure
            : failure is CostStoreUnavailableException
                ? new CostStoreUnavailableException(message, exception)
                : new CostStoreException(message, exception);
    }

    /// <summary>Removes the store's passwords from a message, should a server or a library ever repeat one.</summary>
    private string Scrub(string message)
    {
        foreach (var secret in _secrets)
        {
            message = message.Replace(secret, "(password)", StringComparison.Ordinal);
        }

        return message;
    }

    private CostStoreException Classify(string doing, Exception exception, string? privilege)
    {
        if (exception is PostgresException postgres)
        {
            if (IsUnavailable(postgres.SqlState))
            {
                return new CostStoreUnavailableException($"{doing} the team store {Display}: {postgres.MessageText}", exception);
            }

            var hint = postgres.SqlState == PostgresErrorCodes.InsufficientPrivilege
                ? $" (the role {_role} lacks {privilege ?? "a privilege this needs"}; docs/team-store.md lists what each role needs)"
                : string.Empty;
            return new CostStoreException($"{doing} the team store {Display}: {postgres.MessageText}{hint}", exception);
        }

        if (exception is NpgsqlException { IsTransient: true } or TimeoutException or SocketException or IOException
            || exception.InnerException is TimeoutException or SocketException or IOException)
        {
            return new CostStoreUnavailableException($"{doing} the team store {Display}: {Reason(exception)}", exception);
        }

        return new CostStoreException($"{doing} the team store {Display}: {Reason(exception)}", exception);
    }

    public void Dispose()
    {
        _dataSource.Dispose();
        _schemaGate.Dispose();
    }

    public async ValueTask DisposeAsync()
    {
        await _dataSource.DisposeAsync().ConfigureAwait(false);
        _schemaGate.Dispose();
    }

    private static bool IsUnavailable(string sqlState) =>
        sqlState is PostgresErrorCodes.ConnectionException or PostgresErrorCodes.ConnectionDoesNotExist or PostgresErrorCodes.ConnectionFailure
            or PostgresErrorCodes.SqlClientUnableToEstablishSqlConnection or PostgresErrorCodes.SqlServerRejectedEstablishmentOfSqlConnection
            or PostgresErrorCodes.AdminShutdown or PostgresErrorCodes.CrashShutdown or PostgresErrorCodes.CannotConnectNow
            or PostgresErrorCodes.TooManyConnections;

    private static string Reason(Exception exception)
    {
        var innermost = exception;
        while (innermost.InnerException is { } inner)
        {
            innermost = inner;
        }

        return innermost.Message.TrimEnd('.');
    }

    private async Task EnsureSchemaAsync(NpgsqlConnection connection, CancellationToken cancellationToken)
    {
        await _schemaGate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            if (_schemaReady)
            {
                return;
            }

            var version = await SchemaMigrator.CurrentVersionAsync(connection, cancellationToken).ConfigureAwait(false);
            if (version > SchemaMigrator.Latest)
            {
                throw SchemaMigrator.TooNew(version);
            }

            if (version < SchemaMigrator.Latest)
            {
                if (!_migrateOnFirstUse)
                {
                    throw new CostStoreException($"the team store {Display} has schema version {version}, this omk needs {SchemaMigrator.Latest}: run 'omk cost store migrate' as the store's admin");
                }

                await SchemaMigrator.MigrateAsync(connection, cancellationToken).ConfigureAwait(false);
            }

            _schemaReady = true;
        }
        catch (NpgsqlException exception)
        {
            throw Failure("could not prepare", exception);
        }
        finally
        {
            _schemaGate.Release();
        }
    }
}
