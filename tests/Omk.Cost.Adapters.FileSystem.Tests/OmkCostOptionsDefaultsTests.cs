namespace Omk.Cost.Adapters.FileSystem.Tests;

public sealed class OmkCostOptionsDefaultsTests
{
    [Fact]
    public void PostConfigure_NoStateDirectory_SetsTheDefaultOfThisProcess()
    {
        var options = new OmkCostOptions();

        new OmkCostOptionsDefaults().PostConfigure(null, options);

        Assert.Equal(OmkStateDirectory.Resolve(), options.StateDirectory);
    }

    [Fact]
    public void PostConfigure_StateDirectorySet_KeepsIt()
    {
        var options = new OmkCostOptions { StateDirectory = "/srv/omk" };

        new OmkCostOptionsDefaults().PostConfigure(null, options);

        Assert.Equal("/srv/omk", options.StateDirectory);
    }

    [Fact]
    public void PostConfigure_NullOptions_ThrowsArgumentNullException()
    {
        var error = Assert.Throws<ArgumentNullException>(() => new OmkCostOptionsDefaults().PostConfigure(null, null!));

        Assert.Equal("options", error.ParamName);
    }
}
