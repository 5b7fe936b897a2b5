namespace Omk.Cost.Adapters.Kimi.Reading.Config;

/// <summary>
/// The model settings of a Kimi configuration file: the default model's alias and the API model of each alias.
/// </summary>
/// <param name="DefaultModel">The alias of <c>default_model</c>, or null when the file does not name one.</param>
/// <param name="Models">The API model id (<c>model</c>) of each <c>[models.&lt;alias&gt;]</c> table, by alias.</param>
internal sealed record KimiModelConfig(string? DefaultModel, IReadOnlyDictionary<string, string> Models)
{
    /// <summary>Gets a configuration that names no model.</summary>
    public static KimiModelConfig Empty { get; } = new(null, new Dictionary<string, string>(StringComparer.Ordinal));

    /// <summary>Gets the API model of the default model, or null when no default is configured.</summary>
    public string? DefaultApiModel => DefaultModel is null ? null : ApiModelOf(DefaultModel);

    /// <summary>
    /// Gets the API model an alias stands for: the <c>model</c> of its <c>[models.&lt;alias&gt;]</c> table, else the
    /// alias itself.
    /// </summary>
    /// <param name="alias">The alias, as the logs or the configuration write it.</param>
    /// <returns>The API model id.</returns>
    public string ApiModelOf(string alias) => Models.TryGetValue(alias, out var model) ? model : alias;
}
