using System.IO.Abstractions;
using Omk.Cost.Adapters.Kimi.Pricing;
using Omk.Cost.Domain.Usage;

namespace Omk.Cost.Adapters.Kimi;

/// <summary>
/// The prices of Kimi and Moonshot models: the built-in table shipped with omk, and users' price files.
/// </summary>
/// <remarks>
/// A price file is <c>{"prices": [...]}</c>; each entry has <c>model</c> and either the rates <c>cache_hit</c>
/// (optional), <c>cache_miss</c>, <c>cache_creation</c> (optional, else the cache-miss rate) and <c>output</c> in
/// US dollars per one million tokens, or <c>priced_as</c> naming another model; plus optional
/// <c>effective_from</c> (an RFC 3339 moment), <c>date</c> and <c>source</c>.
/// </remarks>
public static class KimiPrices
{
    private const string ResourceName = "Omk.Cost.Adapters.Kimi.Pricing.prices.json";

    private static readonly Lazy<PriceTable> BuiltInTable = new(LoadBuiltIn);

    /// <summary>Gets the built-in price table.</summary>
    public static PriceTable BuiltIn => BuiltInTable.Value;

    /// <summary>
    /// Reads a user's price file.
    /// </summary>
    /// <param name="fileSystem">The file system.</param>
    /// <param name="path">The price file.</param>
    /// <returns>The prices of the file.</returns>
    /// <exception cref="KimiPriceFileException">The file cannot be read or is not a valid price file.</exception>
    public static PriceTable Load(IFileSystem fileSystem, string path)
    {
        ArgumentNullException.ThrowIfNull(fileSystem);
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        try
        {
            using var stream = fileSystem.File.OpenRead(path);
            return PriceFileParser.Parse(stream, path);
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
        {
            throw new KimiPriceFileException($"{path}: cannot be read: {exception.Message}", exception);
        }
    }

    /// <summary>
    /// Builds the table in force: the built-in prices with a user's price file over them, when it exists.
    /// A model named in the file is priced by the file alone.
    /// </summary>
    /// <param name="fileSystem">The file system.</param>
    /// <param name="path">The user's price file, or null for none.</param>
    /// <param name="mustExist">Whether a missing file is an error rather than no override.</param>
    /// <returns>The merged table.</returns>
    /// <exception cref="KimiPriceFileException">The file is missing while required, cannot be read, or is not valid.</exception>
    public static PriceTable WithOverrides(IFileSystem fileSystem, string? path, bool mustExist)
    {
        ArgumentNullException.ThrowIfNull(fileSystem);
        if (string.IsNullOrWhiteSpace(path))
        {
            return BuiltIn;
        }

        if (!fileSystem.File.Exists(path))
        {
            return mustExist ? throw new KimiPriceFileException($"{path}: no such price file.") : BuiltIn;
        }

        return BuiltIn.MergedWith(Load(fileSystem, path));
    }

    private static PriceTable LoadBuiltIn()
    {
        using var stream = typeof(KimiPrices).Assembly.GetManifestResourceStream(ResourceName)
            ?? throw new InvalidOperationException($"The built-in price table {ResourceName} is missing from the assembly.");
        return PriceFileParser.Parse(stream, "built-in prices");
    }
}
