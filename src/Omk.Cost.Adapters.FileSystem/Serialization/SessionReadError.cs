namespace Omk.Cost.Adapters.FileSystem.Serialization;

/// <summary>
/// Why a stored session is not valid, and where.
/// </summary>
/// <param name="Reason">What is wrong.</param>
/// <param name="Offset">The offset, in the reader's input, of the token at fault.</param>
internal readonly record struct SessionReadError(string Reason, long Offset);
