using System.ComponentModel.DataAnnotations;

namespace Omk.Cost.Adapters.FileSystem;

/// <summary>
/// Options of the omk cost store.
/// </summary>
public sealed class OmkCostOptions : IValidatableObject
{
    /// <summary>The name of the configuration section these options are usually bound from.</summary>
    public const string SectionName = "OmkCost";

    private static readonly TimeSpan MaxLockTimeout = TimeSpan.FromHours(1);

    /// <summary>
    /// Gets or sets the folder that holds the cost history.
    /// </summary>
    /// <value>
    /// The default value is <see langword="null"/>, which <c>AddOmkCost()</c> turns into <c>$OMK_STATE_DIR</c> if set,
    /// else <c>$XDG_STATE_HOME/omk</c>, else <c>~/.local/state/omk</c> (<see cref="OmkStateDirectory.Resolve(string?)"/>),
    /// where the Rust omk keeps its history too. A <see cref="JsonFileCostSink"/> built by hand needs it set.
    /// </value>
    public string? StateDirectory { get; set; }

    /// <summary>
    /// Gets or sets the file name of the cost history inside <see cref="StateDirectory"/>.
    /// </summary>
    /// <value>The default value is <c>costs.json</c>.</value>
    [Required]
    public string FileName { get; set; } = "costs.json";

    /// <summary>
    /// Gets or sets how long a record waits for another process that holds the store's lock.
    /// </summary>
    /// <value>The default value is 10 seconds. It must be from zero to one hour.</value>
    public TimeSpan LockTimeout { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>
    /// Gets or sets a value indicating whether a state folder owned by another user, or writable by its group or by
    /// others, is used anyway.
    /// </summary>
    /// <value>
    /// The default value is <see langword="false"/>: such a folder is refused, as OpenSSH's <c>StrictModes</c> refuses
    /// such a home, because another user could read, replace or block the cost history in it.
    /// </value>
    public bool InsecureStateDirectory { get; set; }

    /// <summary>Checks the rules that attributes cannot express.</summary>
    /// <param name="validationContext">The validation context.</param>
    /// <returns>The broken rules.</returns>
    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (!string.IsNullOrEmpty(FileName)
            && (FileName.AsSpan().IndexOfAny(Path.GetInvalidFileNameChars()) >= 0
                || FileName.Contains('/', StringComparison.Ordinal)
                || FileName.Contains('\\', StringComparison.Ordinal)
                || FileName is "." or ".."))
        {
            yield return new ValidationResult(
                $"The file name '{FileName}' must be a plain file name, without folders.",
                [nameof(FileName)]);
        }

        if (LockTimeout < TimeSpan.Zero || LockTimeout > MaxLockTimeout)
        {
            yield return new ValidationResult(
                $"The lock timeout {LockTimeout} must be from zero to one hour.",
                [nameof(LockTimeout)]);
        }

        if (StateDirectory is not null && string.IsNullOrWhiteSpace(StateDirectory))
        {
            yield return new ValidationResult(
                "The state directory must not be empty; leave it unset to use the default.",
                [nameof(StateDirectory)]);
        }
    }
}
