using System.Globalization;
using System.Reflection;
using Npgsql;

namespace Omk.Cost.Adapters.PostgreSql;

/// <summary>
/// Creates and upgrades the team store's schema (<c>omk_cost</c>) with the numbered migrations shipped in this
/// assembly, each once, in order, each in its own transaction, under an advisory lock so that two machines that
/// start at once migrate once.
/// </summary>
internal static class SchemaMigrator
{
    /// <summary>The advisory lock key, the ASCII bytes of <c>omk_cost</c>.</summary>
    public const long LockKey = 0x6F6D6B5F636F7374;

    private const string ResourcePrefix = "Omk.Cost.Adapters.PostgreSql.Migrations.";

    /// <summary>Gets the migrations shipped in this assembly, in order.</summary>
    public static IReadOnlyList<Migration> All { get; } = Load();

    /// <summary>Gets the schema version this assembly writes.</summary>
    public static int Latest => All[^1].Version;

    /// <summary>The statement that reads the store's schema version (0 for none yet).</summary>
    internal const string VersionSql = "SELECT coalesce(max(version), 0) FROM omk_cost.schema_migrations";

    /// <summary>Reads the store's schema version without taking a lock: 0 when the schema is not there yet.</summary>
    /// <param name="connection">An open connection.</param>
    /// <param name="cancellationToken">The token to monitor for cancellation requests.</param>
    /// <returns>The highest applied migration.</returns>
    public static async Task<int> CurrentVersionAsync(NpgsqlConnection connection, CancellationToken cancellationToken)
    {
        using var command = new NpgsqlCommand(VersionSql, connection);
        try
        {
            return (int)(await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false))!;
        }
        catch (PostgresException exception) when (exception.SqlState is PostgresErrorCodes.UndefinedTable or PostgresErrorCodes.InvalidSchemaName)
        {
            return 0;
        }
    }

    /// <summary>Applies every migration the store lacks.</summary>
    /// <param name="connection">An open connection, outside any transaction.</param>
    /// <param name="cancellationToken">The token to monitor for cancellation requests.</param>
    /// <returns>The migrations applied now (none when another machine was first).</returns>
    /// <exception cref="Omk.Cost.Domain.CostStoreException">The store was migrated by a newer omk.</exception>
    public static async Task<IReadOnlyList<Migration>> MigrateAsync(NpgsqlConnection connection, CancellationToken cancellationToken)
    {
        await ExecuteAsync(connection, null, $"SELECT pg_advisory_lock({LockKey})", cancellationToken).ConfigureAwait(false);
        try
        {
            // The schema's owner owns everything in it: an admin who is a member of the owning role migrates as that
            // role, so the default privileges granted to the recorder role (docs/team-store.md) apply to new tables.
            var owner = await SchemaOwnerAsync(connection, cancellationToken).ConfigureAwait(false);
            if (owner is null)
            {
                await ExecuteAsync(connection, null, "CREATE SCHEMA omk_cost", cancellationToken).ConfigureAwait(false);
            }
            else
            {
                // regrole prints the name quoted where it needs quotes.
                await ExecuteAsync(connection, null, $"SET ROLE {owner}", cancellationToken).ConfigureAwait(false);
            }

            await ExecuteAsync(
                connection,
                null,
                """
                CREATE TABLE IF NOT EXISTS omk_cost.schema_migrations (
                    version     integer PRIMARY KEY,
                    name        text NOT NULL,
                    applied_at  timestamptz NOT NULL DEFAULT now(),
                    applied_by  text NOT NULL DEFAULT session_user
                );
                """,
                cancellationToken).ConfigureAwait(false);

            var current = await CurrentVersionAsync(connection, cancellationToken).ConfigureAwait(false);
            if (current > Latest)
            {
                throw TooNew(current);
            }

            var applied = new List<Migration>();
            foreach (var migration in All.Where(migration => migration.Version > current))
            {
                var transaction = await connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
                await using (transaction.ConfigureAwait(false))
                {
                    await ExecuteAsync(connection, transaction, migration.Sql, cancellationToken).ConfigureAwait(false);
                    using var record = new NpgsqlCommand("INSERT INTO omk_cost.schema_migrations (version, name) VALUES ($1, $2)", connection, transaction)
                    {
                        Parameters = { new NpgsqlParameter<int> { TypedValue = migration.Version }, new NpgsqlParameter<string> { TypedValue = migration.Name } },
                    };
                    await record.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
                    await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
                }

                applied.Add(migration);
            }

            return applied;
        }
        finally
        {
            if (connection.State == System.Data.ConnectionState.Open)
            {
                await ExecuteAsync(connection, null, $"RESET ROLE; SELECT pg_advisory_unlock({LockKey})", CancellationToken.None).ConfigureAwait(false);
            }
        }
    }

    /// <summary>The error for a store that a newer omk migrated: this one must not write to it.</summary>
    /// <param name="storeVersion">The store's schema version.</param>
    /// <returns>The error.</returns>
    public static Omk.Cost.Domain.CostStoreException TooNew(int storeVersion) =>
        new($"the team store's schema is at version {storeVersion}, newer than this omk knows ({Latest}); upgrade omk");

    private static async Task<string?> SchemaOwnerAsync(NpgsqlConnection connection, CancellationToken cancellationToken)
    {
        using var command = new NpgsqlCommand("SELECT nspowner::regrole::text FROM pg_namespace WHERE nspname = 'omk_cost'", connection);
        return (string?)await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false);
    }

    private static async Task ExecuteAsync(NpgsqlConnection connection, NpgsqlTransaction? transaction, string sql, CancellationToken cancellationToken)
    {
        using var command = new NpgsqlCommand(sql, connection, transaction);
        await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
    }

    private static Migration[] Load()
    {
        var assembly = typeof(SchemaMigrator).Assembly;
        var migrations = assembly.GetManifestResourceNames()
            .Where(static name => name.StartsWith(ResourcePrefix, StringComparison.Ordinal) && name.EndsWith(".sql", StringComparison.Ordinal))
            .Select(name => Read(assembly, name))
            .OrderBy(static migration => migration.Version)
            .ToArray();
        for (var index = 0; index < migrations.Length; index++)
        {
            if (migrations[index].Version != index + 1)
            {
                throw new InvalidOperationException($"The migrations must be numbered 1, 2, 3… without gaps; {migrations[index].Version} is at place {index + 1}.");
            }
        }

        return migrations;
    }

    private static Migration Read(Assembly assembly, string resource)
    {
        var file = resource[ResourcePrefix.Length..^".sql".Length];
        var underscore = file.IndexOf('_', StringComparison.Ordinal);
        var version = int.Parse(file.AsSpan(0, underscore), NumberStyles.None, CultureInfo.InvariantCulture);
        using var stream = assembly.GetManifestResourceStream(resource)!;
        using var reader = new StreamReader(stream);
        return new Migration(version, file[(underscore + 1)..], reader.ReadToEnd());
    }
}
