using System.IO.Abstractions;
using Omk.Cost.Domain.Usage;
using Omk.Runtime.Atomic;

namespace Omk.Cost.Adapters.Kimi.Pricing;

/// <summary>
/// The prices of Kimi and Moonshot models: the built-in table shipped with omk, and users' price files.
/// </summary>
/// <remarks>
/// A price file is <c>{"prices": [...]}</c>; each entry has <c>model</c> and either <c>rates</c>, an object of
/// <c>cache_hit</c> (optional, else the cache-miss rate), <c>cache_miss</c>, <c>cache_creation</c> (optional, else
/// the cache-miss rate) and <c>output</c> in US dollars per one million tokens, or <c>priced_as</c> naming another
/// model; plus optional <c>effective_from</c> (an RFC 3339 moment from which the entry applies), <c>date</c>,
/// <c>source</c> and <c>comment</c>. <see cref="PriceFileHelp"/> shows it to a person.
/// </remarks>
internal static class KimiPrices
{
    private const string ResourceName = "Omk.Cost.Adapters.Kimi.Pricing.prices.json";

    private static readonly Lazy<PriceTable> BuiltInTable = new(LoadBuiltIn);

    /// <summary>
    /// The shape of a price file, for a person: the help of the commands that read one, and the README.
    /// </summary>
    public const string PriceFileHelp =
        "prices.json: prices over the built-in ones, read from the state folder (or --prices FILE). A model it names is priced by it alone, so give its whole history: an entry without effective_from, then one for each change.\n" +
        "  - Rates are US dollars per 1M tokens: \"cache_miss\" (input not read from the cache) and \"output\" are required; " +
        "\"cache_hit\" (input read from the cache) and \"cache_creation\" (input written to it) default to cache_miss.\n" +
        "  - \"effective_from\" (an RFC 3339 moment with its offset) starts an entry; it applies until the next entry of the model. Without it, an entry applies from the beginning.\n" +
        "  - \"priced_as\" prices a model as another; \"date\", \"source\" and \"comment\" are free text. Comments and trailing commas are allowed.\n" +
        "  Example:\n" +
        "  {\n" +
        "    \"prices\": [\n" +
        "      {\"model\": \"kimi-k2.6\", \"rates\": {\"cache_hit\": 0.16, \"cache_miss\": 0.95, \"output\": 4.0}},\n" +
        "      {\"model\": \"kimi-k2.6\", \"effective_from\": \"2027-01-01T00:00:00+08:00\",\n" +
        "       \"rates\": {\"cache_hit\": 0.12, \"cache_miss\": 0.80, \"output\": 3.50}},\n" +
        "      {\"model\": \"my-gateway/k2\", \"priced_as\": \"kimi-k2.6\"}\n" +
        "    ]\n" +
        "  }";

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
            // Only a regular file is read: a named pipe or a device given as the price file is refused at once.
            using var stream = RegularFile.OpenRead(fileSystem, path);
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
