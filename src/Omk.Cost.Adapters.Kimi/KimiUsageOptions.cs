using Omk.Cost.Adapters.Kimi.Caching;
namespace Omk.Cost.Adapters.Kimi;

/// <summary>
/// Where <see cref="KimiUsageReader"/> finds Kimi's logs and how it prices them.
/// </summary>
internal sealed class KimiUsageOptions
{
    /// <summary>Gets or sets the Kimi CLI data folder (<c>$KIMI_SHARE_DIR</c>, else <c>~/.kimi</c>), or null to skip Kimi CLI.</summary>
    /// <value>The default value is null.</value>
    public string? KimiCliRoot { get; set; }

    /// <summary>Gets or sets the Kimi Code data folder (<c>$KIMI_CODE_HOME</c>, else <c>~/.kimi-code</c>), or null to skip Kimi Code.</summary>
    /// <value>The default value is null.</value>
    public string? KimiCodeRoot { get; set; }

    /// <summary>
    /// Gets or sets the home of the Kimi Code that Kimi Work (Moonshot's desktop app) runs, read like Kimi Code's
    /// (<c>$KIMI_WORK_HOME</c>, else <c>kimi-desktop/daimon-share/daimon/runtime/kimi-code/home</c> in the platform's
    /// application data folder), or null to skip it.
    /// </summary>
    /// <value>The default value is null.</value>
    public string? KimiWorkRoot { get; set; }

    /// <summary>
    /// Gets or sets the model to price Kimi CLI sessions as, instead of the one named by Kimi CLI's configuration.
    /// Kimi Code logs name the model of every call, and keep it.
    /// </summary>
    /// <value>The default value is null: the model of <c>config.toml</c>, else of <c>config.json</c>.</value>
    public string? Model { get; set; }

    /// <summary>Gets or sets a price file whose prices take precedence over the built-in ones, or null for none.</summary>
    /// <value>The default value is null.</value>
    public string? PricesFile { get; set; }

    /// <summary>
    /// Gets or sets a value indicating whether sessions' titles are read (from <c>state.json</c> or <c>metadata.json</c>);
    /// a report that does not show them can skip those files.
    /// </summary>
    /// <value>The default value is <see langword="true"/>.</value>
    public bool IncludeTitles { get; set; } = true;

    /// <summary>Gets or sets a value indicating whether a missing <see cref="PricesFile"/> is an error rather than no override.</summary>
    /// <value>The default value is <see langword="false"/>.</value>
    public bool PricesFileRequired { get; set; }

    /// <summary>
    /// Gets or sets the folder of the incremental index, with which a read parses only what the logs gained since the
    /// last one, or null to read every log whole. The index never changes a result: it is a cache.
    /// </summary>
    /// <value>The default value is null.</value>
    public string? IndexDirectory { get; set; }

    /// <summary>Gets or sets the writer of the index's files, or null to use the index without updating it.</summary>
    /// <value>The default value is null.</value>
    public IKimiIndexWriter? IndexWriter { get; set; }

    /// <summary>Copies every option of another set into this one.</summary>
    /// <param name="other">The options to copy.</param>
    public void CopyFrom(KimiUsageOptions other)
    {
        ArgumentNullException.ThrowIfNull(other);
        (KimiCliRoot, KimiCodeRoot, KimiWorkRoot, Model, PricesFile) = (other.KimiCliRoot, other.KimiCodeRoot, other.KimiWorkRoot, other.Model, other.PricesFile);
        (IncludeTitles, PricesFileRequired, IndexDirectory, IndexWriter) = (other.IncludeTitles, other.PricesFileRequired, other.IndexDirectory, other.IndexWriter);
    }

    /// <summary>Gets a copy of these options that reads every log whole, without the index.</summary>
    /// <returns>The copy.</returns>
    public KimiUsageOptions WithoutIndex()
    {
        var copy = new KimiUsageOptions();
        copy.CopyFrom(this);
        (copy.IndexDirectory, copy.IndexWriter) = (null, null);
        return copy;
    }

    /// <summary>
    /// Gets the default options: Kimi CLI under <c>$KIMI_SHARE_DIR</c> (else <c>~/.kimi</c>) and Kimi Code under
    /// <c>$KIMI_CODE_HOME</c> (else <c>~/.kimi-code</c>), as Kimi Code's <c>resolveKimiHome</c> finds it.
    /// </summary>
    /// <param name="getVariable">Reads an environment variable; returns null when it is not set.</param>
    /// <param name="homeDirectory">The user's home directory.</param>
    /// <returns>The options.</returns>
    public static KimiUsageOptions FromEnvironment(Func<string, string?> getVariable, string homeDirectory)
    {
        ArgumentNullException.ThrowIfNull(getVariable);
        ArgumentNullException.ThrowIfNull(homeDirectory);
        var share = getVariable("KIMI_SHARE_DIR");
        var code = getVariable("KIMI_CODE_HOME");
        var work = getVariable("KIMI_WORK_HOME");
        return new KimiUsageOptions
        {
            KimiCliRoot = string.IsNullOrWhiteSpace(share) ? Path.Combine(homeDirectory, ".kimi") : share,
            KimiCodeRoot = string.IsNullOrWhiteSpace(code) ? Path.Combine(homeDirectory, ".kimi-code") : code,
            KimiWorkRoot = string.IsNullOrWhiteSpace(work) ? DefaultKimiWorkRoot(getVariable, homeDirectory) : work,
        };
    }

    /// <summary>
    /// Gets where Kimi Work keeps its Kimi Code home: <c>kimi-desktop/daimon-share/daimon/runtime/kimi-code/home</c> under
    /// <c>~/Library/Application Support</c> on macOS, <c>%APPDATA%</c> on Windows, <c>$XDG_CONFIG_HOME</c> (else
    /// <c>~/.config</c>) elsewhere: the app's Electron user-data folder.
    /// </summary>
    /// <param name="getVariable">Reads an environment variable; returns null when it is not set.</param>
    /// <param name="homeDirectory">The user's home directory.</param>
    /// <returns>The folder.</returns>
    public static string DefaultKimiWorkRoot(Func<string, string?> getVariable, string homeDirectory)
    {
        ArgumentNullException.ThrowIfNull(getVariable);
        ArgumentNullException.ThrowIfNull(homeDirectory);
        string appData;
        if (OperatingSystem.IsMacOS())
        {
            appData = Path.Combine(homeDirectory, "Library", "Application Support");
        }
        else if (OperatingSystem.IsWindows())
        {
            appData = getVariable("APPDATA") is { Length: > 0 } roaming ? roaming : Path.Combine(homeDirectory, "AppData", "Roaming");
        }
        else
        {
            appData = getVariable("XDG_CONFIG_HOME") is { Length: > 0 } config ? config : Path.Combine(homeDirectory, ".config");
        }

        return Path.Combine(appData, "kimi-desktop", "daimon-share", "daimon", "runtime", "kimi-code", "home");
    }
}
