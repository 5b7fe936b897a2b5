using System.ComponentModel.DataAnnotations;
using System.Globalization;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Omk.Cost.Application;

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

    [Theory]
    [InlineData("\0costs.json")]
    [InlineData("costs\0.json")]
    [InlineData("/costs.json")]
    [InlineData("state\\costs.json")]
    public void Validate_FileNameNotPlain_SaysItMustBeAPlainFileName(string fileName)
    {
        var options = new OmkCostOptions { FileName = fileName };

        var result = Assert.Single(options.Validate(new ValidationContext(options)));

        Assert.Equal(($"The file name '{fileName}' must be a plain file name, without folders.", nameof(OmkCostOptions.FileName)), (result.ErrorMessage, Assert.Single(result.MemberNames)));
    }

    [Fact]
    public void Validate_LockTimeoutOverAnHour_SaysTheRange()
    {
        var options = new OmkCostOptions { LockTimeout = TimeSpan.FromMinutes(61) };

        var result = Assert.Single(options.Validate(new ValidationContext(options)));

        Assert.Equal(("The lock timeout 01:01:00 must be from zero to one hour.", nameof(OmkCostOptions.LockTimeout)), (result.ErrorMessage, Assert.Single(result.MemberNames)));
    }

    [Fact]
    public void Validate_BlankStateDirectory_SaysToLeaveItUnset()
    {
        var options = new OmkCostOptions { StateDirectory = " " };

        var result = Assert.Single(options.Validate(new ValidationContext(options)));

        Assert.Equal(("The state directory must not be empty; leave it unset to use the default.", nameof(OmkCostOptions.StateDirectory)), (result.ErrorMessage, Assert.Single(result.MemberNames)));
    }

    private static ServiceProvider ProviderWith(string field, string value) =>
        new ServiceCollection()
            .AddOmkCost(cost => cost.UseJsonFiles(options =>
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
            }))
            .BuildServiceProvider();
}
