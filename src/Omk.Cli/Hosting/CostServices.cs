using System.CommandLine;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Omk.Cli.Arguments;
using Omk.Cli.Output;
using Omk.Cost.Adapters.FileSystem;
using Omk.Cost.Adapters.Kimi;
using Omk.Cost.Adapters.PostgreSql;
using Omk.Cost.Application;
using Omk.Cost.Domain;
using Omk.Cost.Domain.Budgets;

namespace Omk.Cli.Hosting;

/// <summary>
/// The composition root of the commands that use the cost store: the state folder's <c>costs.json</c>
/// (<c>AddOmkCost()</c>), or a team store (<c>AddOmkCostPostgreSql()</c>) with the state folder's outbox, over the
/// command's file system, clock and state folder, validated before first use. Commands see only the ports.
/// </summary>
internal sealed class CostServices : IDisposable
{
    private readonly ServiceProvider _provider;
    private readonly CliEnvironment _environment;
    private CostTracker? _storeTracker;

    private CostServices(ServiceProvider provider, CliEnvironment environment)
    {
        _provider = provider;
        _environment = environment;
        Budgets = provider.GetRequiredService<BudgetGate>();
        StoreSink = provider.GetRequiredService<ICostSink>();
        Tracker = provider.GetRequiredService<CostTracker>();
        Budgets.ClockSkewed = WarnOfClockSkew(environment);
    }

    // The use cases are resolved when a command first asks for one (the provider keeps each once made): composing one
    // that a command does not use costs a Native AOT process the reflection over its constructor.

    /// <summary>Gets what Kimi sessions on this machine spent, when the budgets count it; else null (<c>--no-kimi</c>).</summary>
    public KimiLiveSpend? KimiSpend => _provider.GetService<ILiveSpendSource>() as KimiLiveSpend;

    /// <summary>Gets the tracker: over the store, and for a team store with its outbox for when it cannot be reached.</summary>
    public CostTracker Tracker { get; }

    /// <summary>Gets the import of an agent's sessions into the ledger.</summary>
    public ImportUsageUseCase Import => _provider.GetRequiredService<ImportUsageUseCase>();

    /// <summary>Gets the budget gate: budgets, reservations and their standings.</summary>
    public BudgetGate Budgets { get; }

    /// <summary>Gets the store alone, without the outbox.</summary>
    public ICostSink StoreSink { get; }

    /// <summary>Gets the tracker over the store alone, without the outbox.</summary>
    public CostTracker StoreTracker => _storeTracker ??= new CostTracker(StoreSink);

    /// <summary>Gets the team store's outbox, or null for <c>costs.json</c>.</summary>
    public ICostOutbox? Outbox => _provider.GetService<ICostOutbox>();

    /// <summary>Gets the store's schema maintenance, or null for a store without a schema (<c>costs.json</c>).</summary>
    public ICostStoreMaintenance? Maintenance => _provider.GetService<ICostStoreMaintenance>();

    /// <summary>Gets the store's way to give ids to sessions that have none, or null when every stored session has one.</summary>
    public ISessionIdAssigner? IdAssigner => StoreSink as ISessionIdAssigner;

    /// <summary>Gets the record-or-settle use case.</summary>
    public RecordUseCase Record => _provider.GetRequiredService<RecordUseCase>();

    /// <summary>Gets the gate use case.</summary>
    public GateUseCase Gate => _provider.GetRequiredService<GateUseCase>();

    /// <summary>Gets the use case that gives reservations back.</summary>
    public ReservationUseCase Reservations => _provider.GetRequiredService<ReservationUseCase>();

    /// <summary>Gets the use case that finds budgets past their warning share.</summary>
    public BudgetWarningsUseCase Warnings => _provider.GetRequiredService<BudgetWarningsUseCase>();

    /// <summary>Gets the use case that sends a local history and the outbox to this store.</summary>
    public SyncUseCase Sync => _provider.GetRequiredService<SyncUseCase>();

