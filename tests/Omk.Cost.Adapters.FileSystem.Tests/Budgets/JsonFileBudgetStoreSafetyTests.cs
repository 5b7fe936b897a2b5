using System.Runtime.Versioning;
using System.Text;
using Microsoft.Extensions.Options;
using Omk.Cost.Adapters.FileSystem.Budgets;
using Omk.Cost.Domain;
using Omk.Cost.Domain.Budgets;
using Omk.Tests.Unix;

namespace Omk.Cost.Adapters.FileSystem.Tests.Budgets;

/// <summary>
/// <c>budgets.json</c> and <c>reservations.json</c> follow the rule of <c>costs.json</c> for links and file types, on the
/// real disk: never written through a link into a file that is not a readable file of their kind, and anything that is
/// not a regular file refused at once, naming it.
/// </summary>
[UnsupportedOSPlatform("windows")]
public sealed class JsonFileBudgetStoreSafetyTests : IDisposable
{
    private static readonly TimeSpan NoHang = TimeSpan.FromSeconds(15);
    private static readonly byte[] NotABudgetFile = Encoding.UTF8.GetBytes("root:x:0:0:root:/root:/bin/bash\n");
    private static readonly BudgetPolicy Monthly = new() { Name = "monthly", LimitUsd = 10m, Period = BudgetPeriodKind.Month };
    private readonly TempFolder _folder = new();
    private readonly TempFolder _elsewhere = new();

    private string BudgetsPath => _folder.Combine(BudgetFiles.BudgetsFileName);

    private string ReservationsPath => _folder.Combine(BudgetFiles.ReservationsFileName);

    public void Dispose()
    {
        _folder.Dispose();
        _elsewhere.Dispose();
    }

    [Fact]
    public async Task SetBudgetAsync_BudgetsFileADanglingLink_RefusesNamingBothPathsAndCreatesNothing()
    {
        var target = _elsewhere.Combine("planted.json");
        File.CreateSymbolicLink(BudgetsPath, target);

        var exception = await Assert.ThrowsAsync<CostFileFormatException>(() => NewGate().SetBudgetAsync(Monthly).WaitAsync(NoHang));

        Assert.Equal($"{BudgetsPath} is not a readable list of budgets: it is a symbolic link to {target}, which does not exist", exception.Message);
        Assert.False(File.Exists(target));
        Assert.Equal(target, new FileInfo(BudgetsPath).LinkTarget);
    }

    [Fact]
    public async Task SetBudgetAsync_BudgetsFileALinkToAnEmptyFile_RefusesToWriteThroughIt()
    {
        var target = _elsewhere.Combine("empty.conf");
        await File.WriteAllBytesAsync(target, []);
        File.CreateSymbolicLink(BudgetsPath, target);

        var exception = await Assert.ThrowsAsync<CostFileFormatException>(() => NewGate().SetBudgetAsync(Monthly).WaitAsync(NoHang));

        Assert.Equal($"{BudgetsPath} is not a readable list of budgets: it is a symbolic link to {target}, which holds no JSON object", exception.Message);
        Assert.Empty(await File.ReadAllBytesAsync(target));
    }

    [Fact]
    public async Task SetBudgetAsync_BudgetsFileALinkToAFileOfAnotherKind_RefusesAndLeavesTheTargetByteIdentical()
    {
        var target = _elsewhere.Combine("passwd");
        await File.WriteAllBytesAsync(target, NotABudgetFile);
        File.CreateSymbolicLink(BudgetsPath, target);

        var exception = await Assert.ThrowsAsync<CostFileFormatException>(() => NewGate().SetBudgetAsync(Monthly).WaitAsync(NoHang));

        Assert.StartsWith($"{BudgetsPath} is not a readable list of budgets at line 1, column 1: ", exception.Message, StringComparison.Ordinal);
        Assert.Equal(NotABudgetFile, await File.ReadAllBytesAsync(target));
    }

    [Fact]
    public async Task SetBudgetAsync_BudgetsFileALinkToABudgetFile_StillWritesThroughItAndKeepsTheLink()
    {
        var target = _elsewhere.Combine("budgets.json");
        await File.WriteAllTextAsync(target, "{\"budgets\":[]}\n");
        File.CreateSymbolicLink(BudgetsPath, target);

        await NewGate().SetBudgetAsync(Monthly).WaitAsync(NoHang);

        Assert.Contains("\"monthly\"", await File.ReadAllTextAsync(target), StringComparison.Ordinal);
        Assert.Equal(target, new FileInfo(BudgetsPath).LinkTarget);
    }

