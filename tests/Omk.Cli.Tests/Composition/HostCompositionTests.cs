using System.Runtime.Versioning;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Omk.Cli.Tests.Fixtures;
using Omk.Cost.Adapters.FileSystem;
using Omk.Cost.Adapters.PostgreSql;
using Omk.Cost.Application;
using Omk.Cost.Domain;
using Omk.Cost.Domain.Budgets;
using Omk.Testing.Stores;

namespace Omk.Cli.Tests.Composition;

/// <summary>
/// A .NET host composed with <c>AddOmkCost</c> and the <c>omk</c> command do the same thing: for each store choice the
/// host resolves every use case, runs the record, gate and settle that the command runs, and ends with the same
/// sessions, budgets and reservations (or, with the team store out of reach, the same outbox).
/// </summary>
[UnsupportedOSPlatform("windows")]
public sealed class HostCompositionTests : IClassFixture<PostgreSqlDatabase>, IDisposable
{
    private const decimal Limit = 5m;
    private const decimal Reserved = 2m;
    private const decimal Actual = 2m;
    private const string Name = "auth";

    private readonly PostgreSqlDatabase _database;
    private readonly CliRunner _omk = new();
    private readonly string _hostState;
    private readonly string _unreachable;

    public HostCompositionTests(PostgreSqlDatabase database)
    {
        _database = database;
        _hostState = _omk.Folder.Folder("host-state");
        var nowhere = _omk.Folder.Folder("no-server");
        _unreachable = $"postgresql://recorder@/omk?host={Uri.EscapeDataString(nowhere)}&connect_timeout=1";
    }

    public void Dispose() => _omk.Dispose();

    [Fact]
    public async Task JsonFiles_HostAndCommand_RecordGateAndSettleAlike()
    {
        using var host = Host(cost => cost.UseJsonFiles(options => options.StateDirectory = _hostState));
        using var command = Host(cost => cost.UseJsonFiles(options => options.StateDirectory = _omk.StateDirectory));

        await RunBothAndCompareAsync(host, command);
    }

    [Fact]
    public async Task PostgreSqlWithOutbox_HostAndCommand_RecordGateAndSettleAlike()
    {
        var hostDatabase = _database.Server.CreateDatabase();
        var commandDatabase = _database.Server.CreateDatabase();
        _omk.Variables["OMK_COST_STORE"] = _database.Server.Uri(commandDatabase);
        using var host = Host(cost => cost
            .UsePostgreSql(options => options.ConnectionString = _database.Server.Uri(hostDatabase))
            .WithOutbox(options => options.StateDirectory = _hostState));
        using var command = Host(cost => cost.UsePostgreSql(options => options.ConnectionString = _database.Server.Uri(commandDatabase)));

        await RunBothAndCompareAsync(host, command);

        Assert.False(File.Exists(Path.Combine(_hostState, JsonFileCostOutbox.FileName)));
    }

    [Fact]
    public async Task PostgreSqlUnreachableWithOutbox_HostAndCommand_KeepTheSettledSessionInTheOutboxAlike()
    {
        _omk.Variables["OMK_COST_STORE"] = _unreachable;
        using var host = UnreachableHost(insecure: false);

        var gated = await host.GetRequiredService<GateUseCase>().GateAsync(new ReservationRequest { AmountUsd = Reserved }, failOpen: true);
        var recorded = await host.GetRequiredService<RecordUseCase>().RecordAsync(Session(), gated.Decision.Reservation!.Id);
        var gate = await _omk.RunAsync("cost", "gate", "--usd", "2", "--fail-open");
        var record = await _omk.RunAsync("cost", "record", "--type", "team", "--name", Name, "--input-tokens", "120000", "--output-tokens", "40000", "--actual-usd", "2", "--reservation", gate.Out.Trim());

        Assert.True(BudgetGate.IsUnstored(gated.Decision.Reservation.Id));
        Assert.StartsWith("unstored-", gate.Out, StringComparison.Ordinal);
        Assert.Equal(0, record.ExitCode);
        Assert.NotNull(recorded.KeptInOutboxBecause);
        Assert.Equal(Path.Combine(_hostState, JsonFileCostOutbox.FileName), recorded.StoredIn);
        Assert.Contains($"in {Path.Combine(_omk.StateDirectory, JsonFileCostOutbox.FileName)}\n", record.Out, StringComparison.Ordinal);
        Assert.Equal(Describe(await OutboxOf(_omk.StateDirectory)), Describe(await OutboxOf(_hostState)));
    }

    [Fact]
    public async Task HostTracker_TeamStoreUnreachableWithOutbox_KeepsTheRecordInTheOutboxLikeTheCommand()
    {
        using var host = UnreachableHost(insecure: false);

        await host.GetRequiredService<CostTracker>().RecordAsync(Session());

        var kept = Assert.Single(await OutboxOf(_hostState));
        Assert.Equal(Name, kept.Name);
        Assert.False(string.IsNullOrEmpty(kept.Id));
    }

    [Fact]
    public async Task HostRecord_InsecureStateFolderAllowedAndTeamStoreUnreachable_KeepsTheSessionInTheOutbox()
    {
        File.SetUnixFileMode(_hostState, (UnixFileMode)0b111_111_111);
        using var host = UnreachableHost(insecure: true);

        var recorded = await host.GetRequiredService<RecordUseCase>().RecordAsync(Session());

        Assert.NotNull(recorded.KeptInOutboxBecause);
        Assert.Equal(Name, Assert.Single(await OutboxOf(_hostState)).Name);
    }

