using Omk.Cost.Application.Stores;
using System.Text.Json;
using Microsoft.Extensions.Options;
using Omk.Cost.Adapters.FileSystem.Tests.Fixtures;
using Omk.Cost.Domain;

namespace Omk.Cost.Adapters.FileSystem.Tests;

public sealed class JsonFileCostSinkTests
{
    private const string DesignFormatSession = """
        [
          {
            "session_type": "team",
            "name": "refactor-auth",
            "started_at": "2026-11-21T08:00:00Z",
            "ended_at": "2026-11-21T08:30:00Z",
            "estimate": {
              "input_tokens": 1950,
              "output_tokens": 650,
              "duration_secs": 60,
              "worker_count": 2,
              "estimated_usd": 0.0091,
              "tier": "Standard"
            },
            "actual_usd": 0.0125
          }
        ]

        """;

    private readonly MockCostStore _store = new();

    public static TheoryData<string> EmptyContents => new() { string.Empty, "   ", "\n\t\r\n ", "\uFEFF", "\uFEFF \n" };

    public static TheoryData<string> Corrupt => CostFiles.Corrupt;

    [Fact]
    public void Constructor_StateDirectory_PutsFileAndLockThere()
    {
        var sink = _store.Sink();

        Assert.Equal((_store.FilePath, _store.LockFilePath), (sink.FilePath, sink.LockFilePath));
    }

