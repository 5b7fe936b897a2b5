namespace Omk.Cost.Adapters.Kimi.Caching;

/// <summary>How a reading found its result.</summary>
internal enum KimiReadSource
{
    /// <summary>Every session folder was read (through the per-file index, when there is one).</summary>
    Logs,

    /// <summary>The stored result, with the session folders that changed read again.</summary>
    ChangedSessions,

    /// <summary>The stored result alone: no path had changed.</summary>
    StoredResult,
}
