using System.Text;

namespace Omk.Cost.Adapters.FileSystem.Tests;

public sealed class HistoryScannerTests
{
    private const string FilePath = "/state/costs.json";

    /// <summary>A valid session on one line.</summary>
    private const string Session = """{"session_type": "team", "name": "a", "started_at": "2026-11-20T09:15:02Z", "estimate": {"input_tokens": 1, "output_tokens": 2, "duration_secs": 3, "worker_count": 1, "estimated_usd": 0.5, "tier": "Budget"}}""";

    [Fact]
    public void Scan_RootNotAnArray_SaysTheFileMustHoldAnArrayOfSessions()
    {
        var exception = ScanFails("\n  {}");

        Assert.Equal($"{FilePath} is not a readable cost history at line 2, column 3: the file must hold a JSON array of sessions", exception.Message);
    }

    [Fact]
    public void Scan_SessionNotAnObject_NamesItsNumberLineAndColumn()
    {
        var exception = ScanFails("[\n  " + Session + ",\n  " + Session + ",\n  7\n]");

        Assert.Equal($"{FilePath} is not a readable cost history at line 4, column 3: session 3 is not a JSON object", exception.Message);
    }

    [Fact]
    public void Scan_InvalidSessionAfterAValidOne_NamesItsNumberAndTheValueAtFault()
    {
        var text = "[\n  " + Session + ",\n  " + Session.Replace("\"Budget\"", "\"Gold\"", StringComparison.Ordinal) + "\n]";

        var exception = ScanFails(text);

        var column = Session.IndexOf("\"Budget\"", StringComparison.Ordinal) + 3;
        Assert.Equal(
            $"{FilePath} is not a readable cost history at line 3, column {column}: session 2: \"estimate.tier\" must be \"Budget\", \"Standard\" or \"Premium\"",
            exception.Message);
    }

    [Fact]
    public void Scan_TrailingCommaAfterTheLastSession_IsAnError()
    {
        var exception = ScanFails("[\n  " + Session + ",\n]");

        Assert.Equal(
            $"{FilePath} is not a readable cost history at line 3, column 1: The JSON array contains a trailing comma at the end which is not supported in this mode. Change the reader options.",
            exception.Message);
    }

    [Fact]
    public void Scan_NotJsonOnALaterLine_GivesItsLineAndColumnWithoutTheReadersOwnPosition()
    {
        var exception = ScanFails("[\n  " + Session + ",\n  tru]");

        Assert.Equal(
            ($"'tru]' is an invalid JSON literal. Expected the literal 'true'.", 3L, 6L),
            (exception.Reason, exception.Line, exception.Column));
    }

    [Theory]
    [InlineData(0)]
    [InlineData(2)] // the array is closed in an earlier piece
    public void Scan_TextAfterTheArray_IsAnError(int cut)
    {
        var exception = Assert.Throws<CostFileFormatException>(() => InPieces("[]\n []", cut));

        Assert.Equal($"{FilePath} is not a readable cost history at line 2, column 2: '[' is invalid after a single JSON value. Expected end of data.", exception.Message);
    }

    [Fact]
    public void Scan_ArrayNeverClosed_IsAnError()
    {
        var exception = ScanFails("[\n  " + Session + "\n");

        Assert.Equal(
            $"{FilePath} is not a readable cost history at line 3, column 1: Expected depth to be zero at the end of the JSON payload. There is an open JSON object or array that should be closed.",
            exception.Message);
    }

