using System.IO.Abstractions;
using NSubstitute;
using NSubstitute.ExceptionExtensions;
using Omk.Cli.Tests.Fixtures;

namespace Omk.Cli.Tests;

public sealed class CliApplicationTests : IDisposable
{
    private readonly CliRunner _omk = new();

    [Theory]
    [InlineData("cost", "report", "--bogus")]
    [InlineData("cost", "estimate", "team", "--workers", "abc")]
    [InlineData("cost", "estimate", "custom", "--duration", "-5")]
    [InlineData("cost", "record", "--type", "team", "--name", "x", "--duration", "-5")]
    [InlineData("cost", "budget", "--limit", "-1")]
    [InlineData("cost", "frobnicate")]
    public async Task RunAsync_WrongCommandLine_ExitsTwoWithOneOmkLineAndNoOutput(params string[] args)
    {
        var result = await _omk.RunAsync(args);

        Assert.Equal(2, result.ExitCode);
        Assert.Empty(result.Out);
        Assert.StartsWith("omk: ", Assert.Single(result.ErrorLines), StringComparison.Ordinal);
    }

    [Fact]
    public async Task RunAsync_UnknownFlag_NamesTheFlag()
    {
        var result = await _omk.RunAsync("cost", "report", "--bogus");

        Assert.Contains("--bogus", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task RunAsync_BadWorkers_NamesTheOptionAndTheValue()
    {
        var result = await _omk.RunAsync("cost", "estimate", "team", "--workers", "abc");

        Assert.Contains("--workers must be a whole number from 1 to 1,000, not 'abc'", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task RunAsync_WorkersBeyondRange_NamesTheLimit()
    {
        var result = await _omk.RunAsync("cost", "estimate", "team", "--workers", "99999999999999999999");

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("--workers 99999999999999999999 is over the limit of 1,000 workers", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task RunAsync_NegativeDuration_SaysItCannotBeNegative()
    {
        var result = await _omk.RunAsync("cost", "estimate", "custom", "--duration", "-5");

        Assert.Contains("--duration cannot be negative", result.Error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("report")]
    [InlineData("record", "--type", "team", "--name", "x", "--duration", "60")]
    [InlineData("budget", "--limit", "10")]
    public async Task RunAsync_CorruptHistory_ExitsOneWithOneLineNamingFileLineAndColumn(params string[] command)
    {
        _omk.WriteCostsFile(CostFile.Corrupt);

        var result = await _omk.RunAsync(["cost", .. command]);

        Assert.Equal(1, result.ExitCode);
        Assert.Empty(result.Out);
        var line = Assert.Single(result.ErrorLines);
        Assert.StartsWith($"omk: {_omk.CostsFile} is not a readable cost history at line 4, column 5: ", line, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("report")]
    [InlineData("record", "--type", "team", "--name", "x", "--duration", "60")]
    [InlineData("budget", "--limit", "10")]
    public async Task RunAsync_CorruptHistory_LeavesTheFileByteIdentical(params string[] command)
    {
        _omk.WriteCostsFile(CostFile.Corrupt);
        var before = File.ReadAllBytes(_omk.CostsFile);

        await _omk.RunAsync(["cost", .. command]);

        Assert.Equal(before, File.ReadAllBytes(_omk.CostsFile));
    }

    [Fact]
    public async Task RunAsync_WrongCommandLine_WritesNoFile()
    {
        await _omk.RunAsync("cost", "record", "--type", "team", "--name", "x", "--duration", "-5");

        Assert.False(Directory.Exists(_omk.StateDirectory));
    }

    [Fact]
    public async Task RunAsync_UnwritableStateFolder_ExitsOneWithOneLineNamingThePath()
    {
        var state = UnwritableStateFolder();

        var result = await _omk.RunAsync("--state-dir", state, "cost", "record", "--type", "team", "--name", "x", "--duration", "60");

        Assert.Equal(1, result.ExitCode);
        Assert.Empty(result.Out);
        var line = Assert.Single(result.ErrorLines);
        Assert.StartsWith("omk: ", line, StringComparison.Ordinal);
        Assert.Contains(state, line, StringComparison.Ordinal);
    }

    [Fact]
    public async Task RunAsync_FailureWithoutDebug_ShowsNoStackTrace()
    {
        var result = await _omk.RunAsync("--state-dir", UnwritableStateFolder(), "cost", "record", "--type", "team", "--name", "x", "--duration", "60");

        Assert.DoesNotContain("   at ", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task RunAsync_FailureWithDebug_ShowsTheStackTrace()
    {
        _omk.Variables["OMK_DEBUG"] = "1";

        var result = await _omk.RunAsync("--state-dir", UnwritableStateFolder(), "cost", "record", "--type", "team", "--name", "x", "--duration", "60");

        Assert.Equal(1, result.ExitCode);
        Assert.StartsWith("omk: ", result.Error, StringComparison.Ordinal);
        Assert.Contains("   at ", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task RunAsync_ArgumentExceptionOfABug_ExitsOneAsUnexpected()
    {
        _omk.FileSystem = FileSystemFailingWith(new ArgumentException("a bug's argument"));

        var result = await _omk.RunAsync("cost", "report");

        Assert.Equal(
            (1, "omk: unexpected error: a bug's argument (set OMK_DEBUG=1 for details)\n"),
            (result.ExitCode, result.Error));
    }

    [Fact]
    public async Task RunAsync_ArgumentExceptionOfABugWithDebug_ShowsTheStackTrace()
    {
        _omk.Variables["OMK_DEBUG"] = "1";
        _omk.FileSystem = FileSystemFailingWith(new ArgumentException("a bug's argument"));

        var result = await _omk.RunAsync("cost", "report");

        Assert.Equal((1, true), (result.ExitCode, result.Error.Contains("   at ", StringComparison.Ordinal)));
    }

    [Fact]
    public async Task RunAsync_WrongCommandLineWithDebug_ShowsTheStackTrace()
    {
        _omk.Variables["OMK_DEBUG"] = "1";

        var result = await _omk.RunAsync("cost", "estimate", "team", "--phases", "1");

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("   at ", result.Error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("report")]
    [InlineData("reset")]
    [InlineData("estimate")]
    [InlineData("record")]
    [InlineData("budget")]
    [InlineData("usage", "kimi")]
    [InlineData("import", "kimi")]
    public async Task RunAsync_HelpOfCommand_ShowsExamples(params string[] command)
    {
        var result = await _omk.RunAsync(["cost", .. command, "--help"]);

        Assert.Equal(0, result.ExitCode);
        Assert.Contains("Examples:", result.Out, StringComparison.Ordinal);
        Assert.Contains("omk cost " + string.Join(' ', command), result.Out, StringComparison.Ordinal);
    }

    [Fact]
    public async Task RunAsync_Version_PrintsTheVersion()
    {
        var result = await _omk.RunAsync("--version");

        Assert.Equal(0, result.ExitCode);
        Assert.StartsWith("0.1.0", result.Out, StringComparison.Ordinal);
    }

    private string UnwritableStateFolder()
    {
        var file = Path.Combine(_omk.Folder.Path, "file.txt");
        File.WriteAllText(file, "a file, not a folder");
        return Path.Combine(file, "state");
    }

    public void Dispose() => _omk.Dispose();

    /// <summary>A real file system whose file streams all fail with <paramref name="exception"/>.</summary>
    private static IFileSystem FileSystemFailingWith(Exception exception)
    {
        var real = new FileSystem();
        var streams = Substitute.For<IFileStreamFactory>();
        streams.New(Arg.Any<string>(), Arg.Any<FileMode>(), Arg.Any<FileAccess>(), Arg.Any<FileShare>(), Arg.Any<int>(), Arg.Any<FileOptions>()).Throws(exception);
        var fileSystem = Substitute.For<IFileSystem>();
        fileSystem.File.Returns(real.File);
        fileSystem.Directory.Returns(real.Directory);
        fileSystem.Path.Returns(real.Path);
        fileSystem.FileStream.Returns(streams);
        return fileSystem;
    }
}
