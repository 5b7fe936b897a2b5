namespace Omk.Cost.Domain.Tests;

/// <summary>What the tracker refuses to record, and the zero-cost session it accepts.</summary>
public sealed class CostTrackerValidationTests
{
    [Fact]
    public async Task RecordAsync_ZeroCostSession_IsRecorded()
    {
        var tracker = TestSessions.Tracker();

        await tracker.RecordAsync(TestSessions.Create(estimatedUsd: 0m, actualUsd: 0m));

        var session = Assert.Single(await tracker.LoadAsync());
        Assert.Equal(0m, session.Estimate.EstimatedUsd);
        Assert.Equal(0m, session.ActualUsd);
    }

    [Theory]
    [InlineData("type", "A session needs a type.")]
    [InlineData("name", "A session needs a name.")]
    [InlineData("order", "A session cannot end before it starts.")]
    [InlineData("estimate", "A cost cannot be negative.")]
    [InlineData("actual", "A cost cannot be negative.")]
    public async Task RecordAsync_InvalidSession_IsRefusedSayingWhy(string fault, string message)
    {
        var valid = TestSessions.Create();
        var session = fault switch
        {
            "type" => valid with { SessionType = " " },
            "name" => valid with { Name = "" },
            "order" => valid with { EndedAt = valid.StartedAt.AddSeconds(-1) },
            "estimate" => TestSessions.Create(estimatedUsd: -0.0001m),
            _ => TestSessions.Create(actualUsd: -0.0001m),
        };

        var exception = await Assert.ThrowsAsync<ArgumentException>(() => TestSessions.Tracker().RecordAsync(session));

        Assert.StartsWith(message, exception.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task UpsertAsync_SessionWithoutId_IsRefusedSayingWhy()
    {
        var exception = await Assert.ThrowsAsync<ArgumentException>(() => TestSessions.Tracker().UpsertAsync([TestSessions.Create()]));

        Assert.StartsWith("Every session stored by identity needs an id.", exception.Message, StringComparison.Ordinal);
    }
}
