using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;

namespace Omk.Architecture.Tests;

/// <summary>
/// Each rule of what omk says has one home (docs/design.md, "One home per rule"): the <c>omk: </c> and
/// <c>omk: warning: </c> prefixes of the lines on standard error are written only by <c>Output/ErrorLine.cs</c>, and
/// the names of omk's environment variables (<c>OMK_*</c>) are spelled only where each layer keeps them. Measured on
/// the string literals and interpolated-string text of every source file below <c>src</c>; comments do not count.
/// </summary>
public sealed class MessageHomeTests
{
    /// <summary>The one file that spells the prefixes of omk's lines on standard error.</summary>
    private const string PrefixHome = "src/Omk.Cli/Output/ErrorLine.cs";

    /// <summary>The files that spell omk's environment variable names: one per layer that reads them.</summary>
    private static readonly string[] VariableHomes =
    [
        "src/Omk.Cli/Hosting/EnvironmentVariables.cs",
        "src/Omk.Cost.Adapters.FileSystem/OmkStateDirectory.cs",
    ];

    /// <summary>
    /// The files that still write their own prefixes until they are re-cut. The list only shrinks: a file that writes
    /// none must leave it.
    /// </summary>
    private static readonly string[] StillSpelledOut =
    [
    ];

    /// <summary>The program's description in <c>omk --help</c> begins with its name, and is no line on standard error.</summary>
    private const string RootDescription = "omk: turns prompts into engineering runs.";

    [Fact]
    public void MessagePrefixes_ShouldBe_SpelledOnlyInTheirHome()
    {
        var outside = SpelledOutside("omk: ", [PrefixHome, .. StillSpelledOut])
            .Where(static text => !text.Contains(": " + RootDescription, StringComparison.Ordinal));

        Assert.Empty(outside);
    }

    [Fact]
    public void EnvironmentVariableNames_ShouldBe_SpelledOnlyInTheirHomes()
    {
        var outside = SpelledOutside("OMK_", VariableHomes);

        Assert.Empty(outside);
    }

    [Fact]
    public void StillSpelledOutList_ShouldName_OnlyFilesThatStillSpellPrefixes()
    {
        var spelling = Texts()
            .Where(static text => text.Value.Contains("omk: ", StringComparison.Ordinal))
            .Select(static text => text.File)
            .ToHashSet(StringComparer.Ordinal);

        var stale = StillSpelledOut.Except(spelling, StringComparer.Ordinal);

        Assert.Empty(stale);
    }

    [Fact]
    public void Texts_ShouldSee_TheHomesAndTheCommands()
    {
        // A guard against a measure that reads nothing and so passes.
        var texts = Texts().ToList();

        Assert.Contains(texts, static text => text.File == PrefixHome && text.Value == "omk: ");
        Assert.Contains(texts, static text => text.File == VariableHomes[0] && text.Value == "OMK_COST_STORE");
        Assert.Contains(texts, static text => text.File == "src/Omk.Cli/Commands/RecordCommand.cs");
    }

    /// <summary>Each text that holds <paramref name="spelling"/> in a file that is not one of its homes, with where it is.</summary>
    private static IEnumerable<string> SpelledOutside(string spelling, string[] homes) => Texts()
        .Where(text => text.Value.Contains(spelling, StringComparison.Ordinal) && !homes.Contains(text.File))
        .Select(static text => $"{text.File}:{text.Line}: {text.Value}");

    /// <summary>The text of every string literal and interpolated-string part of the source below <c>src</c>.</summary>
    private static IEnumerable<(string File, int Line, string Value)> Texts()
    {
        foreach (var (file, relative) in Repository.SourceFiles("src"))
        {
            var root = CSharpSyntaxTree.ParseText(File.ReadAllText(file), path: file).GetRoot();
            foreach (var token in root.DescendantTokens().Where(static token => IsText(token.Kind())))
            {
                yield return ("src/" + relative, token.GetLocation().GetLineSpan().StartLinePosition.Line + 1, token.ValueText);
            }
        }
    }

    private static bool IsText(SyntaxKind kind) => kind is SyntaxKind.StringLiteralToken
        or SyntaxKind.InterpolatedStringTextToken
        or SyntaxKind.SingleLineRawStringLiteralToken
        or SyntaxKind.MultiLineRawStringLiteralToken
        or SyntaxKind.Utf8StringLiteralToken;
}
