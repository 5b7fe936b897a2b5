using System.CommandLine;
using System.Globalization;
using Omk.Cli.Hosting;

namespace Omk.Cli.Commands;

/// <summary><c>omk cost store migrate|info</c>: the team store's schema and what it holds.</summary>
internal static class StoreCommands
{
    /// <summary>Creates <c>store</c> with its two commands.</summary>
    /// <param name="environment">The command's environment.</param>
    /// <returns>The command.</returns>
    public static Command Create(CliEnvironment environment)
    {
        var store = CliCommand.Create("store", "Look after the store: migrate the team store's schema, or show what a store holds.");
        store.Subcommands.Add(Migrate(environment));
        store.Subcommands.Add(Info(environment));
        return store;
    }

    private static Command Migrate(CliEnvironment environment)
    {
        var command = CliCommand.Create(
            "migrate",
            "Create or upgrade the team store's schema (run it as the store's admin role). Two machines that migrate at once migrate once.",
            "omk cost store migrate --store postgresql://omk_admin@db.example.com/omk");
        command.SetAction((_, cancellationToken) => MigrateAsync(environment, cancellationToken));
        return command;
    }

    /// <summary>The action of <c>store migrate</c>: the store's schema brought to this omk's version, and which steps were applied.</summary>
    private static async Task<int> MigrateAsync(CliEnvironment environment, CancellationToken cancellationToken)
    {
        using var services = CostServices.Create(environment);
        if (services.Maintenance is not { } maintenance)
        {
            environment.Out.Write($"{services.Location} has no schema to migrate: nothing to do.\n");
            return ExitCodes.Success;
        }

        var applied = await maintenance.MigrateAsync(cancellationToken).ConfigureAwait(false);
        var status = await maintenance.DescribeAsync(cancellationToken).ConfigureAwait(false);
        environment.Out.Write(applied.Count == 0
            ? string.Create(CultureInfo.InvariantCulture, $"The schema of {status.Location} is current (version {status.SchemaVersion}): nothing to do.\n")
            : string.Create(CultureInfo.InvariantCulture, $"Migrated {status.Location} to schema version {status.SchemaVersion}: applied {string.Join(", ", applied)}.\n"));
        return ExitCodes.Success;
    }

    private static Command Info(CliEnvironment environment)
    {
        var command = CliCommand.Create(
            "info",
            "Show the store (without password), its schema version, how many sessions it holds and its size.",
            "omk cost store info",
            "omk cost store info --store postgresql://recorder@db.example.com/omk");
        command.SetAction((_, cancellationToken) => InfoAsync(environment, cancellationToken));
        return command;
    }

    /// <summary>The action of <c>store info</c>: where the store is, its schema, what it holds, and an outbox that waits.</summary>
    private static async Task<int> InfoAsync(CliEnvironment environment, CancellationToken cancellationToken)
    {
        using var services = CostServices.Create(environment);
        if (services.Maintenance is not { } maintenance)
        {
            var sessions = (await services.StoreTracker.LoadAsync(cancellationToken).ConfigureAwait(false)).Count;
            environment.Out.Write(string.Create(
                CultureInfo.InvariantCulture,
                $"Store: {services.Location}\nSchema: costs.json, the Rust omk's format (no migrations)\nSessions: {sessions}\n"));
            return ExitCodes.Success;
        }

        var status = await maintenance.DescribeAsync(cancellationToken).ConfigureAwait(false);
        var schema = status.SchemaVersion == 0
            ? $"none yet (run 'omk cost store migrate'; this omk writes version {status.LatestSchemaVersion})"
            : string.Create(CultureInfo.InvariantCulture, $"version {status.SchemaVersion} (this omk writes version {status.LatestSchemaVersion})");
        environment.Out.Write(string.Create(
            CultureInfo.InvariantCulture,
            $"Store: {status.Location}\nSchema: {schema}\nSessions: {status.Sessions}\nSize: {status.SizeBytes} bytes\n"));
        if (services.Outbox is { } outbox && outbox.MayHavePending())
        {
            environment.Out.Write($"Outbox: {outbox.Location} holds sessions waiting to be sent ('omk cost sync')\n");
        }

        return ExitCodes.Success;
    }
}
