using Microsoft.Extensions.Options;

namespace Omk.Cost.Adapters.PostgreSql;

/// <summary>
/// Validates <see cref="PostgreSqlCostOptions"/> with code generated at build time (no reflection, safe for Native AOT).
/// </summary>
[OptionsValidator]
internal sealed partial class PostgreSqlCostOptionsValidator : IValidateOptions<PostgreSqlCostOptions>;
