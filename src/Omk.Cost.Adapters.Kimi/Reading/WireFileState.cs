using System.Runtime.InteropServices;
using Omk.Cost.Adapters.Kimi.Caching;
using Omk.Cost.Domain.Usage;
using Omk.Runtime.Atomic;

namespace Omk.Cost.Adapters.Kimi.Reading;

/// <summary>
/// What one log file held from its start up to a byte offset: its model calls as written (each with its message id,
/// so that calls are matched across files and sessions after the reading), the span of its timestamps and the lines
/// it had to skip. The index keeps the state of each file up to its last complete line, and a later read goes on
/// from there.
/// </summary>
internal sealed class WireFileState
{
    private Dictionary<(string Agent, long Ticks, TokenUsage Usage), int>? _ranks;
    private Dictionary<(string Agent, UInt128 Id), int>? _occurrences;

    private WireFileState(string path, WireFormat format, string agent, FileDiagnostics diagnostics, List<string> strings, List<FileCall> calls, Dictionary<string, string> modelOfAlias)
    {
        Path = path;
        Format = format;
        Agent = agent;
        Diagnostics = diagnostics;
        Strings = strings;
        Calls = calls;
        ModelOfAlias = modelOfAlias;
    }

    /// <summary>Gets the file's path.</summary>
    public string Path { get; }

    /// <summary>Gets the log format the file was read as.</summary>
    public WireFormat Format { get; }

    /// <summary>Gets the agent whose log the file is: empty for the session's own, else the subagent's id (from its path).</summary>
    public string Agent { get; }

    /// <summary>Gets or sets a value indicating whether the file holds a Kimi Code <c>forked</c> record.</summary>
    public bool Forked { get; set; }

    /// <summary>Gets the API model of each alias, from the file's Kimi Code <c>llm.request</c> records (the last one wins).</summary>
    public Dictionary<string, string> ModelOfAlias { get; }

    /// <summary>Gets or sets the stamp the file had when the reading started.</summary>
    public FileStamp Stamp { get; set; }

    /// <summary>Gets or sets the byte offset read up to: the end of the last complete line.</summary>
    public long Offset { get; set; }

    /// <summary>Gets or sets the number of lines before <see cref="Offset"/>.</summary>
    public long Lines { get; set; }

    /// <summary>Gets or sets the hash of the file's first bytes (up to <see cref="KimiIndexFormat.HashedBytes"/>, not past the offset).</summary>
    public ulong HeadHash { get; set; }

    /// <summary>Gets or sets the hash of the bytes just before the offset (up to <see cref="KimiIndexFormat.HashedBytes"/>).</summary>
    public ulong TailHash { get; set; }

    /// <summary>Gets or sets the earliest timestamp of any line, in UTC ticks, or null.</summary>
    public long? FirstTicks { get; set; }

    /// <summary>Gets or sets the latest timestamp of any line, in UTC ticks, or null.</summary>
    public long? LastTicks { get; set; }

    /// <summary>Gets the lines skipped so far.</summary>
    public FileDiagnostics Diagnostics { get; }

    /// <summary>Gets the models and agent ids the calls name.</summary>
    public List<string> Strings { get; }

    /// <summary>Gets the calls, in the order of the file.</summary>
    public List<FileCall> Calls { get; }

    /// <summary>Gets the moment, in UTC ticks, of each retried request the file tells of (<see cref="WireLineKind.Retry"/>).</summary>
    public List<long> RetryTicks { get; } = [];

    /// <summary>Gets or sets a value indicating whether the state may be kept in the index (not after a read error).</summary>
    public bool Cacheable { get; set; } = true;

    /// <summary>
    /// Gets or sets a value indicating whether the file changed so shortly before the index was written that a later
    /// change could leave the same stamp; such a file is read again from its start next time.
    /// </summary>
    public bool Racy { get; set; }

    public static WireFileState Empty(string path, WireFormat format, string agent) =>
        new(path, format, agent, new FileDiagnostics(path), [], [], new Dictionary<string, string>(StringComparer.Ordinal));

    public static WireFileState Restore(string path, WireFormat format, string agent, FileDiagnostics diagnostics, List<string> strings, List<FileCall> calls, Dictionary<string, string> modelOfAlias) =>
        new(path, format, agent, diagnostics, strings, calls, modelOfAlias);

    /// <summary>Copies the state, to add lines to it while this one stays as it is.</summary>
    /// <returns>The copy.</returns>
    public WireFileState Clone()
    {
        var clone = CloneWithoutRetries();
        clone.RetryTicks.AddRange(RetryTicks);
        return clone;
    }

