namespace Omk.Cli.Arguments;

/// <summary>Parses one command-line value.</summary>
/// <typeparam name="T">The type of the value.</typeparam>
/// <param name="text">The value as written.</param>
/// <param name="value">The parsed value.</param>
/// <returns><see langword="true"/> when <paramref name="text"/> is a valid value.</returns>
internal delegate bool TryParse<T>(string text, out T value);
