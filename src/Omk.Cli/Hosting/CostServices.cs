using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Omk.Cost.Adapters.FileSystem;
using Omk.Cost.Domain;
using Omk.Cost.Domain.Budgets;

namespace Omk.Cli.Hosting;

/// <summary>
/// The composition root of the commands that use the cost store: <c>AddOmkCost()</c> over the command's
/// file system, clock and state folder, validated before first use.
/// </summary>
internal sealed class CostServices : IDisposable
{
    /// <summary>The environment variable that sets how long a command waits for the store's lock.</summary>
    public const string LockTimeoutVariable = "OMK_LOCK_TIMEOUT";

    private readonly ServiceProvider _provider;

    private CostServices(ServiceProvider provider)
    {
        _provider = provider;
        Tracker = provider.GetRequiredService<CostTracker>();
        Budgets = provider.GetRequiredService<BudgetGate>();
    }

    /// <summary>Gets the tracker.</summary>
    public CostTracker Tracker { get; }

    /// <summary>Gets the budget gate: budgets, reservations and their standings.</summary>
    public BudgetGate Budgets { get; }

    /// <summary>Gets where the cost history is stored, for messages: the store's own words, through the port.</summary>
    public string Location => Tracker.StoreLocation;

    /// <summary>
    /// Composes the services for a state folder: <paramref name="stateDirectory"/> if given, else
    /// <c>$OMK_STATE_DIR</c>, <c>$XDG_STATE_HOME/omk</c> or <c>~/.local/state/omk</c>.
    /// </summary>
    /// <param name="environment">The command's environment.</param>
    /// <param name="stateDirectory">The <c>--state-dir</c> value, or null.</param>
    /// <returns>The services; dispose them when the command ends.</returns>
    /// <exception cref="CommandLineException">The options are not valid.</exception>
    public static CostServices Create(CliEnvironment environment, string? stateDirectory)
    {
        var directory = ResolveStateDirectory(environment, stateDirectory);
        var lockTimeout = LockTimeout(environment);
        var services = new ServiceCollection();
        services.AddSingleton(environment.FileSystem);
        services.AddSingleton(environment.TimeProvider);
        services.AddOmkCost(options =>
        {
            options.StateDirectory = directory;
            options.InsecureStateDirectory = environment.InsecureStateDirectory;
            if (lockTimeout is { } timeout)
            {
                options.LockTimeout = timeout;
            }
        });
        var provider = services.BuildServiceProvider();
        try
        {
            provider.GetRequiredService<IStartupValidator>().Validate();
            return new CostServices(provider);
        }
        catch (OptionsValidationException exception)
        {
            provider.Dispose();
            throw new CommandLineException(exception.Failures.FirstOrDefault() ?? exception.Message, exception);
        }
    }

    /// <summary>
    /// Reads <c>$OMK_LOCK_TIMEOUT</c>, how long a command waits for another omk process that holds the store's lock
    /// (a duration: <c>30</c>, <c>30s</c>, <c>2m</c>); null when it is not set, for the store's default.
    /// </summary>
    /// <exception cref="CommandLineException">The variable is not a duration.</exception>
    private static TimeSpan? LockTimeout(CliEnvironment environment)
    {
        if (environment.GetVariable(LockTimeoutVariable) is not { Length: > 0 } text)
        {
            return null;
        }

        if (!Arguments.Duration.TryParse(text, out var seconds) || seconds > 3600)
        {
            throw new CommandLineException($"${LockTimeoutVariable} must be a duration of at most one hour, such as 30s or 2m, not '{text}'");
        }

        return TimeSpan.FromSeconds(seconds);
    }

    /// <summary>Resolves the state folder the way the Rust omk does, against the command's environment.</summary>
    /// <param name="environment">The command's environment.</param>
    /// <param name="stateDirectory">The <c>--state-dir</c> value, or null.</param>
    /// <returns>The state folder.</returns>
    public static string ResolveStateDirectory(CliEnvironment environment, string? stateDirectory) =>
        OmkStateDirectory.Resolve(stateDirectory, environment.GetVariable, environment.HomeDirectory);

    /// <inheritdoc/>
    public void Dispose() => _provider.Dispose();
}
