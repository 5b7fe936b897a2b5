namespace Omk.Cost.Domain;

/// <summary>
/// The fields of a stored session that this version of omk does not know (another version wrote them), carried
/// unchanged from store to store: a session read from <c>costs.json</c> and sent to the team store comes back with them.
/// </summary>
/// <remarks>
/// The Domain does not read them: they are one opaque text, a JSON object in the canonical form that the stores write
/// and parse (compact, keys in ordinal order at every level), so the same fields read from any store are equal
/// (PostgreSQL's <c>jsonb</c> reorders keys). Only a store makes one.
/// </remarks>
public sealed class SessionExtraFields : IEquatable<SessionExtraFields>
{
    internal SessionExtraFields(string text)
    {
        ArgumentException.ThrowIfNullOrEmpty(text);
        Text = text;
    }

    /// <summary>Gets the fields as one canonical JSON object, such as <c>{"added_in":"0.6","tags":["a"]}</c>.</summary>
    public string Text { get; }

    /// <inheritdoc/>
    public bool Equals(SessionExtraFields? other) => other is not null && string.Equals(Text, other.Text, StringComparison.Ordinal);

    /// <inheritdoc/>
    public override bool Equals(object? obj) => Equals(obj as SessionExtraFields);

    /// <inheritdoc/>
    public override int GetHashCode() => StringComparer.Ordinal.GetHashCode(Text);

    /// <inheritdoc/>
    public override string ToString() => Text;
}
