using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Omk.Cost.Application.Tests;

/// <summary>
/// The closed options services give a host the options that the open generic ones of <c>AddOptions</c> give: every
/// configure, post-configure and validation, made once when first read, a failed validation thrown at every read.
/// </summary>
public sealed class ClosedOptionsTests
{
    [Fact]
    public void Value_ConfiguredPostConfiguredAndValid_IsWhatTheOpenGenericOptionsGive()
    {
        using var closed = Provider(closedFirst: true, limit: 3);
        using var open = Provider(closedFirst: false, limit: 3);

        var options = closed.GetRequiredService<IOptions<SampleOptions>>();

        Assert.DoesNotContain("UnnamedOptionsManager", options.GetType().Name, StringComparison.Ordinal);
        Assert.Equal(open.GetRequiredService<IOptions<SampleOptions>>().Value.Text, options.Value.Text);
        Assert.Equal("configured, post-configured", options.Value.Text);
        Assert.Same(options.Value, options.Value);
        Assert.Same(options, closed.GetRequiredService<IOptions<SampleOptions>>());
    }

    [Fact]
    public void Value_Invalid_ThrowsTheValidationAtEveryRead()
    {
        using var provider = Provider(closedFirst: true, limit: 0);
        var options = provider.GetRequiredService<IOptions<SampleOptions>>();

        var first = Assert.Throws<OptionsValidationException>(() => options.Value);
        var second = Assert.Throws<OptionsValidationException>(() => options.Value);

        Assert.Contains("the limit must be positive", first.Message, StringComparison.Ordinal);
        Assert.NotSame(first, second);
    }

    [Fact]
    public void Add_HostRegisteredItsOwnOptions_KeepsThem()
    {
        var services = new ServiceCollection();
        var own = Options.Create(new SampleOptions { Text = "the host's" });
        services.AddSingleton(own);

        ClosedOptions.Add<SampleOptions>(services);
        using var provider = services.BuildServiceProvider();

        Assert.Same(own, provider.GetRequiredService<IOptions<SampleOptions>>());
    }

    [Fact]
    public void Snapshot_ConfiguredFromAScopedService_IsMadeInEachScopeAsWithTheOpenGenericOptions()
    {
        // A host (a generic host in Development validates scopes) whose configure reads a scoped service: its
        // IOptionsSnapshot is made in the scope, through a factory made there, as AddOptions registers it (transient).
        var services = new ServiceCollection();
        ClosedOptions.Add<SampleOptions>(services);
        services.AddScoped<ScopedText>();
        services.AddOptions<SampleOptions>().Configure<ScopedText>(static (options, text) => options.Text = text.Value);
        using var provider = services.BuildServiceProvider(new ServiceProviderOptions { ValidateScopes = true });
        using var first = provider.CreateScope();
        using var second = provider.CreateScope();

        var one = first.ServiceProvider.GetRequiredService<IOptionsSnapshot<SampleOptions>>().Value.Text;
        var other = second.ServiceProvider.GetRequiredService<IOptionsSnapshot<SampleOptions>>().Value.Text;

        Assert.Equal(first.ServiceProvider.GetRequiredService<ScopedText>().Value, one);
        Assert.Equal(second.ServiceProvider.GetRequiredService<ScopedText>().Value, other);
        Assert.NotEqual(one, other);
    }

    private static ServiceProvider Provider(bool closedFirst, int limit)
    {
        var services = new ServiceCollection();
        if (closedFirst)
        {
            ClosedOptions.Add<SampleOptions>(services);
        }

        services.AddOptions<SampleOptions>()
            .Configure(options => (options.Text, options.Limit) = ("configured", limit))
            .PostConfigure(options => options.Text += ", post-configured")
            .Validate(options => options.Limit > 0, "the limit must be positive");
        return services.BuildServiceProvider();
    }

    public sealed class SampleOptions
    {
        public string Text { get; set; } = "";

        public int Limit { get; set; }
    }

    public sealed class ScopedText
    {
        public string Value { get; } = Guid.NewGuid().ToString("N");
    }
}