    /// <summary>Gets where the cost history is stored, for messages: the store's own words, through the port.</summary>
    public string Location => Tracker.StoreLocation;

    /// <summary>
    /// Composes the services that the command line asks for: its state folder and store, and whether its budgets count
    /// Kimi's spend (<see cref="CliEnvironment.Globals"/>).
    /// </summary>
    /// <param name="environment">The command's environment.</param>
    /// <returns>The services; dispose them when the command ends.</returns>
    public static CostServices Create(CliEnvironment environment)
    {
        ArgumentNullException.ThrowIfNull(environment);
        var globals = environment.Globals;
        return Create(environment, globals.StateDirectory, globals.Store, globals.CountsKimi);
    }

    /// <summary>Composes the services that the command line asks for, for a command that still passes its options.</summary>
    /// <param name="environment">The command's environment.</param>
    /// <param name="parseResult">The parsed command line, whose global options <see cref="CliEnvironment.Globals"/> holds.</param>
    /// <param name="stateDirectory">The global <c>--state-dir</c> option, whose value <see cref="CliEnvironment.Globals"/> holds.</param>
    /// <returns>The services; dispose them when the command ends.</returns>
    public static CostServices Create(CliEnvironment environment, ParseResult parseResult, Option<string> stateDirectory)
    {
        ArgumentNullException.ThrowIfNull(parseResult);
        ArgumentNullException.ThrowIfNull(stateDirectory);
        return Create(environment);
    }

    /// <summary>
    /// Composes the services for a state folder (<paramref name="stateDirectory"/> if given, else <c>$OMK_STATE_DIR</c>,
    /// <c>$XDG_STATE_HOME/omk</c> or <c>~/.local/state/omk</c>) and a store (null for the folder's <c>costs.json</c>).
    /// </summary>
    /// <param name="environment">The command's environment.</param>
    /// <param name="stateDirectory">The <c>--state-dir</c> value, or null.</param>
    /// <param name="store">The team store's address, or null.</param>
    /// <param name="countKimi">
    /// Whether budgets count what Kimi sessions on this machine spent that the ledger does not hold (on the team store,
    /// importing them first when a step reads or decides).
    /// </param>
    /// <returns>The services; dispose them when the command ends.</returns>
    /// <exception cref="CommandLineException">The options are not valid.</exception>
    public static CostServices Create(CliEnvironment environment, string? stateDirectory, string? store = null, bool countKimi = false)
    {
        var directory = ResolveStateDirectory(environment);
        var lockTimeout = LockTimeout(environment);
        var services = new ServiceCollection();
        services.AddSingleton(environment.FileSystem);
        services.AddSingleton(environment.TimeProvider);
        if (store is not null && !PostgreSqlStoreAddress.IsPostgreSqlAddress(store))
        {
            throw new CommandLineException($"{StoreOption.Name} (or ${EnvironmentVariables.Store}) must be a postgresql:// URI or an Npgsql connection string (Host=...;Database=...)");
        }

        services.AddOmkCost(cost => Compose(cost, environment, store, countKimi ? directory : null, StateFolder));
        var provider = services.BuildServiceProvider();
        try
        {
            ValidateOptions(provider, store is not null, countKimi);
            return new CostServices(provider, environment);
        }
        catch (OptionsValidationException exception)
        {
            provider.Dispose();
            throw new CommandLineException(exception.Failures.FirstOrDefault() ?? exception.Message, exception);
        }

        // The state folder's options, one set for the costs.json store and for the team store's outbox alike.
        void StateFolder(OmkCostOptions options)
        {
            options.StateDirectory = directory;
            options.InsecureStateDirectory = environment.Globals.InsecureStateDirectory;
            if (lockTimeout is { } timeout)
            {
                options.LockTimeout = timeout;
            }
        }
    }