    private WireFileState CloneWithoutRetries() => new(Path, Format, Agent, Diagnostics.Clone(), [.. Strings], [.. Calls], new Dictionary<string, string>(ModelOfAlias, StringComparer.Ordinal))
    {
        Forked = Forked,
        Stamp = Stamp,
        Offset = Offset,
        Lines = Lines,
        HeadHash = HeadHash,
        TailHash = TailHash,
        FirstTicks = FirstTicks,
        LastTicks = LastTicks,
        Cacheable = Cacheable,
    };

    /// <summary>Adds one parsed line.</summary>
    /// <param name="line">The line.</param>
    /// <param name="lineNumber">Its 1-based number in the file.</param>
    /// <param name="terminated">Whether it ended with a line feed.</param>
    public void Add(in WireLine line, long lineNumber, bool terminated)
    {
        switch (line.Kind)
        {
            case WireLineKind.Usage:
                See(line.Timestamp!.Value);
                var callAgent = line.AgentId ?? Agent;
                var usage = line.Usage;
                var ticks = line.Timestamp.Value.UtcTicks;
                UInt128 key;
                var occurrence = 0;
                if (line.MessageId is { } id)
                {
                    // The id as written and its occurrence: the key is made of both when the calls are taken.
                    key = id;
                    ref var seen = ref CollectionsMarshal.GetValueRefOrAddDefault(Occurrences(), (callAgent, id), out _);
                    occurrence = seen++;
                }
                else
                {
                    ref var rank = ref CollectionsMarshal.GetValueRefOrAddDefault(Ranks(), (callAgent, ticks, usage), out _);
                    key = CallKey.WithoutMessageId(callAgent, line.Timestamp.Value, usage, rank++);
                }

                Calls.Add(new FileCall
                {
                    UtcTicks = ticks,
                    InputOther = usage.InputOther,
                    CacheRead = usage.CacheRead,
                    CacheCreation = usage.CacheCreation,
                    Output = usage.Output,
                    IdLow = (ulong)key,
                    IdHigh = (ulong)(key >> 64),
                    HasId = line.MessageId.HasValue ? 1 : 0,
                    Occurrence = occurrence,
                    Model = StringIndex(line.Model),
                    Agent = StringIndex(line.AgentId),
                });
                break;
            case WireLineKind.Forked:
                // Everything before the last forked record was copied from the source session.
                Forked = true;
                Calls.Clear();
                RetryTicks.Clear();
                _ranks?.Clear();
                _occurrences?.Clear();
                FirstTicks = LastTicks = null;
                if (line.Timestamp is { } forkedAt)
                {
                    See(forkedAt);
                }

                break;
            case WireLineKind.Retry:
                if (line.Timestamp is { } retriedAt)
                {
                    See(retriedAt);
                    RetryTicks.Add(retriedAt.UtcTicks);
                }

                break;
            case WireLineKind.ModelRequest:
                ModelOfAlias[line.ModelAlias!.Trim()] = line.Model!.Trim();
                if (line.Timestamp is { } requestedAt)
                {
                    See(requestedAt);
                }

                break;
            default:
                if (line.Timestamp is { } timestamp)
                {
                    See(timestamp);
                }

                Diagnostics.Record(line.Kind, lineNumber, !terminated);
                break;
        }
    }

