namespace Omk.Testing.Stores;

/// <summary>
/// A fresh, empty database on the shared throwaway server, for one test class (<c>IClassFixture</c>).
/// </summary>
public sealed class PostgreSqlDatabase
{
    public PostgreSqlDatabase()
    {
        Server = PostgreSqlServer.Shared;
        Name = Server.CreateDatabase();
    }

    /// <summary>Gets the server.</summary>
    public PostgreSqlServer Server { get; }

    /// <summary>Gets the database's name.</summary>
    public string Name { get; }

    /// <summary>Gets an Npgsql connection string to the database as the superuser.</summary>
    public string ConnectionString => Server.ConnectionString(Name);

    /// <summary>Gets a libpq URI to the database.</summary>
    /// <param name="user">The role.</param>
    /// <returns>The URI.</returns>
    public string Uri(string user = "postgres") => Server.Uri(Name, user);

    /// <summary>Runs SQL as the superuser.</summary>
    /// <param name="sql">The statements.</param>
    public void Execute(string sql) => Server.Execute(Name, sql);

    /// <summary>Runs a query as the superuser.</summary>
    /// <param name="sql">The query.</param>
    /// <returns>Its first value.</returns>
    public object? Scalar(string sql) => Server.Scalar(Name, sql);
}
