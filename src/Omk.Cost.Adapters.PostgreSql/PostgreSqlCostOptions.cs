using System.ComponentModel.DataAnnotations;

namespace Omk.Cost.Adapters.PostgreSql;

/// <summary>
/// Options of the PostgreSQL team store.
/// </summary>
public sealed class PostgreSqlCostOptions : IValidatableObject
{
    /// <summary>The name of the configuration section these options are usually bound from.</summary>
    public const string SectionName = "OmkCost:PostgreSql";

    private static readonly TimeSpan MaxTimeout = TimeSpan.FromHours(1);

    /// <summary>
    /// Gets or sets the store: a libpq URI (<c>postgresql://user@host/db?sslmode=require</c>) or an Npgsql
    /// connection string (<c>Host=db;Database=omk;Username=recorder</c>).
    /// </summary>
    /// <value>
    /// The default value is <see langword="null"/>, which is not valid. A password may be given here, in
    /// <c>PGPASSWORD</c> or in <c>~/.pgpass</c>; it is never shown in a message.
    /// </value>
    [Required]
    public string? ConnectionString { get; set; }

    /// <summary>
    /// Gets or sets the password to use when <see cref="ConnectionString"/> gives none, as libpq takes
    /// <c>PGPASSWORD</c>.
    /// </summary>
    /// <value>The default value is <see langword="null"/>: none. It is never shown in a message.</value>
    public string? Password { get; set; }

    /// <summary>
    /// Gets or sets the password file (libpq's <c>~/.pgpass</c> format) to look in when neither
    /// <see cref="ConnectionString"/> nor <see cref="Password"/> gives a password.
    /// </summary>
    /// <value>The default value is <see langword="null"/>: Npgsql's own choice (<c>PGPASSFILE</c>, else <c>~/.pgpass</c>).</value>
    public string? PasswordFile { get; set; }

    /// <summary>
    /// Gets or sets how long to wait for the server before the store counts as unreachable.
    /// </summary>
    /// <value>The default value is 5 seconds. It must be from one second to one hour.</value>
    public TimeSpan ConnectTimeout { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>
    /// Gets or sets how long one statement may run.
    /// </summary>
    /// <value>The default value is 30 seconds. It must be from one second to one hour.</value>
    public TimeSpan CommandTimeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>
    /// Gets or sets the machine name stored with every session recorded here.
    /// </summary>
    /// <value>The default value is <see langword="null"/>: <see cref="Environment.MachineName"/>.</value>
    public string? HostName { get; set; }

    /// <summary>
    /// Gets or sets the user name stored with every session recorded here.
    /// </summary>
    /// <value>The default value is <see langword="null"/>: <see cref="Environment.UserName"/>.</value>
    public string? UserName { get; set; }

    /// <summary>
    /// Gets or sets a value indicating whether the schema is created or migrated on first use.
    /// </summary>
    /// <value>The default value is <see langword="true"/>; a role that may not change the schema needs it migrated first.</value>
    public bool MigrateOnFirstUse { get; set; } = true;

    /// <summary>Checks the rules that attributes cannot express.</summary>
    /// <param name="validationContext">The validation context.</param>
    /// <returns>The broken rules.</returns>
    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (!string.IsNullOrWhiteSpace(ConnectionString) && !PostgreSqlStoreAddress.TryParse(ConnectionString, out _, out var error))
        {
            yield return new ValidationResult(error, [nameof(ConnectionString)]);
        }

        if (ConnectTimeout < TimeSpan.FromSeconds(1) || ConnectTimeout > MaxTimeout)
        {
            yield return new ValidationResult(
                $"The connect timeout {ConnectTimeout} must be from one second to one hour.",
                [nameof(ConnectTimeout)]);
        }

        if (CommandTimeout < TimeSpan.FromSeconds(1) || CommandTimeout > MaxTimeout)
        {
            yield return new ValidationResult(
                $"The command timeout {CommandTimeout} must be from one second to one hour.",
                [nameof(CommandTimeout)]);
        }

        if (HostName is not null && string.IsNullOrWhiteSpace(HostName))
        {
            yield return new ValidationResult("The host name must not be empty; leave it unset to use the machine's name.", [nameof(HostName)]);
        }

        if (UserName is not null && string.IsNullOrWhiteSpace(UserName))
        {
            yield return new ValidationResult("The user name must not be empty; leave it unset to use the account's name.", [nameof(UserName)]);
        }
    }
}