    [Fact]
    public async Task SetBudgetAsync_BudgetsFileALinkToDevZero_IsRefusedAtOnceNamingBothPaths()
    {
        var device = Unix.CharacterDevice(_elsewhere.Path);
        File.CreateSymbolicLink(BudgetsPath, device);

        var exception = await Assert.ThrowsAsync<CostFileFormatException>(() => NewGate().SetBudgetAsync(Monthly).WaitAsync(NoHang));

        Assert.Equal(
            $"{BudgetsPath} is not a readable list of budgets: it is a symbolic link to {device}, which is a character device, not a regular file",
            exception.Message);
    }

    [Fact]
    public async Task ListBudgetsAsync_BudgetsFileAFolder_IsRefusedNamingIt()
    {
        Directory.CreateDirectory(BudgetsPath);

        var exception = await Assert.ThrowsAsync<CostStoreException>(() => NewGate().ListBudgetsAsync().WaitAsync(NoHang));

        Assert.Equal(
            $"{BudgetsPath} is a folder, not a regular file: a list of budgets is kept only in a regular file; move it away and retry",
            exception.Message);
    }

    [Fact]
    public async Task ReserveAsync_ReservationsFileADanglingLink_RefusesAndCreatesNothingWhereItPoints()
    {
        var gate = NewGate();
        await gate.SetBudgetAsync(Monthly);
        var target = _elsewhere.Combine("planted.json");
        File.CreateSymbolicLink(ReservationsPath, target);

        var exception = await Assert.ThrowsAsync<CostFileFormatException>(() => gate.ReserveAsync(new ReservationRequest { AmountUsd = 1m }).WaitAsync(NoHang));

        Assert.Equal($"{ReservationsPath} is not a readable list of reservations: it is a symbolic link to {target}, which does not exist", exception.Message);
        Assert.False(File.Exists(target));
    }

    [Fact]
    public async Task ReserveAsync_ReservationsFileALinkToAWhiteSpaceFile_RefusesAndLeavesItByteIdentical()
    {
        var gate = NewGate();
        await gate.SetBudgetAsync(Monthly);
        var target = _elsewhere.Combine("blank");
        await File.WriteAllTextAsync(target, " \n");
        File.CreateSymbolicLink(ReservationsPath, target);

        var exception = await Assert.ThrowsAsync<CostFileFormatException>(() => gate.ReserveAsync(new ReservationRequest { AmountUsd = 1m }).WaitAsync(NoHang));

        Assert.Contains($"it is a symbolic link to {target}, which holds no JSON object", exception.Message, StringComparison.Ordinal);
        Assert.Equal(" \n", await File.ReadAllTextAsync(target));
    }

    [Fact]
    public async Task ReserveAsync_ReservationsFileANamedPipe_IsRefusedAtOnceNamingIt()
    {
        var gate = NewGate();
        await gate.SetBudgetAsync(Monthly);
        Unix.MakeFifo(ReservationsPath);

        var exception = await Assert.ThrowsAsync<CostStoreException>(() => gate.ReserveAsync(new ReservationRequest { AmountUsd = 1m }).WaitAsync(NoHang));

        Assert.Equal(
            $"{ReservationsPath} is a named pipe (FIFO), not a regular file: a list of reservations is kept only in a regular file; move it away and retry",
            exception.Message);
    }

    [Fact]
    public async Task ReserveAsync_ReservationsFileALinkToAFileOfAnotherKind_LeavesFilesNamedLikeItsTempFilesAlone()
    {
        var gate = NewGate();
        await gate.SetBudgetAsync(Monthly);
        var target = _elsewhere.Combine("passwd");
        await File.WriteAllBytesAsync(target, NotABudgetFile);
        var lookalike = _elsewhere.Combine(".passwd.tmp.0123456789abcdef");
        await File.WriteAllTextAsync(lookalike, "not omk's");
        File.CreateSymbolicLink(ReservationsPath, target);

        await Assert.ThrowsAsync<CostFileFormatException>(() => gate.ReserveAsync(new ReservationRequest { AmountUsd = 1m }).WaitAsync(NoHang));

        Assert.Equal("not omk's", await File.ReadAllTextAsync(lookalike));
        Assert.Equal(NotABudgetFile, await File.ReadAllBytesAsync(target));
    }

    private BudgetGate NewGate() => new(
        new JsonFileBudgetStore(new System.IO.Abstractions.FileSystem(), Options.Create(new OmkCostOptions { StateDirectory = _folder.Path }), TimeProvider.System),
        TimeProvider.System);
}
