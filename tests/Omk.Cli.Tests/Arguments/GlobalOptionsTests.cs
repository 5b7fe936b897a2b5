using Omk.Cli.Arguments;
using Omk.Cli.Hosting;
using Omk.Cli.Tests.Fixtures;

namespace Omk.Cli.Tests.Arguments;

public sealed class GlobalOptionsTests
{
    [Fact]
    public void Read_EveryOptionGiven_IsReadWhereverItStands()
    {
        var globals = Read(
            ["--state-dir", "/srv/omk", "cost", "budget", "check", "--insecure-state-dir", "--tz", "UTC", "--no-color", "--wide", "--store", "postgresql://db/omk", "--no-kimi"],
            store: "postgresql://other/omk");

        Assert.Equal(
            new GlobalSettings
            {
                StateDirectory = "/srv/omk",
                InsecureStateDirectory = true,
                Store = "postgresql://db/omk",
                TimeZone = "UTC",
                NoColor = true,
                Wide = true,
                CountsKimi = false,
            },
            globals);
    }

    [Theory]
    [InlineData(null, null)]
    [InlineData("", null)]
    [InlineData("postgresql://team/omk", "postgresql://team/omk")]
    public void Read_NoStoreGiven_TakesTheVariable(string? variable, string? expected)
    {
        var globals = Read(["cost", "report"], store: variable);

        Assert.Equal(expected, globals.Store);
    }

    [Fact]
    public void Read_BlankStoreGiven_TakesTheVariable()
    {
        var globals = Read(["cost", "report", "--store", " "], store: "postgresql://team/omk");

        Assert.Equal("postgresql://team/omk", globals.Store);
    }

    [Theory]
    [InlineData(new[] { "cost", "status" }, true)]
    [InlineData(new[] { "cost", "status", "--no-kimi" }, false)]
    [InlineData(new[] { "cost", "report" }, false)]
    public void Read_KimiSpend_IsCountedByTheCommandsThatTakeNoKimi(string[] args, bool expected)
    {
        var globals = Read(args, store: null);

        Assert.Equal(expected, globals.CountsKimi);
    }

    private static GlobalSettings Read(string[] args, string? store) =>
        ParsedGlobals.Read(args, name => name == EnvironmentVariables.Store ? store : null, TimeProvider.System).Globals;
}
