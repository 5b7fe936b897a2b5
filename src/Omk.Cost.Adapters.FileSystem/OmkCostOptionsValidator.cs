using Microsoft.Extensions.Options;

namespace Omk.Cost.Adapters.FileSystem;

/// <summary>
/// Validates <see cref="OmkCostOptions"/> with code generated at build time (no reflection, safe for Native AOT).
/// </summary>
[OptionsValidator]
internal sealed partial class OmkCostOptionsValidator : IValidateOptions<OmkCostOptions>;
