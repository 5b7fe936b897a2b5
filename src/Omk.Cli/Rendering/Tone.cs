namespace Omk.Cli.Rendering;

/// <summary>What a piece of text is, for the colour it gets on a terminal; plain text shows no difference.</summary>
internal enum Tone
{
    /// <summary>Ordinary text.</summary>
    Plain,

    /// <summary>A title or a column header: bold.</summary>
    Header,

    /// <summary>A total: bold.</summary>
    Total,

    /// <summary>Something over a limit: red.</summary>
    Alert,

    /// <summary>A bar of a chart: cyan.</summary>
    Bar,

    /// <summary>A note beside the figures: grey.</summary>
    Note,
}
