namespace Omk.Cost.Domain.Tests;

public sealed class SessionTextTests
{
    [Fact]
    public void FindProblem_PrintableTextAndSurrogatePairs_FindsNothing()
    {
        var session = TestSessions.Create(sessionType: "team 🚀", name: "refactor-auth 😀") with
        {
            Id = "r-😀",
            Details = new SessionUsageDetails { Model = "kimi-k2.6 😀", Project = "/home/ü/😀" },
        };

        Assert.Null(SessionText.FindProblem(session, controlCharacters: true));
    }

    [Theory]
    [InlineData("", 0xD800, "", 1)]
    [InlineData("ab", 0xD800, "", 3)]
    [InlineData("a", 0xDC00, "b", 2)]
    [InlineData("", 0xD800, "x", 1)]
    [InlineData("😀", 0xDC01, "", 3)]
    public void FindProblem_LoneSurrogateInTheName_NamesTheFieldTheCharacterAndWhere(string before, int surrogate, string after, int position)
    {
        var problem = SessionText.FindProblem(TestSessions.Create(name: before + (char)surrogate + after), controlCharacters: false);

        Assert.Equal($"the session's name holds a lone surrogate (U+{surrogate:X4}) at character {position}, which cannot be stored as text", problem);
    }

    [Theory]
    [InlineData("session_type")]
    [InlineData("name")]
    [InlineData("id")]
    [InlineData("model")]
    [InlineData("project")]
    public void FindProblem_LoneSurrogateInAnyField_NamesThatField(string field)
    {
        const string Bad = "x\ud800";
        var session = TestSessions.Create(sessionType: field == "session_type" ? Bad : "team", name: field == "name" ? Bad : "n") with
        {
            Id = field == "id" ? Bad : "r-1",
            Details = new SessionUsageDetails { Model = field == "model" ? Bad : "m", Project = field == "project" ? Bad : "p" },
        };

        Assert.StartsWith($"the session's {field} holds a lone surrogate (U+D800) at character 2", SessionText.FindProblem(session, controlCharacters: false), StringComparison.Ordinal);
    }

    [Fact]
    public void FindProblem_ProblemsInSeveralFields_NamesTheFirstInTheOrderOfTheFile()
    {
        var session = TestSessions.Create(sessionType: "t\ud800", name: "n\ud801") with { Id = "\ud802" };

        Assert.StartsWith("the session's session_type holds", SessionText.FindProblem(session, controlCharacters: false), StringComparison.Ordinal);
        Assert.StartsWith("the session's name holds", SessionText.FindProblem(session with { SessionType = "t" }, controlCharacters: false), StringComparison.Ordinal);
        Assert.StartsWith("the session's id holds", SessionText.FindProblem(session with { SessionType = "t", Name = "n" }, controlCharacters: false), StringComparison.Ordinal);
    }

    [Fact]
    public void FindProblem_ControlCharacterInTheTypeOrName_IsAProblemOnlyWhenAsked()
    {
        var session = TestSessions.Create(name: "a\u0001b");

        Assert.Equal(
            "the session's name holds a control character (U+0001) at character 2, which cannot be stored as text",
            SessionText.FindProblem(session, controlCharacters: true));
        Assert.Null(SessionText.FindProblem(session, controlCharacters: false));
        Assert.StartsWith("the session's session_type holds a control character (U+001B)", SessionText.FindProblem(TestSessions.Create(sessionType: "\u001b"), controlCharacters: true), StringComparison.Ordinal);
    }

    [Fact]
    public void FindProblem_ControlCharacterInTheIdModelOrProject_IsStored()
    {
        var session = TestSessions.Create() with { Id = "a\tb", Details = new SessionUsageDetails { Model = "m\n", Project = "p\r" } };

        Assert.Null(SessionText.FindProblem(session, controlCharacters: true));
    }

    [Fact]
    public void FindProblem_NoIdAndNoDetails_FindsNothing()
    {
        Assert.Null(SessionText.FindProblem(TestSessions.Create() with { Id = null, Details = null }, controlCharacters: true));
    }

    [Fact]
    public void FindProblem_NullSession_Throws()
    {
        Assert.Throws<ArgumentNullException>(() => SessionText.FindProblem(null!, controlCharacters: true));
    }
}
