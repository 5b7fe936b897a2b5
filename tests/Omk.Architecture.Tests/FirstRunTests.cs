using System.Diagnostics;

namespace Omk.Architecture.Tests;

/// <summary>
/// The first <c>dotnet run --project src/Omk.Cli</c> restores only what a build uses: Native AOT, whose compiler and
/// runtime packs are about 320 MB, is asked for only by <c>dotnet publish</c> (which sets <c>_IsPublishing</c>).
/// </summary>
public sealed class FirstRunTests
{
    [Fact]
    public async Task OmkCli_Build_DoesNotAskForNativeAot()
    {
        Assert.Equal(string.Empty, await PublishAotAsync());
    }

    [Fact]
    public async Task OmkCli_Publish_AsksForNativeAot()
    {
        Assert.Equal("true", await PublishAotAsync("-p:_IsPublishing=true"));
    }

    /// <summary>Evaluates the omk project (no restore, no build) and gives its <c>PublishAot</c> property.</summary>
    private static async Task<string> PublishAotAsync(params string[] properties)
    {
        var start = new ProcessStartInfo(Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") ?? "dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in new[] { "msbuild", Project(), "-getProperty:PublishAot", "-nologo" }.Concat(properties))
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        Assert.True(process.ExitCode == 0, await error);
        return (await output).Trim();
    }

    private static string Project()
    {
        for (var folder = new DirectoryInfo(AppContext.BaseDirectory); folder is not null; folder = folder.Parent)
        {
            var project = Path.Combine(folder.FullName, "src", "Omk.Cli", "Omk.Cli.csproj");
            if (File.Exists(project))
            {
                return project;
            }
        }

        throw new InvalidOperationException("src/Omk.Cli/Omk.Cli.csproj is not above " + AppContext.BaseDirectory);
    }
}
