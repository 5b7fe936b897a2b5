namespace Omk.Cost.Application;

/// <summary>What a live agent session (a Kimi session whose log still grows) has spent so far.</summary>
/// <param name="LedgerId">The id the session has, or would have, once imported into the ledger (<c>kimi:&lt;session id&gt;</c>).</param>
/// <param name="LastActiveAt">The last moment its log records.</param>
/// <param name="SpentUsd">What it spent so far, priced, in US dollars.</param>
public sealed record LiveSessionSpend(string LedgerId, DateTimeOffset LastActiveAt, decimal SpentUsd);
