using Omk.Cli.Rendering;
using Omk.Cli.Status;
using Omk.Cost.Application;

namespace Omk.Cli.Tests.Status;

public sealed class StatusTemplateTests
{
    private static readonly StatusSnapshot Snapshot = new()
    {
        Zone = TimeZoneInfo.Utc,
        TodayUsd = 3.21m,
        MonthUsd = 41.80m,
        PeriodName = "month",
        PeriodUsd = 41.80m,
        LimitUsd = 50m,
        Percent = 84,
        ReservedUsd = 0.82m,
        KimiLiveUsd = 0.47m,
        KimiLiveSessions = 2,
    };

    [Fact]
    public void DefaultLine_EveryPart_ReadsAsTheReadmeShows()
    {
        Assert.Equal("omk $3.21 today · $41.80/$50.00 month (84%) · $0.82 reserved · kimi live $0.47", StatusTemplate.DefaultLine(Snapshot, Figures.Usd));
    }

    [Fact]
    public void Render_EveryPlaceholder_IsFilled()
    {
        var text = StatusTemplate.Render("{today}|{month}|{period}|{period_name}|{limit}|{percent}|{reserved}|{live}|{live_sessions}", Snapshot, Figures.Usd);

        Assert.Equal("$3.21|$41.80|$41.80|month|$50.00|84|$0.82|$0.47|2", text);
    }

    [Fact]
    public void Render_Line_IsTheDefaultLine()
    {
        Assert.Equal("[" + StatusTemplate.DefaultLine(Snapshot, Figures.Usd) + "]", StatusTemplate.Render("[{ line }]", Snapshot, Figures.Usd));
    }

    [Theory]
    [InlineData("{today", "unpaired '{' at character 1")]
    [InlineData("today}", "unpaired '}' at character 6")]
    [InlineData("{tomorrow}", "unknown placeholder {tomorrow}")]
    public void Validate_WrongTemplate_SaysWhere(string template, string message)
    {
        var exception = Assert.Throws<FormatException>(() => StatusTemplate.Validate(template));

        Assert.Contains(message, exception.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Render_DoubledBraces_WriteOneBrace()
    {
        Assert.Equal("{$3.21}", StatusTemplate.Render("{{{today}}}", Snapshot, Figures.Usd));
    }
}
