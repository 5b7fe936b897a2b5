namespace Omk.Cost.Domain;

/// <summary>
/// The pricing tiers of the heuristic estimator, each a rate in US dollars per one million output tokens.
/// Input tokens cost a quarter of the output rate.
/// </summary>
public enum PricingTier
{
    /// <summary>About $2 per one million output tokens.</summary>
    Budget,

    /// <summary>About $8 per one million output tokens. This is the default tier.</summary>
    Standard,

    /// <summary>About $24 per one million output tokens.</summary>
    Premium,
}
