using System.Collections.Concurrent;

namespace Omk.Cost.Adapters.Kimi.Reading;

/// <summary>
/// One spelling for each model, however the logs and configurations write it: the provider prefix dropped
/// (<c>kimi-code/kimi-for-coding</c> is <c>kimi-for-coding</c>), surrounding spaces trimmed, lower case.
/// </summary>
/// <remarks>
/// Each spelling is one shared string instance, so that calls of one model can be recognised by reference.
/// </remarks>
internal static class ModelNames
{
    private static readonly ConcurrentDictionary<string, string> Canonicals = new(StringComparer.Ordinal);

    public static string Canonical(string model)
    {
        ArgumentNullException.ThrowIfNull(model);
        if (Canonicals.TryGetValue(model, out var known))
        {
            return known;
        }

        var name = model.Trim();
        var slash = name.LastIndexOf('/');
        if (slash >= 0 && slash < name.Length - 1)
        {
            name = name[(slash + 1)..].Trim();
        }

        name = name.Length == 0 ? WireFileReader.UnknownModel : name.ToLowerInvariant();
        name = Canonicals.GetOrAdd(name, name);
        return Canonicals.GetOrAdd(model, name);
    }
}
