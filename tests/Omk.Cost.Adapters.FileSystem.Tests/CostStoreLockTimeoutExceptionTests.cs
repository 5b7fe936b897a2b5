namespace Omk.Cost.Adapters.FileSystem.Tests;

public sealed class CostStoreLockTimeoutExceptionTests
{
    [Fact]
    public void Constructor_NoArguments_NamesNoLockFile()
    {
        var exception = new CostStoreLockTimeoutException();

        Assert.Equal((string.Empty, TimeSpan.Zero), (exception.LockFilePath, exception.Timeout));
    }

    [Fact]
    public void Constructor_Message_KeepsItAndNamesNoLockFile()
    {
        var exception = new CostStoreLockTimeoutException("busy");

        Assert.Equal(("busy", string.Empty), (exception.Message, exception.LockFilePath));
    }

    [Fact]
    public void Constructor_MessageAndCause_KeepsThemAndNamesNoLockFile()
    {
        var cause = new TimeoutException();

        var exception = new CostStoreLockTimeoutException("busy", cause);

        Assert.Equal(("busy", cause, string.Empty), (exception.Message, exception.InnerException, exception.LockFilePath));
    }

    [Fact]
    public void Constructor_LockFile_SaysWhichFileStayedLockedForHowLong()
    {
        var exception = new CostStoreLockTimeoutException("/state/costs.json.lock", TimeSpan.FromMilliseconds(2500), null);

        Assert.Equal(
            ("could not lock the cost history: /state/costs.json.lock stayed locked by another omk process for 2.5 s; nothing was written", "/state/costs.json.lock", TimeSpan.FromMilliseconds(2500)),
            (exception.Message, exception.LockFilePath, exception.Timeout));
    }
}
