using Omk.Runtime.Atomic;

namespace Omk.Cost.Adapters.FileSystem;

/// <summary>
/// The marks of the <c>costs.json</c> a <see cref="SpendSummary"/> was made from.
/// </summary>
/// <param name="Stamp">What the file system said of the file when its bytes were read.</param>
/// <param name="Hash">The XxHash128 of its bytes.</param>
/// <param name="Racy">
/// Whether the stamp alone cannot vouch for the bytes: the file changed less than <see cref="SpendSummaryFile.RacyWindow"/>
/// before it was read (a change in the same tick of a coarse clock could keep the stamp), or the stamp is not exact.
/// A racy summary is used only once the file's bytes are read again and give the same hash.
/// </param>
internal readonly record struct SummaryMarks(FileStamp Stamp, UInt128 Hash, bool Racy);
