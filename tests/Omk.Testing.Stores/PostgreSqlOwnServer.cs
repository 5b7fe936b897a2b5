namespace Omk.Testing.Stores;

/// <summary>
/// A throwaway server of a test class's own (<c>IClassFixture</c>), for tests that stop and restart it; dispose
/// stops it and removes its folder.
/// </summary>
public sealed class PostgreSqlOwnServer : IDisposable
{
    /// <summary>Gets the server.</summary>
    public PostgreSqlServer Server { get; } = PostgreSqlServer.StartNew();

    /// <inheritdoc/>
    public void Dispose() => Server.Dispose();
}
