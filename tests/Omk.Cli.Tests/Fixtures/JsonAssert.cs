using System.Text.Json;

namespace Omk.Cli.Tests.Fixtures;

/// <summary>Assertions on JSON documents.</summary>
internal static class JsonAssert
{
    /// <summary>Asserts that an object has exactly these keys, in any order.</summary>
    /// <param name="element">The object.</param>
    /// <param name="expected">The keys.</param>
    public static void Keys(JsonElement element, params string[] expected) =>
        Assert.Equal(
            expected.Order(StringComparer.Ordinal),
            element.EnumerateObject().Select(property => property.Name).Order(StringComparer.Ordinal));
}
