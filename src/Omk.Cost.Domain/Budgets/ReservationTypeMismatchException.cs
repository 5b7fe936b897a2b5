namespace Omk.Cost.Domain.Budgets;

/// <summary>
/// A settle gave a session of another type than the one its reservation was gated for: the run's type is fixed at the
/// gate, so that a run cannot be checked against one set of budgets and counted against another.
/// </summary>
public sealed class ReservationTypeMismatchException : ArgumentException
{
    /// <summary>Initializes a new instance of the <see cref="ReservationTypeMismatchException"/> class.</summary>
    public ReservationTypeMismatchException()
    {
    }

    /// <summary>Initializes a new instance of the <see cref="ReservationTypeMismatchException"/> class with a message.</summary>
    /// <param name="message">Which reservation and which two types.</param>
    public ReservationTypeMismatchException(string message)
        : base(message)
    {
    }

    /// <summary>Initializes a new instance of the <see cref="ReservationTypeMismatchException"/> class with a message and its cause.</summary>
    /// <param name="message">Which reservation and which two types.</param>
    /// <param name="innerException">The cause.</param>
    public ReservationTypeMismatchException(string message, Exception? innerException)
        : base(message, innerException)
    {
    }
}
