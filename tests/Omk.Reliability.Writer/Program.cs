// Usage: Omk.Reliability.Writer <state dir | postgresql:// store> <writer id> <records> <lock timeout ms> [gate]
// Records <records> sessions named "<writer id>-<n>" and prints "ack <n>" after each one is stored.
// With "gate": asks the budget gate <records> times for $1 instead, and prints "ack <n>" for each one admitted.
// Exit codes: 0 done, 1 the store failed (the message goes to stderr), 2 bad arguments.
// Or: budget-step ARGS…: one gate or settle of the model-based budget test (BudgetStep).
if (args.Length > 0 && args[0] == "budget-step")
{
    // One budget step for the model-based test to kill at any point (BudgetStep).
    return await Omk.Reliability.Writer.BudgetStep.RunAsync(args[1..]);
}

var gating = args.Length == 5 && args[4] == "gate";
if ((args.Length != 4 && !gating)
    || !int.TryParse(args[2], NumberStyles.None, CultureInfo.InvariantCulture, out var records)
    || !int.TryParse(args[3], NumberStyles.None, CultureInfo.InvariantCulture, out var lockTimeoutMs))
{
    Console.Error.WriteLine("usage: Omk.Reliability.Writer <state dir> <writer id> <records> <lock timeout ms>");
    return 2;
}

var stateDirectory = args[0];
var writerId = args[1];
var services = new ServiceCollection().AddOmkCost(cost =>
{
    if (PostgreSqlStoreAddress.IsPostgreSqlAddress(stateDirectory))
    {
        cost.UsePostgreSql(options =>
        {
            options.ConnectionString = stateDirectory;
            options.HostName = writerId;
        });
    }
    else
    {
        cost.UseJsonFiles(options =>
        {
            options.StateDirectory = stateDirectory;
            options.LockTimeout = TimeSpan.FromMilliseconds(lockTimeoutMs);
        });
    }
});
using var provider = services.BuildServiceProvider(validateScopes: true);
provider.GetRequiredService<IStartupValidator>().Validate();
var tracker = provider.GetRequiredService<CostTracker>();

try
{
    if (gating)
    {
        var gate = provider.GetRequiredService<BudgetGate>();
        for (var n = 0; n < records; n++)
        {
            var decision = await gate.ReserveAsync(new ReservationRequest { AmountUsd = 1m, Name = string.Create(CultureInfo.InvariantCulture, $"{writerId}-{n}") });
            Console.Out.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{(decision.Admitted ? "ack" : "refused")} {n}"));
            Console.Out.Flush();
        }

        return 0;
    }

    for (var n = 0; n < records; n++)
    {
        await tracker.RecordAsync(new SessionCost
        {
            SessionType = "team",
            Name = string.Create(CultureInfo.InvariantCulture, $"{writerId}-{n}"),
            StartedAt = DateTimeOffset.UtcNow,
            Estimate = CostEstimator.Estimate(60, 2, 1, PricingTier.Standard),
        });
        Console.Out.WriteLine(string.Create(CultureInfo.InvariantCulture, $"ack {n}"));
        Console.Out.Flush();
    }
}
catch (CostStoreException exception)
{
    Console.Error.WriteLine(exception.Message);
    return 1;
}

return 0;
