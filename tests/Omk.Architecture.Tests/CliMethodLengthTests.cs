using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace Omk.Architecture.Tests;

/// <summary>
/// The command's methods stay short (docs/design.md, "Commands"): a command is a definition (its options, declared
/// once) and an action (a call into a use case, then a view), each a method of about a screen at most. Measured on the
/// syntax of <c>src/Omk.Cli</c>, from a method's first line to its closing brace, local functions and lambdas included.
/// </summary>
public sealed class CliMethodLengthTests
{
    /// <summary>The most lines a method of the command may have.</summary>
    private const int MostLines = 40;

    /// <summary>
    /// The methods still longer, each with the most lines it may keep until it is split. The list only shrinks: a method
    /// may not grow past its figure, and one that is short again must leave the list.
    /// </summary>
    private static readonly Dictionary<string, int> StillLong = new(StringComparer.Ordinal)
    {
    };

    [Fact]
    public void CliMethods_ShouldBe_AtMostFortyLines()
    {
        var tooLong = Methods()
            .Where(static method => method.Lines > StillLong.GetValueOrDefault(method.Name, MostLines))
            .Select(static method => $"{method.Name}: {method.Lines} lines");

        Assert.Empty(tooLong);
    }

    [Fact]
    public void StillLongList_ShouldName_OnlyMethodsThatAreStillLong()
    {
        var lengths = Methods().GroupBy(static method => method.Name).ToDictionary(static group => group.Key, static group => group.Max(static method => method.Lines), StringComparer.Ordinal);

        var stale = StillLong.Keys.Where(name => lengths.GetValueOrDefault(name) <= MostLines);

        Assert.Empty(stale);
    }

    [Fact]
    public void Measure_ShouldSee_TheCommandsMethods()
    {
        // A guard against a measure that reads nothing and so passes: the command has a Main and many commands.
        var methods = Methods().ToList();

        Assert.Contains(methods, static method => method.Name == "Program.cs Program.Main");
        Assert.True(methods.Count > 200, $"only {methods.Count} methods found below src/Omk.Cli");
    }

    private static IEnumerable<(string Name, int Lines)> Methods()
    {
        foreach (var (file, relative) in Repository.SourceFiles("src", "Omk.Cli"))
        {
            var tree = CSharpSyntaxTree.ParseText(File.ReadAllText(file), path: file);
            foreach (var method in tree.GetRoot().DescendantNodes().OfType<BaseMethodDeclarationSyntax>())
            {
                var span = method.GetLocation().GetLineSpan();
                var type = method.Ancestors().OfType<BaseTypeDeclarationSyntax>().First().Identifier.Text;
                var name = method switch
                {
                    MethodDeclarationSyntax named => named.Identifier.Text,
                    ConstructorDeclarationSyntax => type,
                    _ => method.Kind().ToString(),
                };
                yield return ($"{relative} {type}.{name}", span.EndLinePosition.Line - span.StartLinePosition.Line + 1);
            }
        }
    }
}
