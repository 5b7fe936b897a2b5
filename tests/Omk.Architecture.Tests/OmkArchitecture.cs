using System.Reflection;
using ArchUnitNET.Loader;
using ArchitectureModel = ArchUnitNET.Domain.Architecture;

namespace Omk.Architecture.Tests;

/// <summary>
/// The assemblies of the solution, loaded once for every architecture test.
/// </summary>
/// <remarks>
/// Each assembly is found from a public marker type where one exists, otherwise by name, so that an assembly
/// whose project has no public type yet still loads (and a rule about it fails for matching nothing).
/// </remarks>
internal static class OmkArchitecture
{
    public static readonly Assembly Domain = typeof(Cost.Domain.CostTracker).Assembly;

    public static readonly Assembly Application = typeof(Cost.Application.RecordUseCase).Assembly;

    public static readonly Assembly RuntimeAtomic = Assembly.Load("Omk.Runtime.Atomic");

    public static readonly Assembly FileSystemAdapter = typeof(Cost.Adapters.FileSystem.OmkCostJsonFilesBuilderExtensions).Assembly;

    public static readonly Assembly KimiAdapter = Assembly.Load("Omk.Cost.Adapters.Kimi");

    public static readonly Assembly PostgreSqlAdapter = typeof(Cost.Adapters.PostgreSql.OmkCostPostgreSqlBuilderExtensions).Assembly;

    public static readonly Assembly Cli = typeof(Cli.Program).Assembly;

    /// <summary>Gets every src assembly of the solution.</summary>
    public static readonly Assembly[] All = [Domain, Application, RuntimeAtomic, FileSystemAdapter, KimiAdapter, PostgreSqlAdapter, Cli];

    public static readonly ArchitectureModel Model = new ArchLoader().LoadAssemblies(All).Build();
}