    /// <summary>
    /// Gives the file's calls their models: the one the line names, else the wrapped subagent's (from its
    /// <c>meta.json</c>), else the model of the file's agent.
    /// </summary>
    /// <param name="model">The model of the file's agent's calls whose lines name none.</param>
    /// <param name="agentModels">The models of subagents by id.</param>
    /// <returns>The calls of the file, for the session's count.</returns>
    public WireFileCalls ToCalls(string model, IReadOnlyDictionary<string, string> agentModels)
    {
        var file = new WireFileCalls(Path, Agent) { Forked = Forked, RetryTicks = [.. RetryTicks] };
        if (FirstTicks is { } first)
        {
            file.See(new DateTimeOffset(first, TimeSpan.Zero));
        }

        if (LastTicks is { } last)
        {
            file.See(new DateTimeOffset(last, TimeSpan.Zero));
        }

        if (ModelOfAlias.Count > 0)
        {
            file.ModelOfAlias = new Dictionary<string, string>(ModelOfAlias, StringComparer.Ordinal);
        }

        var calls = new UsageCall[Calls.Count];
        var keys = new UInt128[Calls.Count];
        string?[]? idlessAgents = null;
        UInt128[]? agentHashes = null;
        List<(string Model, ulong Tokens)>? own = null;
        var index = 0;
        foreach (var call in CollectionsMarshal.AsSpan(Calls))
        {
            var wrapped = StringAt(call.Agent);
            var callModel = StringAt(call.Model)
                ?? (wrapped is not null && agentModels.TryGetValue(wrapped, out var subagentModel) ? subagentModel : model);
            calls[index] = new UsageCall(call.Timestamp, callModel, call.Usage);
            keys[index] = new UInt128(call.IdHigh, call.IdLow);
            if (wrapped is null)
            {
                AddTokens(own ??= [], callModel, call.Usage.TotalTokens);
            }

            if (call.HasId != 0)
            {
                // One fingerprint per agent name: slot 0 for the file's agent, then one per string.
                agentHashes ??= new UInt128[Strings.Count + 1];
                ref var agentHash = ref agentHashes[call.Agent + 1];
                if (agentHash == UInt128.Zero)
                {
                    agentHash = CallKey.AgentHash(wrapped ?? Agent);
                }

                keys[index] = CallKey.WithMessageId(keys[index], agentHash, call.Occurrence);
            }
            else
            {
                idlessAgents ??= new string?[Calls.Count];
                idlessAgents[index] = wrapped ?? Agent;
            }

            index++;
        }

        file.OwnModel = own?.MaxBy(static entry => entry.Tokens).Model;
        file.Calls = calls;
        file.Keys = keys;
        file.IdlessAgents = idlessAgents;
        return file;
    }

    private static void AddTokens(List<(string Model, ulong Tokens)> models, string model, ulong tokens)
    {
        for (var at = 0; at < models.Count; at++)
        {
            if (string.Equals(models[at].Model, model, StringComparison.Ordinal))
            {
                var sum = models[at].Tokens + tokens;
                models[at] = (model, sum < tokens ? ulong.MaxValue : sum);
                return;
            }
        }

        models.Add((model, tokens));
    }

    /// <summary>Gets a string of <see cref="Strings"/> by its index, or null for <see cref="FileCall.None"/>.</summary>
    public string? StringAt(int index) => index == FileCall.None ? null : Strings[index];

    private int StringIndex(string? value)
    {
        if (value is null)
        {
            return FileCall.None;
        }

        for (var index = 0; index < Strings.Count; index++)
        {
            if (string.Equals(Strings[index], value, StringComparison.Ordinal))
            {
                return index;
            }
        }

        Strings.Add(value);
        return Strings.Count - 1;
    }

    private void See(DateTimeOffset timestamp)
    {
        var ticks = timestamp.UtcTicks;
        if (FirstTicks is not { } first || ticks < first)
        {
            FirstTicks = ticks;
        }

        if (LastTicks is not { } last || ticks > last)
        {
            LastTicks = ticks;
        }
    }

    /// <summary>
    /// Gets the count of calls so far by agent and message id, which gives the next such call its occurrence; rebuilt
    /// from the calls when a read goes on from the index.
    /// </summary>
    private Dictionary<(string Agent, UInt128 Id), int> Occurrences()
    {
        if (_occurrences is null)
        {
            _occurrences = [];
            foreach (var call in CollectionsMarshal.AsSpan(Calls))
            {
                if (call.HasId != 0)
                {
                    ref var seen = ref CollectionsMarshal.GetValueRefOrAddDefault(_occurrences, (StringAt(call.Agent) ?? Agent, new UInt128(call.IdHigh, call.IdLow)), out _);
                    seen = Math.Max(seen, call.Occurrence + 1);
                }
            }
        }

        return _occurrences;
    }

    /// <summary>
    /// Gets the count of id-less calls so far by agent, moment and usage, which ranks the next such call; rebuilt from
    /// the calls when a read goes on from the index.
    /// </summary>
    private Dictionary<(string Agent, long Ticks, TokenUsage Usage), int> Ranks()
    {
        if (_ranks is null)
        {
            _ranks = [];
            foreach (var call in CollectionsMarshal.AsSpan(Calls))
            {
                if (call.HasId == 0)
                {
                    ref var rank = ref CollectionsMarshal.GetValueRefOrAddDefault(_ranks, (StringAt(call.Agent) ?? Agent, call.UtcTicks, call.Usage), out _);
                    rank++;
                }
            }
        }

        return _ranks;
    }
}
