using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace Omk.Architecture.Tests;

/// <summary>
/// The options every command takes are read one way (docs/design.md, "Commands"): once per command line, by
/// <c>GlobalOptions.Read</c>, into the settings every command reads. No command reads an option by its name
/// (<c>parseResult.GetValue&lt;T&gt;("--store")</c>), which would be a second way that a renamed option silently breaks.
/// </summary>
public sealed class GlobalOptionsReadingTests
{
    [Fact]
    public void Options_ShouldNotBe_ReadByName()
    {
        var byName = Invocations()
            .Where(static call => call.Expression is MemberAccessExpressionSyntax { Name: GenericNameSyntax { Identifier.Text: "GetValue" } })
            .Select(static call => $"{call.SyntaxTree.FilePath}:{call.GetLocation().GetLineSpan().StartLinePosition.Line + 1}: {call}");

        Assert.Empty(byName);
    }

    [Fact]
    public void Invocations_ShouldSee_TheOneRead()
    {
        // A guard against a measure that reads nothing and so passes.
        Assert.Contains(Invocations(), static call => call.ToString().StartsWith("globals.Read(", StringComparison.Ordinal));
    }

    private static IEnumerable<InvocationExpressionSyntax> Invocations()
    {
        foreach (var (file, relative) in Repository.SourceFiles("src", "Omk.Cli"))
        {
            var tree = CSharpSyntaxTree.ParseText(File.ReadAllText(file), path: relative);
            foreach (var call in tree.GetRoot().DescendantNodes().OfType<InvocationExpressionSyntax>())
            {
                yield return call;
            }
        }
    }
}
