using Omk.Cost.Adapters.Kimi.Reading;

namespace Omk.Cost.Adapters.Kimi.Tests.Reading;

public sealed class FileDiagnosticsTests
{
    [Fact]
    public void ToWarning_OneLineOfOne_SaysLineInTheSingular()
    {
        var diagnostics = new FileDiagnostics("/k/wire.jsonl");
        diagnostics.Record(WireLineKind.InvalidJson, 1, lastLineUnterminated: false);

        Assert.Equal("skipped 1 of 1 line (1 not valid JSON), the first at line 1", diagnostics.ToWarning(1)!.Message);
    }

    [Fact]
    public void ToWarning_NothingSkipped_IsNoWarning()
    {
        Assert.Null(new FileDiagnostics("/k/wire.jsonl").ToWarning(3));
    }
}
