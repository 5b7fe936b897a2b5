using Microsoft.Extensions.Time.Testing;
using Omk.Cli.Arguments;
using Omk.Cli.Hosting;
using Omk.Cli.Tests.Fixtures;

namespace Omk.Cli.Tests.Arguments;

public sealed class TimeZoneOptionTests
{
    private static readonly TimeZoneInfo Shanghai = TimeZoneInfo.FindSystemTimeZoneById("Asia/Shanghai");

    [Fact]
    public void Resolve_OptionGiven_WinsOverVariableAndSystem()
    {
        var zone = Resolve(["cost", "report", "--tz", "America/Los_Angeles"], variable: "Asia/Shanghai");

        Assert.Equal("America/Los_Angeles", zone.Id);
    }

    [Fact]
    public void Resolve_OptionBeforeTheCommand_IsRead()
    {
        var zone = Resolve(["--tz", "Asia/Shanghai", "cost", "report"], variable: null);

        Assert.Equal("Asia/Shanghai", zone.Id);
    }

    [Fact]
    public void Resolve_NoOption_TakesTheVariable()
    {
        var zone = Resolve(["cost", "report"], variable: "Asia/Shanghai");

        Assert.Equal("Asia/Shanghai", zone.Id);
    }

    [Fact]
    public void Resolve_NeitherOptionNorVariable_TakesTheSystemZone()
    {
        var zone = Resolve(["cost", "report"], variable: null, system: Shanghai);

        Assert.Same(Shanghai, zone);
    }

    [Theory]
    [InlineData("utc")]
    [InlineData("UTC")]
    public void Resolve_Utc_IsUtcWhateverTheCase(string name)
    {
        var zone = Resolve(["cost", "report", "--tz", name], variable: null, system: Shanghai);

        Assert.Equal(TimeZoneInfo.Utc, zone);
    }

    [Fact]
    public void Resolve_Local_IsTheSystemZone()
    {
        var zone = Resolve(["cost", "report", "--tz", "local"], variable: "America/New_York", system: Shanghai);

        Assert.Same(Shanghai, zone);
    }

    [Fact]
    public void Resolve_UnknownZone_IsACommandLineErrorNamingItAndItsSource()
    {
        var exception = Assert.Throws<CommandLineException>(() => Resolve(["cost", "report"], variable: "Mars/Olympus"));

        Assert.Contains("$OMK_TZ", exception.Message, StringComparison.Ordinal);
        Assert.Contains("'Mars/Olympus'", exception.Message, StringComparison.Ordinal);
    }

    private static TimeZoneInfo Resolve(string[] args, string? variable, TimeZoneInfo? system = null)
    {
        var clock = new FakeTimeProvider();
        clock.SetLocalTimeZone(system ?? TimeZoneInfo.Utc);
        var environment = ParsedGlobals.Read(args, name => name == EnvironmentVariables.TimeZone ? variable : null, clock);
        return TimeZoneOption.Resolve(environment);
    }
}
