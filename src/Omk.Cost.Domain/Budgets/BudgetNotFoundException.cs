namespace Omk.Cost.Domain.Budgets;

/// <summary>
/// A budget was named that does not exist.
/// </summary>
public sealed class BudgetNotFoundException : ArgumentException
{
    /// <summary>Initializes a new instance of the <see cref="BudgetNotFoundException"/> class.</summary>
    public BudgetNotFoundException()
    {
    }

    /// <summary>Initializes a new instance of the <see cref="BudgetNotFoundException"/> class with a message.</summary>
    /// <param name="message">Which budget is missing.</param>
    public BudgetNotFoundException(string message)
        : base(message)
    {
    }

    /// <summary>Initializes a new instance of the <see cref="BudgetNotFoundException"/> class with a message and its cause.</summary>
    /// <param name="message">Which budget is missing.</param>
    /// <param name="innerException">The cause.</param>
    public BudgetNotFoundException(string message, Exception? innerException)
        : base(message, innerException)
    {
    }
}