    /// <summary>
    /// Checks the options of what was composed, before any command runs, by making them: the validators of each run as
    /// it is made. The host's <see cref="IStartupValidator"/> checks the same through <see cref="IOptionsMonitor{TOptions}"/>,
    /// whose generic types a Native AOT process builds at run time, about 1 ms of every command (docs/decisions/0017-options-registered-closed.md).
    /// </summary>
    private static void ValidateOptions(ServiceProvider provider, bool teamStore, bool countKimi)
    {
        _ = provider.GetRequiredService<IOptions<OmkCostOptions>>().Value;
        if (teamStore)
        {
            _ = provider.GetRequiredService<IOptions<PostgreSqlCostOptions>>().Value;
        }

        if (countKimi)
        {
            _ = provider.GetRequiredService<IOptions<KimiUsageOptions>>().Value;
        }
    }

    /// <summary>
    /// Chooses the store, the state folder's <c>costs.json</c> or the team store with the folder's outbox, and whether
    /// budgets count what Kimi sessions on this machine spent (on the team store, importing them first).
    /// </summary>
    private static void Compose(IOmkCostBuilder cost, CliEnvironment environment, string? store, string? kimiStateDirectory, Action<OmkCostOptions> stateFolder)
    {
        if (store is null)
        {
            cost.UseJsonFiles(stateFolder);
        }
        else
        {
            cost.UsePostgreSql(options =>
            {
                options.ConnectionString = store;
                options.HostName = environment.GetVariable(EnvironmentVariables.HostName) is { Length: > 0 } host ? host : null;
                options.Password = environment.GetVariable(EnvironmentVariables.Password) is { Length: > 0 } password ? password : null;
                options.PasswordFile = PasswordFile(environment);
            }).WithOutbox(stateFolder);
        }

        if (kimiStateDirectory is not null)
        {
            // On the team store, budgets import the sessions they count: with their titles, as omk cost import kimi does.
            cost.AddKimiUsage(options => options.CopyFrom(KimiReading.Options(environment, kimiStateDirectory, includeTitles: store is not null)))
                .CountLiveSpend<KimiLiveSpend>(importIntoStore: store is not null);
        }
    }

    /// <summary>
    /// Reads <c>$OMK_LOCK_TIMEOUT</c>, how long a command waits for another omk process that holds the store's lock
    /// (a duration: <c>30</c>, <c>30s</c>, <c>2m</c>); null when it is not set, for the store's default.
    /// </summary>
    /// <exception cref="CommandLineException">The variable is not a duration.</exception>
    private static TimeSpan? LockTimeout(CliEnvironment environment)
    {
        if (environment.GetVariable(EnvironmentVariables.LockTimeout) is not { Length: > 0 } text)
        {
            return null;
        }

        if (!Arguments.Duration.TryParse(text, out var seconds) || seconds > 3600)
        {
            throw new CommandLineException($"${EnvironmentVariables.LockTimeout} must be a duration of at most one hour, such as 30s or 2m, not '{text}'");
        }

        return TimeSpan.FromSeconds(seconds);
    }

    /// <summary>Finds the password file as libpq does: <c>$PGPASSFILE</c>, else <c>~/.pgpass</c>; null when it does not exist.</summary>
    private static string? PasswordFile(CliEnvironment environment)
    {
        var path = environment.GetVariable(EnvironmentVariables.PasswordFile) is { Length: > 0 } given
            ? given
            : environment.FileSystem.Path.Combine(environment.HomeDirectory, ".pgpass");
        return environment.FileSystem.File.Exists(path) ? path : null;
    }

