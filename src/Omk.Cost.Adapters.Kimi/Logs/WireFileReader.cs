using System.IO.Abstractions;
using Omk.Cost.Domain.Usage;

namespace Omk.Cost.Adapters.Kimi.Logs;

/// <summary>
/// Streams one <c>wire.jsonl</c> into a session's <see cref="SessionCallCollector"/>, line by line, skipping and
/// counting what cannot be used, and reporting that in one warning for the file.
/// </summary>
internal static class WireFileReader
{
    /// <summary>No buffering in the stream: <see cref="JsonlLineReader"/> reads in large blocks into its own buffer.</summary>
    private const int StreamBufferBytes = 1;
    private const int LinesBetweenCancellationChecks = 4096;

    /// <summary>The model of a call whose model nothing names.</summary>
    public const string UnknownModel = "unknown";

    public static void Read(
        IFileSystem fileSystem,
        string path,
        WireFormat format,
        string agent,
        string model,
        SessionCallCollector collector,
        ICollection<KimiLogWarning> warnings,
        CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        var diagnostics = new FileDiagnostics(path);
        long lines = 0;
        try
        {
            // Kimi may be appending to a live session's log: share it for writing and deletion.
            using var stream = fileSystem.FileStream.New(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete, StreamBufferBytes, FileOptions.SequentialScan);
            using var reader = new JsonlLineReader(stream);
            while (reader.TryReadLine(out var text))
            {
                lines = reader.LineNumber;
                if (lines % LinesBetweenCancellationChecks == 0)
                {
                    cancellationToken.ThrowIfCancellationRequested();
                }

                var line = reader.LineTooLong
                    ? new WireLine { Kind = WireLineKind.TooLong }
                    : format == WireFormat.KimiCli ? KimiCliWireParser.Parse(text, validateWhole: !reader.LineTerminated) : KimiCodeWireParser.Parse(text);
                if (line.Timestamp is { } timestamp)
                {
                    collector.See(timestamp);
                }

                if (line.Kind == WireLineKind.Usage)
                {
                    var call = new UsageCall(line.Timestamp!.Value, line.Model ?? model, line.Usage);
                    collector.Add(path, line.AgentId ?? agent, line.MessageId, call);
                }
                else
                {
                    diagnostics.Record(line.Kind, reader.LineNumber, !reader.LineTerminated);
                }
            }
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
        {
            warnings.Add(new KimiLogWarning(path, $"cannot be read, the rest of it skipped: {exception.Message}"));
        }

        if (diagnostics.ToWarning(lines) is { } warning)
        {
            warnings.Add(warning);
        }
    }
}
