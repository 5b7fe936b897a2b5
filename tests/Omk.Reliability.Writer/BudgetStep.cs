using System.IO.Abstractions;
using Omk.Testing;
using Omk.Testing.Stores;

namespace Omk.Reliability.Writer;

/// <summary>
/// One budget step of the model-based test in a process of its own, for the test to kill at any point: a gate or a
/// settle against the state folder or the team store, at the test's time, counting the test's Kimi sessions (and, on
/// the team store, importing them first) as <c>omk cost gate</c> and <c>omk cost record --reservation</c> do. It prints
/// <c>ready</c> once composed and <c>ack …</c> once the step is done. On the state folder it can kill itself (SIGKILL)
/// as it opens its Nth file (a lock, a read, a temp file of an atomic write), which falls between any two of the
/// step's file operations as N varies.
/// </summary>
/// <remarks>
/// Arguments: <c>&lt;state dir | postgresql store&gt; &lt;now, UTC ticks&gt; &lt;Kimi sessions file&gt; &lt;N, or 0&gt;</c>, then
/// <c>gate &lt;usd&gt; &lt;type or -&gt; &lt;budget or -&gt; &lt;ttl minutes&gt; &lt;name&gt;</c> or
/// <c>settle &lt;reservation id&gt; &lt;usd&gt; &lt;type&gt; &lt;session id&gt; &lt;started at, UTC ticks&gt;</c>.
/// </remarks>
internal static class BudgetStep
{
    public static async Task<int> RunAsync(string[] args)
    {
        var store = args[0];
        var clock = new MovableClock { Now = new DateTimeOffset(Ticks(args[1]), TimeSpan.Zero) };
        var team = PostgreSqlStoreAddress.IsPostgreSqlAddress(store);
        var killAtOpen = int.Parse(args[3], CultureInfo.InvariantCulture);
        var services = new ServiceCollection();
        services.AddSingleton<TimeProvider>(clock);
        services.AddSingleton<IFileSystem>(killAtOpen == 0 ? new FileSystem() : KilledAtOpen(killAtOpen));
        services.AddOmkCost(cost =>
        {
            if (team)
            {
                // The test's clock jumps forward and back: the team store follows it instead of the server's.
                var options = Options.Create(new PostgreSqlCostOptions { ConnectionString = store });
                cost.Services.AddSingleton<IBudgetStore>(new PostgreSqlBudgetStore(options) { UseCallerClock = true });
                cost.Services.AddSingleton<ICostSink>(new PostgreSqlCostSink(options));
            }
            else
            {
                cost.UseJsonFiles(options => options.StateDirectory = store);
            }

            cost.CountLiveSpend(ModelKimiSpend.Load(args[2]), importIntoStore: team);
        });
        await using var provider = services.BuildServiceProvider();
        provider.GetService<IStartupValidator>()?.Validate();
        var gate = provider.GetRequiredService<BudgetGate>();
        Console.Out.WriteLine("ready");
        Console.Out.Flush();
        var step = args[4..];
        if (step[0] == "gate")
        {
            var decision = await gate.ReserveAsync(new ReservationRequest
            {
                AmountUsd = Usd(step[1]),
                SessionType = Optional(step[2]),
                Budgets = Optional(step[3]) is { } budget ? [budget] : [],
                TimeToLive = TimeSpan.FromMinutes(int.Parse(step[4], CultureInfo.InvariantCulture)),
                Name = step[5],
            });
            Console.Out.WriteLine($"ack {decision.Reservation?.Id ?? "refused"}");
        }
        else
        {
            var startedAt = new DateTimeOffset(Ticks(step[5]), TimeSpan.Zero);
            var amount = Usd(step[2]);
            var outcome = await gate.SettleAsync(step[1], new SessionCost
            {
                Id = step[4],
                SessionType = step[3],
                Name = "settled",
                StartedAt = startedAt,
                EndedAt = startedAt.AddMinutes(1),
                Estimate = new CostEstimate(1, 1, 60, 1, amount, PricingTier.Standard),
                ActualUsd = amount,
            });
            Console.Out.WriteLine($"ack {outcome.State}");
        }

        Console.Out.Flush();
        return 0;
    }

    /// <summary>The real disk, until the process opens its Nth file: there it kills itself, as SIGKILL at that instant would.</summary>
    private static IFileSystem KilledAtOpen(int open)
    {
        var opened = 0;
        return FaultyFileSystem.Around(new FileSystem(), (_, openIt) =>
        {
            if (Interlocked.Increment(ref opened) == open)
            {
                using var self = System.Diagnostics.Process.GetCurrentProcess();
                self.Kill();
            }

            return openIt();
        });
    }

    private static long Ticks(string text) => long.Parse(text, CultureInfo.InvariantCulture);

    private static decimal Usd(string text) => decimal.Parse(text, CultureInfo.InvariantCulture);

    private static string? Optional(string text) => text == "-" ? null : text;
}
