using Omk.Cli.Output;
using Omk.Cost.Domain;

namespace Omk.Cli.Arguments;

/// <summary>
/// Says on standard error when a <c>--role</c> or <c>--model</c> hint that was given matches no pricing rule, so that
/// a typing mistake (<c>archtect</c>) is not silently priced as Standard.
/// </summary>
internal static class TierHint
{
    /// <summary>Writes a line for a team role that names neither architect nor security.</summary>
    /// <param name="error">Standard error.</param>
    /// <param name="role">The role as given, or null when none was given.</param>
    public static void CheckRole(TextWriter error, string? role)
    {
        ArgumentNullException.ThrowIfNull(error);
        if (role is not null && !CostEstimator.RoleMatchesRule(role))
        {
            ErrorLine.Note(error, $"--role '{role.Trim()}' names neither architect nor security: priced as Standard");
        }
    }

    /// <summary>Writes a line for a model hint that no rule knows.</summary>
    /// <param name="error">Standard error.</param>
    /// <param name="hint">The hint as given, or null when none was given.</param>
    public static void CheckModel(TextWriter error, string? hint)
    {
        ArgumentNullException.ThrowIfNull(error);
        if (hint is not null && !PricingTiers.IsKnownModelHint(hint))
        {
            ErrorLine.Note(error, $"--model '{hint.Trim()}' matches no rule (kimi, claude, gpt-4: standard; codex, gpt-4o: premium; gemini, haiku: budget): priced as Standard");
        }
    }
}
