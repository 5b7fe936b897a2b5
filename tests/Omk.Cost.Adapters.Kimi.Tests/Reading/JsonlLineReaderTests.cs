using System.Text;
using Omk.Cost.Adapters.Kimi.Reading;

namespace Omk.Cost.Adapters.Kimi.Tests.Reading;

public sealed class JsonlLineReaderTests
{
    [Fact]
    public void TryReadLine_CrLfLines_ReturnsLinesWithoutLineEnds()
    {
        Assert.Equal(["a", "b"], ReadAll("a\r\nb\r\n").Select(l => l.Text));
    }

    [Fact]
    public void TryReadLine_LastLineWithoutLineFeed_ReturnsItAsUnterminated()
    {
        var lines = ReadAll("a\nb");

        Assert.Equal(("b", false), (lines[1].Text, lines[1].Terminated));
    }

    [Fact]
    public void TryReadLine_LineLongerThanBuffer_ReturnsItWhole()
    {
        var longLine = new string('x', 300_000);

        var lines = ReadAll($"short\n{longLine}\nend\n");

        Assert.Equal(["short", longLine, "end"], lines.Select(l => l.Text));
    }

    [Fact]
    public void TryReadLine_ByteOrderMark_IsDropped()
    {
        Assert.Equal("{}", ReadAll("\uFEFF{}\n")[0].Text);
    }

    [Fact]
    public void LineNumber_AfterThreeLines_IsThree()
    {
        using var reader = new JsonlLineReader(new MemoryStream(Encoding.UTF8.GetBytes("1\n2\n3\n")));
        while (reader.TryReadLine(out _))
        {
        }

        Assert.Equal(3, reader.LineNumber);
    }

    private static List<(string Text, bool Terminated)> ReadAll(string content)
    {
        using var reader = new JsonlLineReader(new MemoryStream(Encoding.UTF8.GetBytes(content)));
        var lines = new List<(string, bool)>();
        while (reader.TryReadLine(out var line))
        {
            lines.Add((Encoding.UTF8.GetString(line), reader.LineTerminated));
        }

        return lines;
    }
}
