namespace Omk.Cost.Domain.Tests;

public sealed class SessionCostTests
{
    [Fact]
    public void EffectiveUsd_ActualCostKnown_IsTheActualCost()
    {
        var session = TestSessions.Create(estimatedUsd: 1m, actualUsd: 0.25m);

        Assert.Equal(0.25m, session.EffectiveUsd);
    }

    [Fact]
    public void EffectiveUsd_ActualCostUnknown_IsTheEstimate()
    {
        var session = TestSessions.Create(estimatedUsd: 1m);

        Assert.Equal(1m, session.EffectiveUsd);
    }
}
