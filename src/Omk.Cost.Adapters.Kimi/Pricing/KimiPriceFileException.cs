namespace Omk.Cost.Adapters.Kimi.Pricing;

/// <summary>
/// A price file cannot be read or does not make sense. The message names the file and what is wrong.
/// </summary>
internal sealed class KimiPriceFileException : Exception
{
    /// <summary>Initializes a new instance of the <see cref="KimiPriceFileException"/> class.</summary>
    public KimiPriceFileException()
    {
    }

    /// <summary>Initializes a new instance of the <see cref="KimiPriceFileException"/> class with a message.</summary>
    /// <param name="message">What went wrong.</param>
    public KimiPriceFileException(string message)
        : base(message)
    {
    }

    /// <summary>Initializes a new instance of the <see cref="KimiPriceFileException"/> class with a message and its cause.</summary>
    /// <param name="message">What went wrong.</param>
    /// <param name="innerException">The cause.</param>
    public KimiPriceFileException(string message, Exception? innerException)
        : base(message, innerException)
    {
    }
}
