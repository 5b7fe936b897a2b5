namespace Omk.Cost.Adapters.PostgreSql;

/// <summary>One numbered schema change, shipped as an embedded <c>Migrations/NNNN_name.sql</c>.</summary>
/// <param name="Version">The number; migrations run in this order, each once.</param>
/// <param name="Name">The rest of the file name, for the version table and messages.</param>
/// <param name="Sql">The statements.</param>
internal sealed record Migration(int Version, string Name, string Sql);