    [Fact]
    public void Scan_KeyWithAnEscapedLoneSurrogate_IsAFormatErrorAtTheKey()
    {
        var session = Session.Replace("\"name\"", "\"\\ud800\": 1, \"name\"", StringComparison.Ordinal);

        var exception = ScanFails("[\n  " + session + "\n]");

        Assert.Equal(
            $"{FilePath} is not a readable cost history at line 2, column {session.IndexOf("\"\\ud800", StringComparison.Ordinal) + 3}: session 1: a key holds bytes that are not valid UTF-8 text (or an escaped lone surrogate)",
            exception.Message);
    }

    [Fact]
    public void Scan_TwoSessions_CountsThemAndIsComplete()
    {
        var scanner = new HistoryScanner(FilePath, materialize: true);
        var found = new List<ScannedSession>();

        scanner.Scan(Bytes("[" + Session + ", " + Session + "]"), isFinalBlock: true, found);

        Assert.Equal((2, 2, true), (scanner.Count, found.Count, scanner.Complete));
    }

    [Fact]
    public void Scan_ArrayNotYetClosed_IsNotComplete()
    {
        var scanner = new HistoryScanner(FilePath, materialize: true);

        scanner.Scan(Bytes("[" + Session), isFinalBlock: false, []);

        Assert.Equal((1, false), (scanner.Count, scanner.Complete));
    }

    [Fact]
    public void Scan_PieceEndingInsideASession_ReadsTheWholeOnesAndLeavesTheRest()
    {
        var scanner = new HistoryScanner(FilePath, materialize: true);
        var found = new List<ScannedSession>();

        var consumed = scanner.Scan(Bytes("[" + Session + ", " + Session[..10]), isFinalBlock: false, found);

        Assert.Equal((1, 1 + Session.Length), (found.Count, consumed));
    }

    [Fact]
    public void Scan_InPieces_FindsTheSessionsAtTheirOffsetsInTheWholeFile()
    {
        var text = "[\n  " + Session + ",\n  " + Session + ",\n  " + Session + "\n]\n";
        var whole = Whole(text);

        var pieces = InPieces(text, 20, Session.Length + 10, (2 * Session.Length) + 12);

        Assert.Equal(
            whole.Select(s => (s.Offset, s.Length, s.Session)),
            pieces.Select(s => (s.Offset, s.Length, s.Session)));
    }

    [Theory]
    [InlineData(1)] // the second piece is empty, the third holds both sessions and their newlines
    [InlineData(40)] // the second piece ends inside the first session
    [InlineData(212)] // the second piece holds the first session, its only newline at its start
    public void Scan_ErrorInALaterPiece_GivesItsLineAndColumnInTheWholeFile(int cut)
    {
        var text = "[\n  " + Session + ",\n  " + Session + ", 7\n]\n";
        var afterSecond = text.LastIndexOf(',') + 1;

        var exception = Assert.Throws<CostFileFormatException>(() => InPieces(text, 1, Math.Min(cut, afterSecond), afterSecond));

        Assert.Equal($"{FilePath} is not a readable cost history at line 3, column {Session.Length + 5}: session 3 is not a JSON object", exception.Message);
    }

    [Fact]
    public void Scan_PieceStartingWithTheNewlineBeforeTheError_CountsColumnsFromIt()
    {
        var exception = Assert.Throws<CostFileFormatException>(() => InPieces("[\n7]", 1));

        Assert.Equal($"{FilePath} is not a readable cost history at line 2, column 1: session 1 is not a JSON object", exception.Message);
    }

    [Fact]
    public void Scan_ArrayLeftOpenAndOnlyWhiteSpaceInTheLastPiece_IsAnError()
    {
        var exception = Assert.Throws<CostFileFormatException>(() => InPieces("[\n  \n", 1));

        Assert.Equal(
            $"{FilePath} is not a readable cost history at line 3, column 1: Expected depth to be zero at the end of the JSON payload. There is an open JSON object or array that should be closed.",
            exception.Message);
    }

    private static byte[] Bytes(string text) => Encoding.UTF8.GetBytes(text);

    private static CostFileFormatException ScanFails(string text) =>
        Assert.Throws<CostFileFormatException>(() => Whole(text));

    private static List<ScannedSession> Whole(string text)
    {
        var found = new List<ScannedSession>();
        new HistoryScanner(FilePath, materialize: true).Scan(Bytes(text), isFinalBlock: true, found);
        return found;
    }

    /// <summary>
    /// Scans the text as the sink reads a file: in pieces ending at the given offsets, each unconsumed tail passed
    /// again at the start of the next piece.
    /// </summary>
    private static List<ScannedSession> InPieces(string text, params int[] ends)
    {
        var bytes = Bytes(text);
        var scanner = new HistoryScanner(FilePath, materialize: true);
        var found = new List<ScannedSession>();
        var start = 0;
        foreach (var end in ends.Where(e => e < bytes.Length).Append(bytes.Length))
        {
            start += scanner.Scan(bytes.AsSpan(start, end - start), end == bytes.Length, found);
        }

        return found;
    }
}
