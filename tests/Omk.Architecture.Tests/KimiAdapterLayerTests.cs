using ArchUnitNET.Domain;

namespace Omk.Architecture.Tests;

/// <summary>
/// The Kimi adapter's folders are layers that follow its dependencies: reading Kimi's files, counting each model call
/// once to its session, caching what was read and counted, pricing it; the adapter's entry (its root folder) above
/// them. A type uses types of its own layer and of the layers below it, never of a layer above, so that each layer can
/// be read, tested and changed knowing only those below.
/// </summary>
public sealed class KimiAdapterLayerTests
{
    private const string Adapter = "Omk.Cost.Adapters.Kimi";

    /// <summary>The layers, lowest first: a namespace's layer is the first entry it is in or below; the last, the entry, is the root namespace alone.</summary>
    private static readonly string[] Layers = [$"{Adapter}.Reading", $"{Adapter}.Counting", $"{Adapter}.Caching", $"{Adapter}.Pricing", Adapter];

    [Fact]
    public void KimiAdapter_EveryNamespace_IsInALayer()
    {
        var unplaced = AdapterTypes().Where(static type => LayerOf(type) < 0).Select(static type => type.FullName).ToList();

        Assert.True(unplaced.Count == 0, "types in no layer:\n" + string.Join('\n', unplaced));
    }

    [Fact]
    public void KimiAdapter_NoLayer_UsesALayerAboveIt()
    {
        var upwards = Uses(static (from, to) => to > from);

        Assert.True(upwards.Count == 0, "uses of a layer above:\n" + string.Join('\n', upwards));
    }

    /// <summary>Lists each use of a type by a type of another layer that <paramref name="counts"/> selects, as <c>user → used</c>.</summary>
    internal static List<string> Uses(Func<int, int, bool> counts) =>
        [.. AdapterTypes()
            .SelectMany(static type => type.Dependencies.Select(dependency => (From: type, To: dependency.Target)))
            .Where(static pair => (pair.To.Namespace?.FullName ?? string.Empty).StartsWith(Adapter, StringComparison.Ordinal))
            .Where(pair => LayerOf(pair.From) >= 0 && LayerOf(pair.To) >= 0 && counts(LayerOf(pair.From), LayerOf(pair.To)))
            .Select(static pair => $"{Outer(pair.From)} → {Outer(pair.To)}")
            .Distinct()
            .Order(StringComparer.Ordinal)];

    private static IEnumerable<IType> AdapterTypes() =>
        OmkArchitecture.Model.Types.Where(static type => (type.Namespace?.FullName ?? string.Empty).StartsWith(Adapter, StringComparison.Ordinal));

    private static int LayerOf(IType type)
    {
        var name = type.Namespace?.FullName ?? string.Empty;
        for (var layer = 0; layer < Layers.Length; layer++)
        {
            // The entry is the root folder alone; every other layer is its folder and the folders below it.
            if (name == Layers[layer] || (layer < Layers.Length - 1 && name.StartsWith(Layers[layer] + ".", StringComparison.Ordinal)))
            {
                return layer;
            }
        }

        return -1;
    }

    /// <summary>The type a compiler-made type (a lambda's closure, an iterator) belongs to: its name up to the first <c>+</c> or <c>&lt;</c>.</summary>
    private static string Outer(IType type)
    {
        var name = type.FullName;
        var end = name.IndexOfAny(['+', '<', '`']);
        return end < 0 ? name : name[..end];
    }
}
