using System.Diagnostics.CodeAnalysis;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace Omk.Cost.Application;

/// <summary>
/// Registers <see cref="IOptions{TOptions}"/> and <see cref="IOptionsFactory{TOptions}"/> of one options type as closed
/// services, beside the open generic ones that <c>AddOptions</c> registers: the dependency injection container then makes
/// them from code compiled for that type, where the open generics make a Native AOT process build
/// <c>UnnamedOptionsManager&lt;T&gt;</c> and <c>OptionsFactory&lt;T&gt;</c> with its type loader at run time (about
/// 1 ms of every <c>omk</c> command: docs/decisions/0017-options-registered-closed.md).
/// </summary>
/// <remarks>
/// The options are the same: the factory runs every <see cref="IConfigureOptions{TOptions}"/>,
/// <see cref="IPostConfigureOptions{TOptions}"/> and <see cref="IValidateOptions{TOptions}"/> registered for the type, and
/// <see cref="IOptions{TOptions}.Value"/> is made once, when first read, as <c>UnnamedOptionsManager&lt;T&gt;</c> makes
/// it (a failed validation is thrown again at the next read, never kept). A host that registered its own closed service
/// keeps it.
/// </remarks>
internal static class ClosedOptions
{
    /// <summary>Registers the closed services of <typeparamref name="TOptions"/>, once.</summary>
    /// <typeparam name="TOptions">The options type.</typeparam>
    /// <param name="services">The service collection.</param>
    public static void Add<[DynamicallyAccessedMembers(DynamicallyAccessedMemberTypes.PublicParameterlessConstructor)] TOptions>(IServiceCollection services)
        where TOptions : class
    {
        // Transient, as AddOptions registers it: an IOptionsSnapshot<T> made in a scope runs the configures made there.
        services.TryAddTransient<IOptionsFactory<TOptions>>(static provider => new OptionsFactory<TOptions>(
            provider.GetServices<IConfigureOptions<TOptions>>(),
            provider.GetServices<IPostConfigureOptions<TOptions>>(),
            provider.GetServices<IValidateOptions<TOptions>>()));
        services.TryAddSingleton<IOptions<TOptions>>(static provider => new FactoryOptions<TOptions>(provider.GetRequiredService<IOptionsFactory<TOptions>>()));
    }

    /// <summary>The options of the default name, made by the factory when first read.</summary>
    private sealed class FactoryOptions<[DynamicallyAccessedMembers(DynamicallyAccessedMemberTypes.PublicParameterlessConstructor)] TOptions>(IOptionsFactory<TOptions> factory) : IOptions<TOptions>
        where TOptions : class
    {
        private readonly Lock _lock = new();
        private volatile TOptions? _value;

        public TOptions Value
        {
            get
            {
                if (_value is { } value)
                {
                    return value;
                }

                lock (_lock)
                {
                    return _value ??= factory.Create(Options.DefaultName);
                }
            }
        }
    }
}