    /// <summary>
    /// Resolves the state folder the way the Rust omk does, against the command's environment, and refuses it the same
    /// way for every command when another user could turn it against this one (<see cref="OmkStateDirectory.Check"/>).
    /// </summary>
    /// <param name="environment">The command's environment.</param>
    /// <param name="stateDirectory">The <c>--state-dir</c> value, or null.</param>
    /// <returns>The state folder.</returns>
    /// <exception cref="CostStoreException">The folder exists and is not a folder, or is not safe.</exception>
    public static string ResolveStateDirectory(CliEnvironment environment, string? stateDirectory)
    {
        ArgumentNullException.ThrowIfNull(environment);
        var directory = OmkStateDirectory.Resolve(stateDirectory, environment.GetVariable, environment.HomeDirectory);
        OmkStateDirectory.Check(environment.FileSystem, directory, environment.Globals.InsecureStateDirectory);
        return directory;
    }

    /// <summary>Resolves and checks the state folder the command line asks for (<c>--state-dir</c>, else the default).</summary>
    /// <param name="environment">The command's environment.</param>
    /// <returns>The state folder.</returns>
    /// <exception cref="CostStoreException">The folder exists and is not a folder, or is not safe.</exception>
    public static string ResolveStateDirectory(CliEnvironment environment)
    {
        ArgumentNullException.ThrowIfNull(environment);
        return ResolveStateDirectory(environment, environment.Globals.StateDirectory);
    }

    /// <summary>Says, one warning line each, what the outbox set aside as unreadable, then lets go of the services.</summary>
    public void Dispose()
    {
        foreach (var line in Outbox?.SetAside ?? [])
        {
            ErrorLine.Warn(_environment.Error, _environment.Scrub(line));
        }

        _provider.Dispose();
    }

    /// <summary>
    /// Says once per command, on standard error, that this machine's clock and the team store's server differ by more
    /// than <see cref="BudgetGate.ClockTolerance"/>, and by how much: budgets and reservations go by the server's time.
    /// </summary>
    private Action<TimeSpan> WarnOfClockSkew(CliEnvironment environment)
    {
        var told = 0;
        return difference =>
        {
            if (Interlocked.Exchange(ref told, 1) == 0)
            {
                ErrorLine.Warn(
                    environment.Error,
                    $"this machine's clock is {Elapsed(difference.Duration())} {(difference > TimeSpan.Zero ? "behind" : "ahead of")} the team store's server ({Budgets.ReservationsLocation}), more than the {Elapsed(BudgetGate.ClockTolerance)} allowed; budgets and reservations go by the server's time: set this machine's clock (NTP)");
            }
        };
    }

    /// <summary>A span in days, hours, minutes and seconds, naming the two largest units that are not zero (<c>2 h 5 min</c>).</summary>
    private static string Elapsed(TimeSpan span)
    {
        var parts = new List<string>(4);
        foreach (var (value, unit) in new[] { ((long)span.TotalDays, "d"), ((long)span.Hours, "h"), ((long)span.Minutes, "min"), ((long)span.Seconds, "s") })
        {
            if (value > 0 || (parts.Count > 0 && parts.Count < 2))
            {
                parts.Add(string.Create(System.Globalization.CultureInfo.InvariantCulture, $"{value} {unit}"));
            }

            if (parts.Count == 2)
            {
                break;
            }
        }

        return parts.Count == 0 ? "0 s" : string.Join(' ', parts);
    }

    /// <summary>
    /// Writes the one warning a session kept in the team store's outbox prints: why the store could not be reached,
    /// where the session waits and what sends it.
    /// </summary>
    /// <param name="environment">The command's environment.</param>
    /// <param name="recorded">What became of the session.</param>
    /// <param name="more">What else the warning says, such as what became of a reservation.</param>
    public static void WarnKeptInOutbox(CliEnvironment environment, RecordResult recorded, string more)
    {
        ArgumentNullException.ThrowIfNull(environment);
        ArgumentNullException.ThrowIfNull(recorded);
        if (recorded.KeptInOutboxBecause is { } exception)
        {
            ErrorLine.Warn(
                environment.Error,
                $"{environment.Scrub(exception.Message).TrimEnd('.')}; the session is kept in {recorded.StoredIn} and will be sent by the next command that reaches the store, or by 'omk cost sync'{more}");
        }
    }
}