    [Fact]
    public void Constructor_NoStateDirectory_ThrowsInsteadOfReadingTheEnvironment()
    {
        var options = Options.Create(new OmkCostOptions());

        var exception = Assert.Throws<ArgumentException>(() => new JsonFileCostSink(_store.FileSystem, options, _store.Time));

        Assert.Contains("StateDirectory must be set", exception.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ReadAllAsync_MissingStateDirectory_ReturnsNoSessions()
    {
        var sessions = await _store.ReadAllAsync();

        Assert.Empty(sessions);
    }

    [Fact]
    public async Task ReadAllAsync_MissingFile_ReturnsNoSessions()
    {
        _store.FileSystem.Directory.CreateDirectory(_store.StateDirectory);

        var sessions = await _store.ReadAllAsync();

        Assert.Empty(sessions);
    }

    [Theory]
    [MemberData(nameof(EmptyContents))]
    public async Task ReadAllAsync_EmptyOrWhiteSpaceFile_ReturnsNoSessions(string content)
    {
        _store.Write(content);

        var sessions = await _store.ReadAllAsync();

        Assert.Empty(sessions);
    }

    [Theory]
    [MemberData(nameof(EmptyContents))]
    public async Task AppendAsync_EmptyOrWhiteSpaceFile_StoresTheOneSession(string content)
    {
        _store.Write(content);

        await _store.Sink().AppendAsync(TestSessions.Stored(), CancellationToken.None);

        Assert.Single(await _store.ReadAllAsync());
    }

    [Fact]
    public async Task ReadAllAsync_FileWithByteOrderMark_ReadsItsSessions()
    {
        _store.Write("\uFEFF" + CostFiles.Rust);

        var sessions = await _store.ReadAllAsync();

        Assert.Equal(["team", "autopilot"], sessions.Select(s => s.SessionType));
    }

    [Fact]
    public async Task AppendAsync_FileWithByteOrderMark_KeepsItsSessions()
    {
        _store.Write("\uFEFF" + CostFiles.Rust);

        await _store.Sink().AppendAsync(TestSessions.Stored(sessionType: "ralph"), CancellationToken.None);

        Assert.Equal(["team", "autopilot", "ralph"], (await _store.ReadAllAsync()).Select(s => s.SessionType));
    }

    [Fact]
    public async Task ReadAllAsync_RustFile_ReadsNanosecondsNullsAndAnyKeyOrder()
    {
        _store.Write(CostFiles.Rust);
        var expected = new SessionCost
        {
            SessionType = "team",
            Name = "refactor-auth",
            StartedAt = new DateTimeOffset(2026, 11, 20, 9, 15, 2, TimeSpan.Zero).AddTicks(1_234_567),
            EndedAt = null,
            Estimate = new CostEstimate(1950, 650, 60, 2, 0.009099999999999999m, PricingTier.Standard),
            ActualUsd = null,
            ExtraFields = SessionExtraFieldsJson.FromJson("""{"future_field": {"nested": [1, 2, 3]}}"""),
        };

        var sessions = await _store.ReadAllAsync();

        Assert.Equal(expected, sessions[0]);
    }

    [Fact]
    public async Task ReadAllAsync_RustFile_ReadsExtremeTokensTierAndActualCost()
    {
        _store.Write(CostFiles.Rust);
        var expected = new SessionCost
        {
            SessionType = "autopilot",
            Name = "ship-it",
            StartedAt = new DateTimeOffset(2026, 11, 20, 10, 0, 0, TimeSpan.Zero),
            EndedAt = new DateTimeOffset(2026, 11, 20, 10, 30, 0, TimeSpan.Zero),
            Estimate = new CostEstimate(ulong.MaxValue, 0, 1800, 1, 0.0015m, PricingTier.Premium),
            ActualUsd = 0.25m,
        };

        var sessions = await _store.ReadAllAsync();

        Assert.Equal(expected, sessions[1]);
    }

    [Fact]
    public async Task ReadAllAsync_RustFile_GivesTheUnknownFieldsWithTheSessionAndKeepsThemInTheFile()
    {
        _store.Write(CostFiles.Rust);

        var sessions = await _store.ReadAllAsync();
        await _store.Sink().AppendAsync(TestSessions.Stored(), CancellationToken.None);

        Assert.Equal(
            (null, "{\"future_field\":{\"nested\":[1,2,3]}}", true),
            (sessions[0].Details, sessions[0].ExtraFields?.Text, _store.Text().Contains("\"future_field\": {\"nested\": [1, 2, 3]}", StringComparison.Ordinal)));
    }

    [Fact]
    public async Task AppendAsync_SessionWithExtraFields_WritesThemAsKeysOfTheSession()
    {
        var session = TestSessions.Stored() with { ExtraFields = SessionExtraFieldsJson.FromJson("""{"added_in": "0.6", "tags": ["a"]}""") };

        await _store.Sink().AppendAsync(session, CancellationToken.None);

        Assert.Contains("\"added_in\": \"0.6\",\n    \"tags\": [\n      \"a\"\n    ]\n  }", _store.Text(), StringComparison.Ordinal);
        Assert.Equal(session, Assert.Single(await _store.ReadAllAsync()));
    }

    [Fact]
    public async Task ReadAllAsync_UnknownKeysInTheEstimate_GivesThemWithTheSessionsUnknownFields()
    {
        _store.Write(DesignFormatSession
            .Replace("\"tier\": \"Standard\"", "\"tier\": \"Standard\", \"future_estimate_field\": {\"b\": 1, \"a\": [2.50, null]}", StringComparison.Ordinal)
            .Replace("\"actual_usd\": 0.0125", "\"actual_usd\": 0.0125, \"top_field\": \"x\"", StringComparison.Ordinal));

        var session = Assert.Single(await _store.ReadAllAsync());

        Assert.Equal("""{"estimate":{"future_estimate_field":{"a":[2.50,null],"b":1}},"top_field":"x"}""", session.ExtraFields?.Text);
    }

    [Fact]
    public async Task AppendAsync_SessionWithUnknownEstimateKeys_WritesThemInsideTheEstimateAndReadsThemBack()
    {
        var session = TestSessions.Create() with { ExtraFields = SessionExtraFieldsJson.FromJson("""{"estimate": {"future_estimate_field": [1]}, "top_field": "x"}""") };

        await _store.Sink().AppendAsync(session, CancellationToken.None);

        var text = _store.Text();
        Assert.Contains("\"tier\": \"Standard\",\n      \"future_estimate_field\": [\n        1\n      ]\n    },", text, StringComparison.Ordinal);
        Assert.Contains("\"top_field\": \"x\"", text, StringComparison.Ordinal);
        Assert.Equal(session, Assert.Single(await _store.ReadAllAsync()));
    }

    [Fact]
    public async Task ReadAllAsync_FileLargerThanOneReadChunk_ReadsEverySessionInOrder()
    {
        var ids = Enumerable.Range(0, 600).Select(i => $"kimi:{i}").ToArray();
        _store.Write(CostFiles.WithIds(ids));

        var sessions = await _store.ReadAllAsync();

        Assert.Equal(ids, sessions.Select(s => s.Id));
    }

    [Fact]
    public async Task ReadAllAsync_SessionLargerThanOneReadChunk_ReadsIt()
    {
        var longName = new string('n', 200_000);
        await _store.Sink().AppendAsync(TestSessions.Stored(name: longName), CancellationToken.None);

        var sessions = await _store.ReadAllAsync();

        Assert.Equal(longName, Assert.Single(sessions).Name);
    }

    [Theory]
    [MemberData(nameof(Corrupt))]
    public async Task ReadAllAsync_CorruptFile_ThrowsFormatErrorNamingFileLineAndColumn(string content)
    {
        _store.Write(content);

        var error = await Assert.ThrowsAsync<CostFileFormatException>(_store.ReadAllAsync);

        Assert.Contains($"{_store.FilePath} is not a readable cost history at line {error.Line}, column {error.Column}", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ReadAllAsync_UnknownTier_ReportsLineAndColumnOfTheTier()
    {
        var content = CostFiles.Rust.Replace("\"Premium\"", "\"Gold\"", StringComparison.Ordinal);
        _store.Write(content);

        var error = await Assert.ThrowsAsync<CostFileFormatException>(_store.ReadAllAsync);

        Assert.Equal(TextPosition.Of(content, "\"Gold\""), TextPosition.Of(error));
    }

    [Fact]
    public async Task ReadAllAsync_ErrorBeyondFirstReadChunk_ReportsLineAndColumnOfTheFault()
    {
        var content = CostFiles.WithIds([.. Enumerable.Range(0, 600).Select(i => $"kimi:{i}")]);
        var lastTier = content.LastIndexOf("\"Budget\"", StringComparison.Ordinal);
        content = string.Concat(content.AsSpan(0, lastTier), "\"Gold\"", content.AsSpan(lastTier + "\"Budget\"".Length));
        _store.Write(content);

        var error = await Assert.ThrowsAsync<CostFileFormatException>(_store.ReadAllAsync);

        Assert.Equal(TextPosition.Of(content, "\"Gold\""), TextPosition.Of(error));
    }

    [Fact]
    public async Task AppendAsync_EmptyStore_WritesTheDesignFormat()
    {
        await _store.Sink().AppendAsync(TestSessions.Stored(actualUsd: 0.0125m), CancellationToken.None);

        Assert.Equal(DesignFormatSession, _store.Text());
    }

    [Fact]
    public async Task AppendAsync_EmptyStore_WritesExactlyTheDesignSessionKeys()
    {
        await _store.Sink().AppendAsync(TestSessions.Stored(), CancellationToken.None);

        using var document = JsonDocument.Parse(_store.Bytes());
        var session = Assert.Single(document.RootElement.EnumerateArray());
        Assert.Equal(
            ["session_type", "name", "started_at", "ended_at", "estimate", "actual_usd"],
            session.EnumerateObject().Select(p => p.Name));
    }

    [Fact]
    public async Task AppendAsync_EmptyStore_WritesExactlyTheDesignEstimateKeys()
    {
        await _store.Sink().AppendAsync(TestSessions.Stored(), CancellationToken.None);

        using var document = JsonDocument.Parse(_store.Bytes());
        var estimate = document.RootElement[0].GetProperty("estimate");
        Assert.Equal(
            ["input_tokens", "output_tokens", "duration_secs", "worker_count", "estimated_usd", "tier"],
            estimate.EnumerateObject().Select(p => p.Name));
    }

    [Theory]
    [InlineData(PricingTier.Budget, "Budget")]
    [InlineData(PricingTier.Standard, "Standard")]
    [InlineData(PricingTier.Premium, "Premium")]
    public async Task AppendAsync_Tier_WritesTheRustSpelling(PricingTier tier, string expected)
    {
        await _store.Sink().AppendAsync(TestSessions.Stored(tier: tier), CancellationToken.None);

        Assert.Contains($"\"tier\": \"{expected}\"", _store.Text(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task AppendAsync_TimestampsWithOffset_WritesThemInUtcWithZ()
    {
        var started = new DateTimeOffset(2026, 11, 21, 10, 0, 0, TimeSpan.FromHours(2)).AddTicks(1);
        var session = TestSessions.Stored() with { StartedAt = started, EndedAt = started.AddHours(1) };

        await _store.Sink().AppendAsync(session, CancellationToken.None);

        using var document = JsonDocument.Parse(_store.Bytes());
        var written = document.RootElement[0];
        Assert.Equal(
            ("2026-11-21T08:00:00.0000001Z", "2026-11-21T09:00:00.0000001Z"),
            (written.GetProperty("started_at").GetString(), written.GetProperty("ended_at").GetString()));
    }

    [Fact]
    public async Task AppendAsync_RustFile_KeepsExistingSessionsByteForByte()
    {
        _store.Write(CostFiles.Rust);

        await _store.Sink().AppendAsync(TestSessions.Stored(sessionType: "ralph"), CancellationToken.None);

        Assert.StartsWith(CostFiles.Rust[..^"\n]\n".Length] + ",\n  {", _store.Text(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task AppendAsync_RustFile_StoresTheNewSessionLast()
    {
        _store.Write(CostFiles.Rust);
        var session = TestSessions.Stored(sessionType: "ralph");

        await _store.Sink().AppendAsync(session, CancellationToken.None);

        Assert.Equal(session, (await _store.ReadAllAsync())[^1]);
    }

    [Fact]
    public async Task AppendAsync_SeveralTimes_KeepsTheOrderOfRecording()
    {
        var sink = _store.Sink();
        string[] names = ["first", "second", "third", "fourth", "fifth"];

        foreach (var name in names)
        {
            await sink.AppendAsync(TestSessions.Stored(name: name), CancellationToken.None);
        }

        Assert.Equal(names, (await _store.ReadAllAsync()).Select(s => s.Name));
    }

    [Fact]
    public async Task AppendAsync_MissingStateDirectory_CreatesIt()
    {
        await _store.Sink().AppendAsync(TestSessions.Stored(), CancellationToken.None);

        Assert.True(_store.FileSystem.Directory.Exists(_store.StateDirectory));
    }

    [Fact]
    public async Task AppendAsync_OrphanedTempFiles_RemovesThem()
    {
        _store.Write(CostFiles.Rust);
        _store.WriteBeside(".costs.json.tmp.0123456789abcdef", "[");
        _store.WriteBeside(".costs.json.tmp.fedcba9876543210", string.Empty);

        await _store.Sink().AppendAsync(TestSessions.Stored(), CancellationToken.None);

        Assert.Equal(["costs.json", "costs.json.lock"], _store.FilesInStateDirectory());
    }

    [Fact]
    public async Task AppendAsync_UnrelatedFilesInStateDirectory_KeepsThem()
    {
        _store.Write(CostFiles.Rust);
        _store.WriteBeside(".other.json.tmp.0123456789abcdef", "[");
        _store.WriteBeside("costs.json.corrupt-20261120T091502Z", "[");

        await _store.Sink().AppendAsync(TestSessions.Stored(), CancellationToken.None);

        Assert.Equal(
            [".other.json.tmp.0123456789abcdef", "costs.json", "costs.json.corrupt-20261120T091502Z", "costs.json.lock"],
            _store.FilesInStateDirectory());
    }

    [Theory]
    [MemberData(nameof(Corrupt))]
    public async Task AppendAsync_CorruptFile_ThrowsFormatErrorNamingFileLineAndColumn(string content)
    {
        _store.Write(content);

        var error = await Assert.ThrowsAsync<CostFileFormatException>(
            () => _store.Sink().AppendAsync(TestSessions.Stored(), CancellationToken.None));

        Assert.Contains($"{_store.FilePath} is not a readable cost history at line {error.Line}, column {error.Column}", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(Corrupt))]
    public async Task AppendAsync_CorruptFile_LeavesItByteIdentical(string content)
    {
        _store.Write(content);

        await AssertFailsLeavingFileByteIdenticalAsync<CostFileFormatException>(
            () => _store.Sink().AppendAsync(TestSessions.Stored(), CancellationToken.None));
    }

    [Theory]
    [MemberData(nameof(Corrupt))]
    public async Task UpsertAsync_CorruptFile_LeavesItByteIdentical(string content)
    {
        _store.Write(content);

        await AssertFailsLeavingFileByteIdenticalAsync<CostFileFormatException>(
            () => _store.Sink().UpsertAsync([TestSessions.Stored(id: "kimi:1")], UpsertMode.Apply, CancellationToken.None));
    }

    [Fact]
    public async Task AppendAsync_UnknownTier_ReportsLineAndColumnOfTheTier()
    {
        var content = CostFiles.Rust.Replace("\"Premium\"", "\"Gold\"", StringComparison.Ordinal);
        _store.Write(content);

        var error = await Assert.ThrowsAsync<CostFileFormatException>(
            () => _store.Sink().AppendAsync(TestSessions.Stored(), CancellationToken.None));

        Assert.Equal(TextPosition.Of(content, "\"Gold\""), TextPosition.Of(error));
    }

    [Fact]
    public async Task ClearAsync_ReadableFile_LeavesAnEmptyArray()
    {
        _store.Write(CostFiles.Rust);

        await _store.Sink().ClearAsync(CancellationToken.None);

        Assert.Equal("[]\n", _store.Text());
    }

    [Fact]
    public async Task ClearAsync_ReadableFile_ReportsTheRemovedSessions()
    {
        _store.Write(CostFiles.Rust);

        var outcome = await _store.Sink().ClearAsync(CancellationToken.None);

        Assert.Equal(new ClearOutcome(2, null), outcome);
    }

    [Fact]
    public async Task ClearAsync_CorruptFile_MovesItAsideNamedAfterTheClock()
    {
        _store.Write("[\n  {\"name\": 1}\n");

        var outcome = await _store.Sink().ClearAsync(CancellationToken.None);

        Assert.Equal(_store.FilePath + ".corrupt-20261120T091502Z", outcome.MovedAsideTo);
    }

    [Fact]
    public async Task ClearAsync_CorruptFile_MovedFileIsByteIdentical()
    {
        _store.Write("[\n  {\"name\": 1}\n");
        var before = _store.Bytes();

        var outcome = await _store.Sink().ClearAsync(CancellationToken.None);

        Assert.Equal(before, _store.FileSystem.File.ReadAllBytes(outcome.MovedAsideTo!));
    }

    [Fact]
    public async Task ClearAsync_CorruptFile_LeavesAnEmptyArray()
    {
        _store.Write("[\n  {\"name\": 1}\n");

        await _store.Sink().ClearAsync(CancellationToken.None);

        Assert.Equal("[]\n", _store.Text());
    }

    [Fact]
    public async Task ClearAsync_CorruptFile_ReportsNoSessionCount()
    {
        _store.Write("[\n  {\"name\": 1}\n");

        var outcome = await _store.Sink().ClearAsync(CancellationToken.None);

        Assert.Null(outcome.RemovedSessions);
    }

    [Fact]
    public async Task ClearAsync_SecondCorruptFileAtTheSameInstant_AddsSuffix()
    {
        var sink = _store.Sink();
        _store.Write("not JSON");
        await sink.ClearAsync(CancellationToken.None);
        _store.Write("still not JSON");

        var outcome = await sink.ClearAsync(CancellationToken.None);

        Assert.Equal(_store.FilePath + ".corrupt-20261120T091502Z-2", outcome.MovedAsideTo);
    }

    [Fact]
    public async Task UpsertAsync_NewIds_AppendsThemAfterStoredSessions()
    {
        _store.Write(CostFiles.WithIds("kimi:a"));

        await _store.Sink().UpsertAsync([TestSessions.Stored(id: "kimi:b"), TestSessions.Stored(id: "kimi:c")], UpsertMode.Apply, CancellationToken.None);

        Assert.Equal(["kimi:a", "kimi:b", "kimi:c"], (await _store.ReadAllAsync()).Select(s => s.Id));
    }

    [Fact]
    public async Task UpsertAsync_ChangedSession_ReplacesItInPlace()
    {
        _store.Write(CostFiles.WithIds("kimi:a", "kimi:b", "kimi:c"));
        var changed = TestSessions.Stored(id: "kimi:b", actualUsd: 3m);

        await _store.Sink().UpsertAsync([changed], UpsertMode.Apply, CancellationToken.None);

        var sessions = await _store.ReadAllAsync();
        Assert.Equal(["kimi:a", "kimi:b", "kimi:c"], sessions.Select(s => s.Id));
        Assert.Equal(changed with { ExtraFields = SessionExtraFieldsJson.FromJson("""{"future_field": true}""") }, sessions[1]);
    }

    [Fact]
    public async Task UpsertAsync_ChangedSession_LeavesOtherSessionsBytesUntouched()
    {
        _store.Write(CostFiles.WithIds("kimi:a", "kimi:b", "kimi:c"));

        await _store.Sink().UpsertAsync([TestSessions.Stored(id: "kimi:b", actualUsd: 3m)], UpsertMode.Apply, CancellationToken.None);

        var text = _store.Text();
        Assert.True(
            text.StartsWith("[\n  " + CostFiles.IdSession("kimi:a") + ",\n  {", StringComparison.Ordinal)
            && text.EndsWith(",\n  " + CostFiles.IdSession("kimi:c") + "\n]\n", StringComparison.Ordinal),
            text);
    }

    [Fact]
    public async Task UpsertAsync_ReplacedSessionWithUnknownFields_WritesThemBack()
    {
        _store.Write(CostFiles.WithIds("kimi:a"));
        var stored = Assert.Single(await _store.ReadAllAsync());

        await _store.Sink().UpsertAsync([stored with { ActualUsd = 3m }], UpsertMode.Apply, CancellationToken.None);

        var rewritten = Assert.Single(await _store.ReadAllAsync());
        Assert.Equal((3m, true), (rewritten.ActualUsd, _store.Text().Contains("\"future_field\": true", StringComparison.Ordinal)));
    }

    [Fact]
    public void Location_Always_IsTheFullPathOfTheFile()
    {
        Assert.Equal(_store.FilePath, _store.Sink().Location);
    }

    [Fact]
    public async Task ExistsAsync_MissingFile_IsFalse()
    {
        Assert.False(await _store.Sink().ExistsAsync(CancellationToken.None));
    }

    [Fact]
    public async Task ExistsAsync_UnreadableFile_IsTrue()
    {
        _store.Write("this is not JSON");

        Assert.True(await _store.Sink().ExistsAsync(CancellationToken.None));
    }

    [Fact]
    public async Task UpsertAsync_SessionWithDetails_WritesThemAfterTheIdWithTheirKeys()
    {
        var session = WithDetails(TestSessions.Stored(id: "kimi:a"), project: null);

        await _store.Sink().UpsertAsync([session], UpsertMode.Apply, CancellationToken.None);

        Assert.EndsWith(
            """
                "actual_usd": null,
                "id": "kimi:a",
                "model": "kimi-k2.6",
                "project": null,
                "cache_read_tokens": 2000000,
                "cache_creation_tokens": 18446744073709551615
              }
            ]

            """,
            _store.Text(),
            StringComparison.Ordinal);
    }

    [Fact]
    public async Task UpsertAsync_SessionWithDetails_ReadsBackEqual()
    {
        var session = WithDetails(TestSessions.Stored(id: "kimi:a"), project: "/work/alpha");

        await _store.Sink().UpsertAsync([session], UpsertMode.Apply, CancellationToken.None);

        Assert.Equal(session, Assert.Single(await _store.ReadAllAsync()));
    }

    [Fact]
    public async Task UpsertAsync_SameSessionWithDetailsAgain_LeavesItUnchanged()
    {
        var session = WithDetails(TestSessions.Stored(id: "kimi:a"), project: "/work/alpha");
        await _store.Sink().UpsertAsync([session], UpsertMode.Apply, CancellationToken.None);
        var before = _store.FileSystem.GetFile(_store.FilePath);

        var outcome = await _store.Sink().UpsertAsync([session], UpsertMode.Apply, CancellationToken.None);

        Assert.Equal((new UpsertOutcome(0, 0, 1), before), (outcome, _store.FileSystem.GetFile(_store.FilePath)));
    }

    [Fact]
    public async Task UpsertAsync_DryRun_CountsAsTheUpsertWouldAndWritesNothing()
    {
        _store.Write(CostFiles.WithIds("kimi:a", "kimi:b"));
        var stored = await _store.ReadAllAsync();
        SessionCost[] sessions = [stored[0], stored[1] with { ActualUsd = 1m }, TestSessions.Stored(id: "kimi:c"), TestSessions.Stored(id: "kimi:c")];
        var before = _store.Bytes();

        var planned = await _store.Sink().UpsertAsync(sessions, UpsertMode.DryRun, CancellationToken.None);
        var unchangedFile = _store.Bytes().AsSpan().SequenceEqual(before);
        var applied = await _store.Sink().UpsertAsync(sessions, UpsertMode.Apply, CancellationToken.None);

        Assert.Equal((new UpsertOutcome(Added: 1, Replaced: 1, Unchanged: 2), true, planned), (planned, unchangedFile, applied));
    }

    [Fact]
    public async Task UpsertAsync_DryRunWithoutStateDirectory_CreatesNothing()
    {
        var outcome = await _store.Sink().UpsertAsync([TestSessions.Stored(id: "kimi:a")], UpsertMode.DryRun, CancellationToken.None);

        Assert.Equal((new UpsertOutcome(1, 0, 0), false), (outcome, _store.FileSystem.Directory.Exists(_store.StateDirectory)));
    }

    [Theory]
    [MemberData(nameof(Corrupt))]
    public async Task UpsertAsync_DryRunOnCorruptFile_ThrowsFormatError(string content)
    {
        _store.Write(content);

        await Assert.ThrowsAsync<CostFileFormatException>(
            () => _store.Sink().UpsertAsync([TestSessions.Stored(id: "kimi:1")], UpsertMode.DryRun, CancellationToken.None));
    }

    [Fact]
    public async Task UpsertAsync_IdenticalSession_DoesNotRewriteTheFile()
    {
        _store.Write(CostFiles.WithIds("kimi:a"));
        var stored = Assert.Single(await _store.ReadAllAsync());
        var before = _store.FileSystem.GetFile(_store.FilePath);

        await _store.Sink().UpsertAsync([stored], UpsertMode.Apply, CancellationToken.None);

        Assert.Same(before, _store.FileSystem.GetFile(_store.FilePath));
    }

    [Fact]
    public async Task UpsertAsync_AddedReplacedAndUnchanged_CountsEach()
    {
        _store.Write(CostFiles.WithIds("kimi:a", "kimi:b"));
        var stored = await _store.ReadAllAsync();

        var outcome = await _store.Sink().UpsertAsync(
            [stored[0], stored[1] with { ActualUsd = 1m }, TestSessions.Stored(id: "kimi:c"), TestSessions.Stored(id: "kimi:d")],
            UpsertMode.Apply,
            CancellationToken.None);

        Assert.Equal(new UpsertOutcome(Added: 2, Replaced: 1, Unchanged: 1), outcome);
    }

    [Fact]
    public async Task UpsertAsync_SessionWithoutId_ThrowsAndLeavesFileByteIdentical()
    {
        _store.Write(CostFiles.Rust);

        await AssertFailsLeavingFileByteIdenticalAsync<ArgumentException>(
            () => _store.Sink().UpsertAsync([TestSessions.Stored(id: "kimi:a"), TestSessions.Stored()], UpsertMode.Apply, CancellationToken.None));
    }

    [Fact]
    public async Task AppendAsync_LockHeldElsewhere_ThrowsTimeoutNamingTheLockFile()
    {
        var sink = SinkWithLockHeldElsewhere();

        var error = await Assert.ThrowsAsync<CostStoreLockTimeoutException>(
            () => sink.AppendAsync(TestSessions.Stored(), CancellationToken.None));

        Assert.Equal(
            (_store.LockFilePath, true),
            (error.LockFilePath, error.Message.Contains(_store.LockFilePath, StringComparison.Ordinal)));
    }

    [Fact]
    public async Task AppendAsync_LockHeldElsewhere_LeavesFileByteIdentical()
    {
        _store.Write(CostFiles.Rust);
        var sink = SinkWithLockHeldElsewhere();

        await AssertFailsLeavingFileByteIdenticalAsync<CostStoreLockTimeoutException>(
            () => sink.AppendAsync(TestSessions.Stored(), CancellationToken.None));
    }

    [Fact]
    public async Task AppendAsync_WriteFails_ThrowsStoreErrorNamingTheFile()
    {
        _store.Write(CostFiles.Rust);
        var sink = SinkWhoseTempFileWritesFail();

        var error = await Assert.ThrowsAsync<CostStoreException>(() => sink.AppendAsync(TestSessions.Stored(), CancellationToken.None));

        Assert.Contains(_store.FilePath, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AppendAsync_WriteFails_LeavesFileByteIdentical()
    {
        _store.Write(CostFiles.Rust);
        var sink = SinkWhoseTempFileWritesFail();

        await AssertFailsLeavingFileByteIdenticalAsync<CostStoreException>(
            () => sink.AppendAsync(TestSessions.Stored(), CancellationToken.None));
    }

    [Fact]
    public async Task AppendAsync_WriteFails_LeavesNoTempFile()
    {
        _store.Write(CostFiles.Rust);
        var sink = SinkWhoseTempFileWritesFail();

        await Assert.ThrowsAsync<CostStoreException>(() => sink.AppendAsync(TestSessions.Stored(), CancellationToken.None));

        Assert.Equal(["costs.json", "costs.json.lock"], _store.FilesInStateDirectory());
    }

    [Fact]
    public async Task ReadAllAsync_OpenFails_ThrowsStoreErrorNamingTheFile()
    {
        _store.Write(CostFiles.Rust);
        var fileSystem = FaultyFileSystem.Around(_store.FileSystem, (_, _) => throw new UnauthorizedAccessException("Access denied."));

        var error = await Assert.ThrowsAsync<CostStoreException>(
            async () => await _store.Sink(fileSystem).ReadAllAsync(CancellationToken.None).ToListAsync());

        Assert.Contains(_store.FilePath, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AppendAsync_CancelledToken_ThrowsAndLeavesFileByteIdentical()
    {
        _store.Write(CostFiles.Rust);

        await AssertFailsLeavingFileByteIdenticalAsync<OperationCanceledException>(
            () => _store.Sink().AppendAsync(TestSessions.Stored(), TestSessions.Cancelled()));
    }

    [Fact]
    public async Task AppendAsync_CancelledTokenOnMissingStore_CreatesNothing()
    {
        await Assert.ThrowsAnyAsync<OperationCanceledException>(
            () => _store.Sink().AppendAsync(TestSessions.Stored(), TestSessions.Cancelled()));

        Assert.False(_store.FileSystem.Directory.Exists(_store.StateDirectory));
    }

    [Fact]
    public async Task ClearAsync_CancelledTokenOnCorruptFile_LeavesItInPlace()
    {
        _store.Write("not JSON");

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => _store.Sink().ClearAsync(TestSessions.Cancelled()));

        Assert.Equal(["costs.json"], _store.FilesInStateDirectory());
    }

    [Fact]
    public async Task ReadAllAsync_CancelledToken_Throws()
    {
        _store.Write(CostFiles.Rust);

        await Assert.ThrowsAnyAsync<OperationCanceledException>(
            async () => await _store.Sink().ReadAllAsync(TestSessions.Cancelled()).ToListAsync());
    }

    [Fact]
    public async Task AppendAsync_ManySinksAtOnceOnRealDisk_KeepsEverySessionOnce()
    {
        using var folder = new TempFolder();
        var options = Options.Create(new OmkCostOptions { StateDirectory = folder.Path, LockTimeout = TimeSpan.FromMinutes(5) });
        var sinks = Enumerable.Range(0, 4).Select(_ => new JsonFileCostSink(new System.IO.Abstractions.FileSystem(), options, TimeProvider.System)).ToList();

        await Task.WhenAll(sinks.Select((sink, writer) => Task.Run(async () =>
        {
            for (var record = 0; record < 25; record++)
            {
                await sink.AppendAsync(TestSessions.Stored(name: $"{writer}-{record}"), CancellationToken.None);
            }
        })));

        var names = await sinks[0].ReadAllAsync(CancellationToken.None).Select(s => s.Name).ToListAsync();
        Assert.Equal(100, names.Distinct(StringComparer.Ordinal).Count());
        Assert.Equal(100, names.Count);
    }

    [Fact]
    public void Constructor_NullArguments_NameEachInOrder()
    {
        var options = Options.Create(new OmkCostOptions { StateDirectory = _store.StateDirectory });

        var fileSystem = Assert.Throws<ArgumentNullException>(() => new JsonFileCostSink(null!, null!, null!));
        var missingOptions = Assert.Throws<ArgumentNullException>(() => new JsonFileCostSink(_store.FileSystem, null!, _store.Time));
        var timeProvider = Assert.Throws<ArgumentNullException>(() => new JsonFileCostSink(_store.FileSystem, options, null!));

        Assert.Equal(("fileSystem", "options", "timeProvider"), (fileSystem.ParamName, missingOptions.ParamName, timeProvider.ParamName));
    }

    [Fact]
    public async Task UpsertAsync_NullSessions_ThrowsArgumentNullException()
    {
        var error = await Assert.ThrowsAsync<ArgumentNullException>(() => _store.Sink().UpsertAsync(null!, UpsertMode.Apply, CancellationToken.None));

        Assert.Equal("sessions", error.ParamName);
    }

    [Theory]
    [InlineData(UpsertMode.Apply)]
    [InlineData(UpsertMode.DryRun)]
    public async Task UpsertAsync_SessionWithEmptyId_IsRefusedNamingTheSessionsAndCreatesNothing(UpsertMode mode)
    {
        var error = await Assert.ThrowsAsync<ArgumentException>(() => _store.Sink().UpsertAsync([TestSessions.Stored(id: string.Empty)], mode, CancellationToken.None));

        Assert.Equal(("sessions", false), (error.ParamName, _store.FileSystem.Directory.Exists(_store.StateDirectory)));
    }

    [Fact]
    public async Task UpsertAsync_DryRunWithCancelledTokenAndNoHistory_Throws()
    {
        await Assert.ThrowsAnyAsync<OperationCanceledException>(
            () => _store.Sink().UpsertAsync([TestSessions.Stored(id: "kimi:a")], UpsertMode.DryRun, TestSessions.Cancelled()));
    }

    [Fact]
    public async Task UpsertAsync_DryRunWhoseReadFails_ThrowsStoreErrorNamingTheFile()
    {
        _store.Write(CostFiles.WithIds("kimi:a"));
        var fileSystem = FaultyFileSystem.Around(_store.FileSystem, (path, open) => path == _store.FilePath ? throw new IOException("Input/output error") : open());

        var error = await Assert.ThrowsAsync<CostStoreException>(
            () => _store.Sink(fileSystem).UpsertAsync([TestSessions.Stored(id: "kimi:a")], UpsertMode.DryRun, CancellationToken.None));

        Assert.Equal($"could not read {_store.FilePath}: Input/output error", error.Message);
    }

    [Fact]
    public async Task UpsertAsync_OneAddedAndOneReplaced_WritesBoth()
    {
        _store.Write(CostFiles.WithIds("kimi:a"));

        var outcome = await _store.Sink().UpsertAsync(
            [TestSessions.Stored(id: "kimi:a", actualUsd: 3m), TestSessions.Stored(id: "kimi:b")],
            UpsertMode.Apply,
            CancellationToken.None);

        var sessions = await _store.ReadAllAsync();
        Assert.Equal(new UpsertOutcome(Added: 1, Replaced: 1, Unchanged: 0), outcome);
        Assert.Equal([("kimi:a", (decimal?)3m), ("kimi:b", null)], sessions.Select(session => (session.Id, session.ActualUsd)));
    }

    [Fact]
    public async Task ExistsAsync_CancelledToken_Throws()
    {
        _store.Write(CostFiles.Rust);

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => _store.Sink().ExistsAsync(TestSessions.Cancelled()));
    }

    [Fact]
    public async Task AppendAsync_StoredSessionsWithOtherSeparators_KeepsThemAndTheirSeparatorsByteForByte()
    {
        var first = CostFiles.IdSession("kimi:a");
        var second = CostFiles.IdSession("kimi:b");
        _store.Write("[" + first + " ,  " + second + "]");

        await _store.Sink().AppendAsync(TestSessions.Stored(name: "new"), CancellationToken.None);

        var text = _store.Text();
        Assert.True(text.StartsWith("[\n  " + first + " ,  " + second + ",\n  {\n    \"session_type\": \"team\",\n    \"name\": \"new\",", StringComparison.Ordinal), text);
        Assert.Equal(["kimi:a", "kimi:b", null], (await _store.ReadAllAsync()).Select(session => session.Id));
    }

    [Fact]
    public async Task AppendAsync_ControlCharactersInTheName_StoresThemEscapedAndReadsThemBack()
    {
        var session = TestSessions.Stored(name: "tab\there\u0007bell");

        await _store.Sink().AppendAsync(session, CancellationToken.None);

        Assert.Contains("\"name\": \"tab\\there\\u0007bell\"", _store.Text(), StringComparison.Ordinal);
        Assert.Equal(session, Assert.Single(await _store.ReadAllAsync()));
    }

    [Fact]
    public async Task ClearAsync_ThirdCorruptFileAtTheSameInstant_CountsTheSuffixUp()
    {
        _store.Write("not JSON");
        _store.WriteBeside("costs.json.corrupt-20261120T091502Z", "first");
        _store.WriteBeside("costs.json.corrupt-20261120T091502Z-2", "second");

        var outcome = await _store.Sink().ClearAsync(CancellationToken.None);

        Assert.Equal(_store.FilePath + ".corrupt-20261120T091502Z-3", outcome.MovedAsideTo);
        Assert.Equal("not JSON", _store.FileSystem.File.ReadAllText(outcome.MovedAsideTo!));
    }

    [Fact]
    public async Task AssignIdsAsync_SessionsWithoutId_GivesThemIdsAndKeepsTheRestByteForByte()
    {
        _store.Write("[\n  " + CostFiles.IdSession("kimi:a") + ",\n  " + CostFiles.RustTeamSession + ",\n  " + CostFiles.RustAutopilotSession + "\n]\n");
        var given = new List<string>();

        var assigned = await _store.Sink().AssignIdsAsync(
            session =>
            {
                given.Add(session.Name);
                return "local:" + session.Name;
            },
            CancellationToken.None);

        var sessions = await _store.ReadAllAsync();
        Assert.Equal(2, assigned);
        Assert.Equal(["refactor-auth", "ship-it"], given);
        Assert.Equal(["kimi:a", "local:refactor-auth", "local:ship-it"], sessions.Select(session => session.Id));
        Assert.StartsWith("[\n  " + CostFiles.IdSession("kimi:a") + ",\n  {", _store.Text(), StringComparison.Ordinal);
        Assert.Contains("\"future_field\": {", _store.Text(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task AssignIdsAsync_SessionWithoutId_AddsOnlyItsIdMemberAndKeepsEveryOtherByte()
    {
        var before = "[\n  " + CostFiles.RustTeamSession + ",\n  {\"id\": null, \"session_type\": \"kimi\", \"name\": \"n\", \"started_at\": \"2026-11-20T09:15:02.123456789Z\", \"ended_at\": null, \"estimate\": {\"input_tokens\": 1, \"output_tokens\": 2, \"duration_secs\": 0, \"worker_count\": 1, \"estimated_usd\": 0.5, \"tier\": \"Premium\", \"future\": [1.50]}, \"actual_usd\": null}\n]\n";
        _store.Write(before);

        await _store.Sink().AssignIdsAsync(session => "local:" + session.Name, CancellationToken.None);

        var first = CostFiles.RustTeamSession.IndexOf('{', StringComparison.Ordinal);
        var space = CostFiles.RustTeamSession[(first + 1)..(first + 1 + CostFiles.RustTeamSession[(first + 1)..].IndexOf('"', StringComparison.Ordinal))];
        var expected = before
            .Replace(CostFiles.RustTeamSession, CostFiles.RustTeamSession[..(first + 1)] + space + "\"id\": \"local:refactor-auth\"," + CostFiles.RustTeamSession[(first + 1)..], StringComparison.Ordinal)
            .Replace("{\"id\": null,", "{\"id\": \"local:n\",", StringComparison.Ordinal);
        Assert.Equal(expected, _store.Text());
    }

    [Fact]
    public async Task AssignIdsAsync_IdAlreadyHeld_AsksAgainAndNeverGivesItTwice()
    {
        _store.Write("[\n  " + CostFiles.IdSession("taken") + ",\n  " + CostFiles.RustTeamSession + "\n]\n");
        var answers = new Queue<string>(["taken", "free"]);

        var assigned = await _store.Sink().AssignIdsAsync(_ => answers.Dequeue(), CancellationToken.None);

        Assert.Equal(1, assigned);
        Assert.Equal(["taken", "free"], (await _store.ReadAllAsync()).Select(session => session.Id));
    }

    [Fact]
    public async Task AssignIdsAsync_EverySessionHasAnId_RewritesNothing()
    {
        _store.Write("[" + CostFiles.IdSession("kimi:a") + "]");
        var before = _store.FileSystem.GetFile(_store.FilePath);

        var assigned = await _store.Sink().AssignIdsAsync(session => "local:" + session.Name, CancellationToken.None);

        Assert.Equal((0, before), (assigned, _store.FileSystem.GetFile(_store.FilePath)));
    }

    [Fact]
    public async Task AssignIdsAsync_NoHistory_CreatesNone()
    {
        var assigned = await _store.Sink().AssignIdsAsync(session => "local:" + session.Name, CancellationToken.None);

        Assert.Equal((0, false), (assigned, _store.FileSystem.File.Exists(_store.FilePath)));
    }

    [Fact]
    public async Task AssignIdsAsync_NullFunction_ThrowsArgumentNullException()
    {
        var error = await Assert.ThrowsAsync<ArgumentNullException>(() => _store.Sink().AssignIdsAsync(null!, CancellationToken.None));

        Assert.Equal("idFor", error.ParamName);
    }

    [Fact]
    public async Task UpsertAsync_ManyNewSessions_WritesTheFileInChunksOfAtLeast64KiB()
    {
        var writes = new List<int>();
        var fileSystem = FaultyFileSystem.Around(
            _store.FileSystem,
            (path, open) => FaultyFileSystem.IsTempFile(path) ? new RecordingWriteStream(open(), writes) : open());
        var sessions = Enumerable.Range(0, 1000).Select(index => TestSessions.Stored(id: $"kimi:{index}")).ToList();

        await _store.Sink(fileSystem).UpsertAsync(sessions, UpsertMode.Apply, CancellationToken.None);

        Assert.Equal(_store.Bytes().Length, writes.Sum());
        Assert.InRange(writes.Count, 2, _store.Bytes().Length / (64 * 1024) + 1);
        Assert.All(writes[..^1], length => Assert.True(length >= 64 * 1024, $"a write of {length} bytes"));
    }

    /// <summary>Asserts that <paramref name="act"/> fails with <typeparamref name="TException"/> and leaves the file as it was, byte for byte.</summary>
    private async Task AssertFailsLeavingFileByteIdenticalAsync<TException>(Func<Task> act)
        where TException : Exception
    {
        var before = _store.Bytes();

        await Assert.ThrowsAnyAsync<TException>(act);

        Assert.Equal(before, _store.Bytes());
    }

    private JsonFileCostSink SinkWithLockHeldElsewhere()
    {
        var fileSystem = FaultyFileSystem.Around(
            _store.FileSystem,
            (path, open) => path == _store.LockFilePath ? throw FaultyFileSystem.LockHeldElsewhere(path) : open());
        return _store.Sink(fileSystem, TimeProvider.System, TimeSpan.FromMilliseconds(50));
    }

    private JsonFileCostSink SinkWhoseTempFileWritesFail()
    {
        var fileSystem = FaultyFileSystem.Around(
            _store.FileSystem,
            (path, open) => FaultyFileSystem.IsTempFile(path) ? new FailingWriteStream(open()) : open());
        return _store.Sink(fileSystem);
    }

    /// <summary>A file stream that records the length of every write.</summary>
    private sealed class RecordingWriteStream(System.IO.Abstractions.FileSystemStream inner, List<int> writes) : System.IO.Abstractions.FileSystemStream(inner, inner.Name, inner.IsAsync)
    {
        public override void Write(byte[] buffer, int offset, int count)
        {
            writes.Add(count);
            base.Write(buffer, offset, count);
        }

        public override void Write(ReadOnlySpan<byte> buffer)
        {
            writes.Add(buffer.Length);
            base.Write(buffer);
        }

        public override Task WriteAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken)
        {
            writes.Add(count);
            return base.WriteAsync(buffer, offset, count, cancellationToken);
        }

        public override ValueTask WriteAsync(ReadOnlyMemory<byte> buffer, CancellationToken cancellationToken = default)
        {
            writes.Add(buffer.Length);
            return base.WriteAsync(buffer, cancellationToken);
        }

        protected override void Dispose(bool disposing)
        {
            if (disposing)
            {
                inner.Dispose();
            }

            base.Dispose(disposing);
        }
    }

    private static SessionCost WithDetails(SessionCost session, string? project) => session with
    {
        Details = new SessionUsageDetails { Model = "kimi-k2.6", Project = project, CacheReadTokens = 2_000_000, CacheCreationTokens = ulong.MaxValue },
    };
}
