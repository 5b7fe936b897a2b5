using System.Text.Json;
using Omk.Cli.Hosting;
using Omk.Cli.Output;
using Omk.Cost.Application;
using Omk.Runtime.Atomic;

namespace Omk.Cli.Status;

/// <summary>
/// The last good answer of <c>omk cost status</c> against a team store, kept in the state folder
/// (<see cref="FileName"/>, written below it as the Kimi index is: no link followed, the owner's alone), so that a
/// prompt still shows a line, marked as cached with its age, when the store is slow or down.
/// </summary>
/// <param name="environment">The command's environment.</param>
/// <param name="stateDirectory">The state folder.</param>
internal sealed class StatusCache(CliEnvironment environment, string stateDirectory)
{
    /// <summary>The file's name in the state folder.</summary>
    public const string FileName = "status-last.json";

    private string FilePath => environment.FileSystem.Path.Combine(stateDirectory, FileName);

    /// <summary>Keeps an answer; a failure to keep it is ignored (the answer itself is still shown).</summary>
    /// <param name="store">The store's name the answer came from.</param>
    /// <param name="snapshot">The answer.</param>
    public void Save(string store, StatusSnapshot snapshot)
    {
        var document = new StatusCacheDocument(
            store,
            environment.TimeProvider.GetUtcNow(),
            snapshot.Zone.Id,
            snapshot.TodayUsd,
            snapshot.MonthUsd,
            snapshot.PeriodName,
            snapshot.PeriodUsd,
            snapshot.LimitUsd,
            snapshot.Percent,
            snapshot.UsedPercent,
            snapshot.ReservedUsd,
            snapshot.KimiLiveUsd,
            snapshot.KimiLiveSessions);
        try
        {
            new AtomicFileWriter(environment.FileSystem, durable: false).WriteBelow(stateDirectory, FileName, JsonSerializer.SerializeToUtf8Bytes(document, CliJsonContext.Default.StatusCacheDocument));
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
        {
            // A status line is not the place to fail for a cache.
        }
    }

    /// <summary>Reads the last good answer of a store in a zone, or null when there is none to trust.</summary>
    /// <param name="store">The store's name.</param>
    /// <param name="zone">The zone the answer must be in.</param>
    /// <returns>The answer and when it was computed, or null.</returns>
    public (StatusSnapshot Snapshot, DateTimeOffset SavedAt)? Load(string store, TimeZoneInfo zone)
    {
        StatusCacheDocument? document;
        try
        {
            using var stream = RegularFile.OpenRead(environment.FileSystem, FilePath);
            document = JsonSerializer.Deserialize(stream, CliJsonContext.Default.StatusCacheDocument);
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException or JsonException or NotSupportedException)
        {
            return null;
        }

        if (document is null || document.Store != store || document.TimeZone != zone.Id)
        {
            return null;
        }

        return (new StatusSnapshot
        {
            Zone = zone,
            TodayUsd = document.TodayUsd,
            MonthUsd = document.MonthUsd,
            PeriodName = document.PeriodName,
            PeriodUsd = document.PeriodUsd,
            LimitUsd = document.LimitUsd,
            Percent = document.Percent,
            UsedPercent = document.UsedPercent,
            ReservedUsd = document.ReservedUsd,
            KimiLiveUsd = document.KimiLiveUsd,
            KimiLiveSessions = document.KimiLiveSessions,
        }, document.SavedAt);
    }
}
