using System.IO.Abstractions.TestingHelpers;
using Omk.Cost.Adapters.Kimi.Reading;
using Omk.Cost.Adapters.Kimi.Reading.Config;
using Omk.Cost.Domain.Usage;

namespace Omk.Cost.Adapters.Kimi.Tests.Reading.Config;

public sealed class KimiConfigFileTests
{
    [Fact]
    public void ParseToml_DefaultWithModelsTable_ReturnsApiModelId()
    {
        const string Toml = """
            default_model = "kimi-for-coding"  # the model of new sessions

            [providers."managed:kimi-code"]
            type = "kimi"

            [models.kimi-for-coding]
            provider = "managed:kimi-code"
            model = "kimi-for-coding-api"
            max_context_size = 262144
            """;

        Assert.Equal("kimi-for-coding-api", KimiConfigFile.ParseToml(Toml).DefaultApiModel);
    }

    [Fact]
    public void ParseToml_QuotedAliasWithSlashAndDots_MapsToItsModel()
    {
        const string Toml = """
            default_model = 'kimi-code/k2.5'
            [models."kimi-code/k2.5"]
            model = "kimi-k2.5"
            [models."kimi-code/kimi-for-coding"]
            model = "kimi-for-coding"
            """;

        var config = KimiConfigFile.ParseToml(Toml);

        Assert.Equal("kimi-k2.5", config.DefaultApiModel);
        Assert.Equal("kimi-for-coding", config.ApiModelOf("kimi-code/kimi-for-coding"));
    }

    [Fact]
    public void ParseToml_InlineTables_ReadAsTables()
    {
        const string Toml = """
            default_model = "fast"
            models = { fast = { provider = "moonshot", model = "kimi-k2-turbo-preview" }, "kimi-code/k3" = { model = "k3" } }
            """;

        var config = KimiConfigFile.ParseToml(Toml);

        Assert.Equal("kimi-k2-turbo-preview", config.DefaultApiModel);
        Assert.Equal("k3", config.ApiModelOf("kimi-code/k3"));
    }

    [Fact]
    public void ParseToml_DottedKeyInModelsTable_MatchesDefault()
    {
        Assert.Equal("kimi-k2.6", KimiConfigFile.ParseToml("default_model = \"a\"\n[models]\na.model = \"kimi-k2.6\"\n").DefaultApiModel);
    }

    [Fact]
    public void ParseToml_MultiLineStringsAndArraysOfTables_AreNotKeys()
    {
        const string Toml = """"
            system_prompt = '''
            default_model = "fake"
            [models.fake]
            '''
            note = """
            model = "also fake"
            """
            default_model = "real"

            [[hooks]]
            event = "Stop"
            model = "hook-model"

            [[hooks]]
            event = "PreToolUse"

            [models.real]
            model = "kimi-k2.5"
            """";

        var config = KimiConfigFile.ParseToml(Toml);

        Assert.Equal("real", config.DefaultModel);
        Assert.Equal("kimi-k2.5", config.DefaultApiModel);
        Assert.Equal(["real"], config.Models.Keys);
    }

    [Fact]
    public void ParseToml_EscapesInBasicString_AreDecoded()
    {
        Assert.Equal("a\"b", KimiConfigFile.ParseToml("default_model = \"a\\\"b\"\n").DefaultModel);
    }

    [Fact]
    public void ParseToml_NoModelsEntry_ApiModelIsTheAlias()
    {
        Assert.Equal("kimi-k2-turbo-preview", KimiConfigFile.ParseToml("default_model = \"kimi-k2-turbo-preview\"\n").DefaultApiModel);
    }

    [Fact]
    public void ParseToml_DefaultModelInsideATable_IsNotTheDefault()
    {
        Assert.Null(KimiConfigFile.ParseToml("[loop_control]\ndefault_model = \"x\"\n").DefaultModel);
    }

    [Fact]
    public void ParseToml_Garbage_ThrowsTomlException()
    {
        Assert.ThrowsAny<Tomlyn.TomlException>(() => KimiConfigFile.ParseToml("default_model = \"unterminated\n[[[\n= = =\n\"\\u12\""));
    }

    [Fact]
    public void ParseJson_LegacyConfig_ReadsDefaultAndModels()
    {
        var config = KimiConfigFile.ParseJson("""{"default_model": "k", "models": {"k": {"model": "kimi-k2-0905-preview"}}}""");

        Assert.Equal("kimi-k2-0905-preview", config.DefaultApiModel);
    }

    [Fact]
    public void ParseJson_PlainModel_IsTheDefault()
    {
        Assert.Equal("kimi-latest", KimiConfigFile.ParseJson("""{"model": "kimi-latest"}""").DefaultApiModel);
    }

    [Fact]
    public void Load_InvalidToml_WarnsNamingTheFileAndFallsBackToConfigJson()
    {
        var fileSystem = new MockFileSystem();
        fileSystem.AddFile("/k/config.toml", new MockFileData("default_model = = \"x\""));
        fileSystem.AddFile("/k/config.json", new MockFileData("""{"model": "kimi-k2.5"}"""));
        var warnings = new List<UsageWarning>();

        var config = KimiConfigFile.Load(fileSystem, "/k", warnings);

        Assert.Equal("kimi-k2.5", config.DefaultApiModel);
        var warning = Assert.Single(warnings);
        Assert.EndsWith("config.toml", warning.Path, StringComparison.Ordinal);
        Assert.Contains("not valid TOML", warning.Message, StringComparison.Ordinal);
    }
}
