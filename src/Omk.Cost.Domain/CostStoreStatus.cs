namespace Omk.Cost.Domain;

/// <summary>What <see cref="ICostStoreMaintenance.DescribeAsync"/> tells of a store.</summary>
/// <param name="Location">Where the store is, without password.</param>
/// <param name="SchemaVersion">The store's schema version (0 when it has no schema yet).</param>
/// <param name="LatestSchemaVersion">The newest schema version this version of the store knows.</param>
/// <param name="Sessions">How many sessions it holds.</param>
/// <param name="SizeBytes">How much space its sessions take, in bytes.</param>
public sealed record CostStoreStatus(string Location, int SchemaVersion, int LatestSchemaVersion, long Sessions, long SizeBytes);
