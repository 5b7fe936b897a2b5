namespace Omk.Cost.Adapters.FileSystem.Tests;

public sealed class OmkStateDirectoryTests
{
    private const string Home = "/home/ada";

    [Fact]
    public void Resolve_ExplicitDirectory_WinsOverEveryVariable()
    {
        var directory = OmkStateDirectory.Resolve("/explicit", Variables(stateDir: "/state", xdgStateHome: "/xdg"), Home);

        Assert.Equal("/explicit", directory);
    }

    [Fact]
    public void Resolve_OmkStateDir_WinsOverXdgStateHome()
    {
        var directory = OmkStateDirectory.Resolve(null, Variables(stateDir: "/state", xdgStateHome: "/xdg"), Home);

        Assert.Equal("/state", directory);
    }

    [Fact]
    public void Resolve_XdgStateHome_UsesItsOmkFolder()
    {
        var directory = OmkStateDirectory.Resolve(null, Variables(xdgStateHome: "/xdg"), Home);

        Assert.Equal(Path.Join("/xdg", "omk"), directory);
    }

    [Fact]
    public void Resolve_NoVariables_UsesTheLocalStateFolderOfHome()
    {
        var directory = OmkStateDirectory.Resolve(null, Variables(), Home);

        Assert.Equal(Path.Join(Home, ".local", "state", "omk"), directory);
    }

    [Fact]
    public void Resolve_EmptyVariables_CountAsUnset()
    {
        var directory = OmkStateDirectory.Resolve(null, Variables(stateDir: string.Empty, xdgStateHome: string.Empty), Home);

        Assert.Equal(Path.Join(Home, ".local", "state", "omk"), directory);
    }

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    public void Resolve_BlankExplicitDirectory_CountsAsUnset(string explicitDirectory)
    {
        var directory = OmkStateDirectory.Resolve(explicitDirectory, Variables(stateDir: "/state"), Home);

        Assert.Equal("/state", directory);
    }

    [Fact]
    public void Resolve_NullVariableReader_ThrowsArgumentNullException()
    {
        Assert.Throws<ArgumentNullException>(() => OmkStateDirectory.Resolve(null, null!, Home));
    }

    private static Func<string, string?> Variables(string? stateDir = null, string? xdgStateHome = null) =>
        name => name switch
        {
            OmkStateDirectory.StateDirVariable => stateDir,
            OmkStateDirectory.XdgStateHomeVariable => xdgStateHome,
            _ => throw new ArgumentException($"unexpected variable {name}", nameof(name)),
        };
}
