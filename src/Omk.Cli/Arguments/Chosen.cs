namespace Omk.Cli.Arguments;

/// <summary>
/// The value of a choice option with the word that chose it, so that help shows the default as a person types it
/// (<c>[default: type]</c>), not as the value's name (<c>Type</c>).
/// </summary>
/// <typeparam name="T">The type of the value.</typeparam>
/// <param name="Word">The word, lowercase as listed.</param>
/// <param name="Value">The value.</param>
internal readonly record struct Chosen<T>(string Word, T Value)
{
    /// <summary>Gets the value of a choice.</summary>
    /// <param name="chosen">The choice.</param>
    public static implicit operator T(Chosen<T> chosen) => chosen.Value;

    /// <summary>Gets the value.</summary>
    /// <returns>The value.</returns>
    public T ToT() => Value;

    /// <summary>Gets the word, as help shows it.</summary>
    /// <returns>The word.</returns>
    public override string ToString() => Word;
}
