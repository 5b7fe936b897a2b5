namespace Omk.Testing.Stores;

/// <summary>A clock a test sets forward and back (a fake time provider only goes forward), with the system's timers.</summary>
public sealed class MovableClock : TimeProvider
{
    /// <summary>Gets or sets the time it tells.</summary>
    public DateTimeOffset Now { get; set; }

    /// <inheritdoc/>
    public override DateTimeOffset GetUtcNow() => Now;
}
