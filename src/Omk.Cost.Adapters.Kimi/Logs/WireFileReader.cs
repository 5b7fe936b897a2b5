using System.IO.Abstractions;
using Omk.Cost.Domain.Usage;

namespace Omk.Cost.Adapters.Kimi.Logs;

/// <summary>
/// Streams one <c>wire.jsonl</c> into a <see cref="WireFileCalls"/>, line by line, skipping and counting what cannot
/// be used, and reporting that in one warning for the file.
/// </summary>
internal static class WireFileReader
{
    /// <summary>No buffering in the stream: <see cref="JsonlLineReader"/> reads in large blocks into its own buffer.</summary>
    private const int StreamBufferBytes = 1;
    private const int LinesBetweenCancellationChecks = 4096;

    /// <summary>The model of a call whose model nothing names.</summary>
    public const string UnknownModel = "unknown";

    /// <summary>Reads one log.</summary>
    /// <param name="fileSystem">The file system.</param>
    /// <param name="path">The log.</param>
    /// <param name="format">Its format.</param>
    /// <param name="agent">The agent whose log it is: empty for the session's own, else the subagent's id.</param>
    /// <param name="model">The model of the agent's calls whose lines do not name one.</param>
    /// <param name="agentModels">The models of subagents by id, for the subagent events wrapped in the log.</param>
    /// <param name="warnings">Receives what could not be used.</param>
    /// <param name="cancellationToken">The token to monitor for cancellation requests.</param>
    /// <returns>The calls of the file.</returns>
    public static WireFileCalls Read(
        IFileSystem fileSystem,
        string path,
        WireFormat format,
        string agent,
        string model,
        IReadOnlyDictionary<string, string> agentModels,
        ICollection<KimiLogWarning> warnings,
        CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        var file = new WireFileCalls(path, agent);
        var diagnostics = new FileDiagnostics(path);
        Dictionary<(string, DateTimeOffset, TokenUsage), int>? ranks = null;
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
                switch (line.Kind)
                {
                    case WireLineKind.Usage:
                        file.See(line.Timestamp!.Value);
                        var callAgent = line.AgentId ?? agent;
                        var callModel = line.Model
                            ?? (line.AgentId is { } wrapped && agentModels.TryGetValue(wrapped, out var subagentModel) ? subagentModel : model);
                        var call = new UsageCall(line.Timestamp.Value, callModel, line.Usage);
                        UInt128 key;
                        if (line.MessageId is { } id)
                        {
                            key = id;
                        }
                        else
                        {
                            ranks ??= [];
                            ref var rank = ref System.Runtime.InteropServices.CollectionsMarshal.GetValueRefOrAddDefault(ranks, (callAgent, call.Timestamp, call.Usage), out _);
                            key = CallKey.WithoutMessageId(callAgent, call.Timestamp, call.Usage, rank++);
                        }

                        file.Calls.Add(new KeyedCall(key, line.MessageId is not null, callAgent, call));
                        break;
                    case WireLineKind.Forked:
                        // Everything before the last forked record was copied from the source session.
                        file.Forked = true;
                        file.Calls.Clear();
                        ranks?.Clear();
                        file.First = file.Last = null;
                        if (line.Timestamp is { } forkedAt)
                        {
                            file.See(forkedAt);
                        }

                        break;
                    case WireLineKind.ModelRequest:
                        file.ModelOfAlias[line.ModelAlias!.Trim()] = line.Model!.Trim();
                        if (line.Timestamp is { } requestedAt)
                        {
                            file.See(requestedAt);
                        }

                        break;
                    default:
                        if (line.Timestamp is { } timestamp)
                        {
                            file.See(timestamp);
                        }

                        diagnostics.Record(line.Kind, reader.LineNumber, !reader.LineTerminated);
                        break;
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

        return file;
    }
}