    [Fact]
    public void AddOmkCost_NoStoreChosen_FailsSayingHowToChooseOne()
    {
        var error = Assert.Throws<InvalidOperationException>(() => new ServiceCollection().AddOmkCost(_ => { }));

        Assert.Contains("cost.UseJsonFiles(...) or cost.UsePostgreSql(...)", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void AddOmkCost_TwoStoresChosen_FailsNamingTheSecond()
    {
        var error = Assert.Throws<InvalidOperationException>(() => new ServiceCollection().AddOmkCost(cost => cost.UseJsonFiles().UsePostgreSql(_unreachable)));

        Assert.Contains("UsePostgreSql comes after another store was chosen", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void AddOmkCost_PostgreSqlWithoutConnectionString_FailsAtStart()
    {
        using var host = new ServiceCollection().AddOmkCost(cost => cost.UsePostgreSql(_ => { })).BuildServiceProvider();

        Assert.Throws<OptionsValidationException>(() => host.GetRequiredService<IStartupValidator>().Validate());
    }

    /// <summary>
    /// Sets a budget of $5, reserves $2, settles the reservation with a session that cost $2 and asks for $4 more, once
    /// through the host's use cases and once through the command; then compares what both stores hold.
    /// </summary>
    private async Task RunBothAndCompareAsync(ServiceProvider host, ServiceProvider command)
    {
        await host.GetRequiredService<BudgetGate>().SetBudgetAsync(new BudgetPolicy { Name = "cap", LimitUsd = Limit });
        var gated = await host.GetRequiredService<GateUseCase>().GateAsync(new ReservationRequest { AmountUsd = Reserved });
        var recorded = await host.GetRequiredService<RecordUseCase>().RecordAsync(Session(), gated.Decision.Reservation!.Id);
        var refused = await host.GetRequiredService<GateUseCase>().GateAsync(new ReservationRequest { AmountUsd = 4m });

        Assert.Equal(0, (await _omk.RunAsync("cost", "budget", "set", "cap", "--limit", "5")).ExitCode);
        var gate = await _omk.RunAsync("cost", "gate", "--usd", "2");
        var record = await _omk.RunAsync("cost", "record", "--type", "team", "--name", Name, "--input-tokens", "120000", "--output-tokens", "40000", "--actual-usd", "2", "--reservation", gate.Out.Trim());
        var refusal = await _omk.RunAsync("cost", "gate", "--usd", "4");

        Assert.Equal((0, 0, 3), (gate.ExitCode, record.ExitCode, refusal.ExitCode));
        Assert.Contains($"Settled reservation {gate.Out.Trim()}", record.Out, StringComparison.Ordinal);
        Assert.Equal(ReservationState.Active, recorded.Settled!.State);
        Assert.Null(recorded.KeptInOutboxBecause);
        Assert.False(refused.Decision.Admitted);
        Assert.Equal(await StandingOf(command), await StandingOf(host));
        Assert.Equal(Describe(await command.GetRequiredService<CostTracker>().LoadAsync()), Describe(await host.GetRequiredService<CostTracker>().LoadAsync()));
    }

    private ServiceProvider Host(Action<IOmkCostBuilder> choose)
    {
        var services = new ServiceCollection().AddSingleton<TimeProvider>(new FakeNowClock(_omk.Clock));
        var provider = services.AddOmkCost(choose).BuildServiceProvider(new ServiceProviderOptions { ValidateOnBuild = true });
        provider.GetRequiredService<IStartupValidator>().Validate();
        return provider;
    }

    private ServiceProvider UnreachableHost(bool insecure) => Host(cost => cost
        .UsePostgreSql(_unreachable)
        .WithOutbox(options =>
        {
            options.StateDirectory = _hostState;
            options.InsecureStateDirectory = insecure;
        }));

    /// <summary>The session the command records for <c>--type team --name auth --input-tokens 120000 --output-tokens 40000 --actual-usd 2</c>.</summary>
    private SessionCost Session()
    {
        var estimate = CostEstimator.FromExactTokens(120_000, 40_000, PricingTier.Standard);
        var now = _omk.Clock.GetUtcNow();
        return new SessionCost
        {
            SessionType = "team",
            Name = Name,
            StartedAt = now.AddSeconds(-(double)estimate.DurationSecs),
            EndedAt = now,
            Estimate = estimate,
            ActualUsd = Actual,
        };
    }

    private static async Task<(string Budget, decimal Limit, decimal Spent, decimal Reserved)> StandingOf(ServiceProvider provider)
    {
        var standing = Assert.Single(await provider.GetRequiredService<BudgetGate>().CheckAsync());
        return (standing.Policy.Name, standing.LimitUsd, standing.SpentUsd, standing.ReservedUsd);
    }

    private static async Task<IReadOnlyList<SessionCost>> OutboxOf(string stateDirectory)
    {
        using var reader = new ServiceCollection().AddOmkCost(cost => cost.UseJsonFiles(options =>
        {
            options.StateDirectory = stateDirectory;
            options.FileName = JsonFileCostOutbox.FileName;
            options.InsecureStateDirectory = true;
        })).BuildServiceProvider();
        return await reader.GetRequiredService<CostTracker>().LoadAsync();
    }

    /// <summary>What two records of the same run share: all but the id the store or the outbox gave.</summary>
    private static string Describe(IReadOnlyList<SessionCost> sessions) =>
        string.Join("\n", sessions.Select(session => (session with { Id = null }).ToString()));
}
