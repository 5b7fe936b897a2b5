using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Omk.Cli.Tests.Fixtures;
using Omk.Cost.Adapters.FileSystem;
using Omk.Cost.Adapters.Kimi;
using Omk.Cost.Application;
using Omk.Cost.Domain;
using Omk.Cost.Domain.Usage;

namespace Omk.Cli.Tests.Composition;

/// <summary>
/// A .NET host composed with <c>AddOmkCost(…).AddKimiUsage(…)</c> resolves the usage port over Kimi's logs and reads
/// what <c>omk cost usage kimi</c> reports of the same logs; the port's options are checked when the host starts.
/// </summary>
public sealed class KimiUsageCompositionTests : IDisposable
{
    private readonly CliRunner _omk = new();
    private readonly string _share;

    public KimiUsageCompositionTests()
    {
        _share = _omk.Folder.Folder("kimi");
        KimiLogs.Write(_share);
        KimiLogs.AddSession(_share, "/work/beta", "sess-b", "Refactor", KimiLogs.Start.AddHours(2), (2_000, 400, 0), (300, 50, 1_000));
        _omk.Variables["KIMI_SHARE_DIR"] = _share;
    }

    public void Dispose() => _omk.Dispose();

    [Fact]
    public async Task Host_AddKimiUsage_ReadsTheTotalsOfUsageKimi()
    {
        var command = (await _omk.RunAsync("cost", "usage", "kimi", "--json")).Json();
        var hostState = _omk.Folder.Folder("host-state");
        var services = new ServiceCollection();
        services.AddOmkCost(cost => cost.UseJsonFiles(options => options.StateDirectory = hostState).AddKimiUsage(options => options.KimiCliRoot = _share));
        using var provider = services.BuildServiceProvider();
        provider.GetRequiredService<IStartupValidator>().Validate();

        var total = provider.GetRequiredService<IUsageSource>().Read(CancellationToken.None).Report().Total;

        Assert.Equal(2, total.Sessions);
        Assert.Equal(
            (command.GetProperty("sessions").GetInt64(), command.GetProperty("input_other_tokens").GetUInt64(), command.GetProperty("cache_read_tokens").GetUInt64(), command.GetProperty("output_tokens").GetUInt64(), command.GetProperty("cost_usd").GetDecimal()),
            (total.Sessions, total.Usage.InputOther, total.Usage.CacheRead, total.Usage.Output, total.CostUsd!.Value));
    }

    [Fact]
    public async Task Host_ImportUsageUseCase_StoresWhatImportKimiStores()
    {
        // The command's import and a host's are one use case (ImportUsageUseCase): the same sessions, once each.
        Assert.Equal(0, (await _omk.RunAsync("cost", "import", "kimi")).ExitCode);
        var command = (await _omk.RunAsync("cost", "report", "--json")).Json();
        var hostState = _omk.Folder.Folder("host-import");
        var services = new ServiceCollection();
        services.AddOmkCost(cost => cost.UseJsonFiles(options => options.StateDirectory = hostState).AddKimiUsage(options => options.KimiCliRoot = _share));
        using var provider = services.BuildServiceProvider();
        provider.GetRequiredService<IStartupValidator>().Validate();
        var import = provider.GetRequiredService<ImportUsageUseCase>();
        var reading = provider.GetRequiredService<IUsageSource>().Read(CancellationToken.None);

        var first = await import.ImportAsync(reading, UpsertMode.Apply, CancellationToken.None);
        var again = await import.ImportAsync(reading, UpsertMode.Apply, CancellationToken.None);

        Assert.Equal((2, 2, 0), (first.Found, first.Outcome.Added, again.Outcome.Added));
        var report = await provider.GetRequiredService<CostTracker>().ReportAsync(CostReportQuery.All, CancellationToken.None);
        Assert.Equal((command.GetProperty("sessions").GetInt64(), command.GetProperty("total_spent_usd").GetDecimal()), ((long)report.Sessions, report.TotalSpentUsd));
    }

    [Fact]
    public void Host_AddKimiUsageWithoutAKimiHome_FailsWhenTheHostStarts()
    {
        var services = new ServiceCollection();
        services.AddOmkCost(cost => cost.UseJsonFiles(options => options.StateDirectory = _omk.StateDirectory).AddKimiUsage(static _ => { }));
        using var provider = services.BuildServiceProvider();

        var exception = Assert.Throws<OptionsValidationException>(() => provider.GetRequiredService<IStartupValidator>().Validate());

        Assert.Contains("AddKimiUsage needs a Kimi home to read", exception.Message, StringComparison.Ordinal);
    }
}
