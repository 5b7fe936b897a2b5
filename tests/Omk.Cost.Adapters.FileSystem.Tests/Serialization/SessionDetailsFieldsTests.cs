using Omk.Cost.Adapters.FileSystem.Serialization;

namespace Omk.Cost.Adapters.FileSystem.Tests.Serialization;

public sealed class SessionDetailsFieldsTests
{
    [Theory]
    [InlineData("model", true)]
    [InlineData("project", true)]
    [InlineData("cache_read_tokens", true)]
    [InlineData("cache_creation_tokens", true)]
    [InlineData("Model", false)]
    [InlineData("id", false)]
    [InlineData("future_field", false)]
    [InlineData("", false)]
    public void IsDetailKey_Key_TellsTheFourDetailKeysOnly(string key, bool expected)
    {
        Assert.Equal(expected, SessionDetailsFields.IsDetailKey(key));
    }
}
