using System.Globalization;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Omk.Cost.Adapters.FileSystem.Tests;

public sealed class OmkCostOptionsTests
{
    [Fact]
    public void Constructor_Defaults_UseTheReferenceFileNameAndNoStateDirectory()
    {
        var options = new OmkCostOptions();

        Assert.Equal(("costs.json", null), (options.FileName, options.StateDirectory));
    }

    [Fact]
    public void Constructor_Defaults_WaitTenSecondsForTheLock()
    {
        var options = new OmkCostOptions();

        Assert.Equal(TimeSpan.FromSeconds(10), options.LockTimeout);
    }

    [Theory]
    [InlineData(nameof(OmkCostOptions.FileName), "a/b")]
    [InlineData(nameof(OmkCostOptions.FileName), "..")]
    [InlineData(nameof(OmkCostOptions.FileName), ".")]
    [InlineData(nameof(OmkCostOptions.FileName), "")]
    [InlineData(nameof(OmkCostOptions.FileName), "   ")]
    [InlineData(nameof(OmkCostOptions.FileName), "a\\b")]
    [InlineData(nameof(OmkCostOptions.LockTimeout), "-00:00:00.001")]
    [InlineData(nameof(OmkCostOptions.LockTimeout), "01:00:00.001")]
    [InlineData(nameof(OmkCostOptions.StateDirectory), "   ")]
    [InlineData(nameof(OmkCostOptions.StateDirectory), "")]
    public void Validate_BadValue_ThrowsNamingTheField(string field, string value)
    {
        using var provider = ProviderWith(field, value);

        var error = Assert.Throws<OptionsValidationException>(() => provider.GetRequiredService<IStartupValidator>().Validate());

        Assert.Contains($"{field}: ", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(nameof(OmkCostOptions.FileName), "costs.json")]
    [InlineData(nameof(OmkCostOptions.FileName), "team-costs.json")]
    [InlineData(nameof(OmkCostOptions.LockTimeout), "00:00:00")]
    [InlineData(nameof(OmkCostOptions.LockTimeout), "01:00:00")]
    [InlineData(nameof(OmkCostOptions.StateDirectory), "/var/lib/omk")]
    public void Validate_GoodValue_Passes(string field, string value)
    {
        using var provider = ProviderWith(field, value);

        var error = Record.Exception(() => provider.GetRequiredService<IStartupValidator>().Validate());

        Assert.Null(error);
    }

    private static ServiceProvider ProviderWith(string field, string value) =>
        new ServiceCollection()
            .AddOmkCost(options =>
            {
                switch (field)
                {
                    case nameof(OmkCostOptions.FileName):
                        options.FileName = value;
                        break;
                    case nameof(OmkCostOptions.LockTimeout):
                        options.LockTimeout = TimeSpan.Parse(value, CultureInfo.InvariantCulture);
                        break;
                    default:
                        options.StateDirectory = value;
                        break;
                }
            })
            .BuildServiceProvider();
}
