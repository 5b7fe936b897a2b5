using System.IO.Abstractions;
using System.IO.Abstractions.TestingHelpers;
using System.Text;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using Omk.Cost.Domain;

namespace Omk.Cost.Adapters.FileSystem.Tests.Fixtures;

/// <summary>
/// A cost store on a <see cref="MockFileSystem"/> with a fake clock, in a state folder of its own.
/// </summary>
internal sealed class MockCostStore
{
    /// <summary>The fake clock's time: 2026-11-20 09:15:02 UTC.</summary>
    public static readonly DateTimeOffset Now = new(2026, 11, 20, 9, 15, 2, TimeSpan.Zero);

    public MockCostStore()
    {
        StateDirectory = FileSystem.Path.Combine(FileSystem.Path.GetTempPath(), "omk-" + Guid.NewGuid().ToString("N"), "state");
        FilePath = FileSystem.Path.Combine(StateDirectory, "costs.json");
    }

    public MockFileSystem FileSystem { get; } = new FaithfulMockFileSystem();

    public FakeTimeProvider Time { get; } = new(Now);

    public string StateDirectory { get; }

    public string FilePath { get; }

    public string LockFilePath => FilePath + ".lock";

    public JsonFileCostSink Sink(IFileSystem? fileSystem = null, TimeProvider? timeProvider = null, TimeSpan? lockTimeout = null) =>
        new(
            fileSystem ?? FileSystem,
            Options.Create(new OmkCostOptions { StateDirectory = StateDirectory, LockTimeout = lockTimeout ?? TimeSpan.FromSeconds(10) }),
            timeProvider ?? Time);

    public void Write(string text) => Write(Encoding.UTF8.GetBytes(text));

    public void Write(byte[] bytes)
    {
        FileSystem.Directory.CreateDirectory(StateDirectory);
        FileSystem.File.WriteAllBytes(FilePath, bytes);
    }

    public void WriteBeside(string fileName, string text) =>
        FileSystem.File.WriteAllText(FileSystem.Path.Combine(StateDirectory, fileName), text);

    public bool ExistsBeside(string fileName) => FileSystem.File.Exists(FileSystem.Path.Combine(StateDirectory, fileName));

    public byte[] Bytes() => FileSystem.File.ReadAllBytes(FilePath);

    public string Text() => Encoding.UTF8.GetString(Bytes());

    public string[] FilesInStateDirectory() =>
        [.. FileSystem.Directory.GetFiles(StateDirectory).Select(FileSystem.Path.GetFileName).Order(StringComparer.Ordinal)!];

    public async Task<List<SessionCost>> ReadAllAsync() => await Sink().ReadAllAsync(CancellationToken.None).ToListAsync();
}
