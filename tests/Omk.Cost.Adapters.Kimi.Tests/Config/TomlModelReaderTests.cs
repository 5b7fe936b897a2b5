using Omk.Cost.Adapters.Kimi.Config;

namespace Omk.Cost.Adapters.Kimi.Tests.Config;

public sealed class TomlModelReaderTests
{
    [Fact]
    public void ReadDefaultModel_DefaultWithModelsTable_ReturnsApiModelId()
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

        Assert.Equal("kimi-for-coding-api", TomlModelReader.ReadDefaultModel(Toml));
    }

    [Fact]
    public void ReadDefaultModel_QuotedTableNameWithDots_MatchesDefault()
    {
        const string Toml = """
            default_model = 'k2.5'
            [models."k2.5"]
            model = "kimi-k2.5"
            """;

        Assert.Equal("kimi-k2.5", TomlModelReader.ReadDefaultModel(Toml));
    }

    [Fact]
    public void ReadDefaultModel_DottedKeyInModelsTable_MatchesDefault()
    {
        const string Toml = "default_model = \"a\"\n[models]\na.model = \"kimi-k2.6\"\n";

        Assert.Equal("kimi-k2.6", TomlModelReader.ReadDefaultModel(Toml));
    }

    [Fact]
    public void ReadDefaultModel_NoModelsEntry_ReturnsDefaultName()
    {
        Assert.Equal("kimi-k2-turbo-preview", TomlModelReader.ReadDefaultModel("default_model = \"kimi-k2-turbo-preview\"\n"));
    }

    [Fact]
    public void ReadDefaultModel_DefaultModelInsideATable_IsNotTheDefault()
    {
        Assert.Null(TomlModelReader.ReadDefaultModel("[loop_control]\ndefault_model = \"x\"\n"));
    }

    [Fact]
    public void ReadDefaultModel_MultiLineStringLookingLikeKeys_IsSkipped()
    {
        const string Toml = "prompt = \"\"\"\ndefault_model = \"fake\"\n\"\"\"\ndefault_model = \"real\"\n";

        Assert.Equal("real", TomlModelReader.ReadDefaultModel(Toml));
    }

    [Fact]
    public void ReadDefaultModel_EscapesInBasicString_AreDecoded()
    {
        Assert.Equal("a\"b", TomlModelReader.ReadDefaultModel("default_model = \"a\\\"b\"\n"));
    }

    [Fact]
    public void ReadDefaultModel_NoDefaultModel_ReturnsNull()
    {
        Assert.Null(TomlModelReader.ReadDefaultModel("[models.x]\nmodel = \"y\"\n"));
    }

    [Fact]
    public void ReadDefaultModel_Garbage_ReturnsNullWithoutThrowing()
    {
        Assert.Null(TomlModelReader.ReadDefaultModel("default_model = \"unterminated\n[[[\n= = =\n\"\\u12\""));
    }
}
