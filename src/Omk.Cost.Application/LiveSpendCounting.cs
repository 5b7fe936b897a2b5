namespace Omk.Cost.Application;

/// <summary>That budgets count the registered <see cref="ILiveSpendSource"/>'s spend (<see cref="OmkCostServiceCollectionExtensions.CountLiveSpend(IOmkCostBuilder, ILiveSpendSource, bool)"/>).</summary>
/// <param name="ImportIntoStore">Whether steps that read or decide import the sessions into the store first.</param>
internal sealed record LiveSpendCounting(bool ImportIntoStore);
