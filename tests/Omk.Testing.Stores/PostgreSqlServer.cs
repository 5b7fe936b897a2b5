using System.Diagnostics;
using System.Globalization;
using Npgsql;

namespace Omk.Testing.Stores;

/// <summary>
/// A throwaway PostgreSQL server for a test run: <c>initdb</c> into a fresh temp folder (as the <c>postgres</c> OS user
/// when the tests run as root, since initdb refuses root), listening on a Unix socket in that folder only (no TCP),
/// stopped and removed when disposed or when the test process ends.
/// </summary>
public sealed class PostgreSqlServer : IDisposable
{
    /// <summary>The package that holds the server's programs, named in the failure when they are missing.</summary>
    public const string Package = "postgresql";

    private static readonly Lazy<PostgreSqlServer> SharedServer = new(StartShared, LazyThreadSafetyMode.ExecutionAndPublication);
    private static int _databases;
    private readonly Lock _hbaLock = new();
    private readonly string _binDirectory;
    private readonly bool _asPostgresUser;
    private bool _disposed;

    private PostgreSqlServer(string binDirectory)
    {
        _binDirectory = binDirectory;
        _asPostgresUser = Environment.UserName == "root";
        Folder = Path.Combine(Path.GetTempPath(), "omk-pg-" + Guid.NewGuid().ToString("N")[..12]);
        Directory.CreateDirectory(Folder);
        if (_asPostgresUser)
        {
            Run("chown", null, "postgres:postgres", Folder);
        }

        DataDirectory = Path.Combine(Folder, "data");
        RunAsServerUser("initdb", "-D", DataDirectory, "-U", "postgres", "-A", "trust", "-E", "UTF8", "--locale=C", "--no-sync", "--no-instructions");
        File.AppendAllText(
            Path.Combine(DataDirectory, "postgresql.conf"),
            $"\nlisten_addresses = ''\nunix_socket_directories = '{Folder}'\nfsync = off\nfull_page_writes = off\nmax_connections = 200\nshared_buffers = 64MB\n");
        Start();
        StartWatchdog();
    }

    /// <summary>Gets the server shared by every test of this process, started on first use.</summary>
    public static PostgreSqlServer Shared => SharedServer.Value;

    /// <summary>Gets the temp folder that holds the data folder, the log and the socket.</summary>
    public string Folder { get; }

    /// <summary>Gets the data folder.</summary>
    public string DataDirectory { get; }

    /// <summary>Gets an Npgsql connection string to a database of this server as its superuser.</summary>
    /// <param name="database">The database.</param>
    /// <returns>The connection string.</returns>
    public string ConnectionString(string database = "postgres") =>
        new NpgsqlConnectionStringBuilder { Host = Folder, Database = database, Username = "postgres", Pooling = false, Timeout = 5 }.ConnectionString;

    /// <summary>Gets a libpq URI to a database of this server, as <paramref name="user"/>.</summary>
    /// <param name="database">The database.</param>
    /// <param name="user">The role.</param>
    /// <returns>The URI.</returns>
    public string Uri(string database, string user = "postgres") =>
        $"postgresql://{user}@/{database}?host={System.Uri.EscapeDataString(Folder)}";

    /// <summary>Starts a new server of its own, for a test that stops and restarts it.</summary>
    /// <returns>The running server; dispose it at the end of the test.</returns>
    public static PostgreSqlServer StartNew() => new(FindBinaries());

    /// <summary>Creates a fresh, empty database.</summary>
    /// <returns>Its name.</returns>
    public string CreateDatabase()
    {
        var name = string.Create(CultureInfo.InvariantCulture, $"omk_test_{Environment.ProcessId}_{Interlocked.Increment(ref _databases)}");
        Execute("postgres", $"CREATE DATABASE {name}");
        return name;
    }

    /// <summary>Runs SQL as the superuser.</summary>
    /// <param name="database">The database.</param>
    /// <param name="sql">The statements.</param>
    public void Execute(string database, string sql)
    {
        using var connection = new NpgsqlConnection(ConnectionString(database));
        connection.Open();
        using var command = new NpgsqlCommand(sql, connection);
        command.ExecuteNonQuery();
    }

    /// <summary>Runs a query as the superuser and returns its first value.</summary>
    /// <param name="database">The database.</param>
    /// <param name="sql">The query.</param>
    /// <returns>The first column of the first row.</returns>
    public object? Scalar(string database, string sql)
    {
        using var connection = new NpgsqlConnection(ConnectionString(database));
        connection.Open();
        using var command = new NpgsqlCommand(sql, connection);
        return command.ExecuteScalar();
    }

    /// <summary>
    /// Creates a login role that must give its password (<c>scram-sha-256</c>): a line for it alone is put first in
    /// <c>pg_hba.conf</c>, so every other role keeps trust, and the server reloads its configuration.
    /// </summary>
    /// <param name="role">The role's name, new on this server.</param>
    /// <param name="password">Its password.</param>
    public void AddPasswordRole(string role, string password)
    {
        Execute("postgres", $"SET password_encryption = 'scram-sha-256'; CREATE ROLE {role} LOGIN SUPERUSER PASSWORD '{password.Replace("'", "''", StringComparison.Ordinal)}'");
        lock (_hbaLock)
        {
            var hba = Path.Combine(DataDirectory, "pg_hba.conf");
            File.WriteAllText(hba, $"local all {role} scram-sha-256\n" + File.ReadAllText(hba));
        }

        Scalar("postgres", "SELECT pg_reload_conf()");

        // The reload is a signal: wait until a connection without the password is refused.
        var withoutPassword = new NpgsqlConnectionStringBuilder(ConnectionString()) { Username = role }.ConnectionString;
        for (var attempt = 0; attempt < 100; attempt++)
        {
            try
            {
                using var connection = new NpgsqlConnection(withoutPassword);
                connection.Open();
            }
            catch (NpgsqlException)
            {
                return;
            }

            Thread.Sleep(50);
        }

        throw new InvalidOperationException($"the server still lets {role} in without a password after reloading pg_hba.conf");
    }

    /// <summary>Starts the server and waits until it accepts connections.</summary>
    public void Start() =>
        RunAsServerUser("pg_ctl", "-D", DataDirectory, "-l", Path.Combine(Folder, "server.log"), "-w", "-t", "30", "start");

    /// <summary>Starts the server unless it runs.</summary>
    public void EnsureStarted()
    {
        try
        {
            RunAsServerUser("pg_ctl", "-D", DataDirectory, "status");
        }
        catch (InvalidOperationException)
        {
            Start();
        }
    }

    /// <summary>Stops the server at once, as a crash would: <c>pg_ctl stop -m immediate</c>.</summary>
    public void StopImmediately() => RunAsServerUser("pg_ctl", "-D", DataDirectory, "-m", "immediate", "-w", "stop");

    /// <inheritdoc/>
    public void Dispose()
    {
        if (_disposed)
        {
            return;
        }

        _disposed = true;
        try
        {
            RunAsServerUser("pg_ctl", "-D", DataDirectory, "-m", "immediate", "-w", "stop");
        }
        catch (InvalidOperationException)
        {
            // Already stopped.
        }

        try
        {
            Directory.Delete(Folder, recursive: true);
        }
        catch (DirectoryNotFoundException)
        {
        }
    }

    private static PostgreSqlServer StartShared() => new(FindBinaries());

    /// <summary>
    /// Starts a detached shell that stops the server and removes its folder once this process has ended, however it
    /// ends: the test host may exit before a process-exit handler finishes, or be killed.
    /// </summary>
    private void StartWatchdog()
    {
        var stop = _asPostgresUser ? "runuser -u postgres -- " : string.Empty;
        var script = string.Join(
            "; ",
            "exec >/dev/null 2>&1 </dev/null",
            $"while kill -0 {Environment.ProcessId}; do sleep 0.5; done",
            $"{stop}'{Path.Combine(_binDirectory, "pg_ctl")}' -D '{DataDirectory}' -m immediate -w stop",
            $"rm -rf '{Folder}'");
        var start = new ProcessStartInfo("setsid") { UseShellExecute = false };
        foreach (var argument in new[] { "sh", "-c", script })
        {
            start.ArgumentList.Add(argument);
        }

        using var watchdog = Process.Start(start);
    }

    private static string FindBinaries()
    {
        var candidates = new List<string>();
        if (Directory.Exists("/usr/lib/postgresql"))
        {
            candidates.AddRange(Directory.GetDirectories("/usr/lib/postgresql").OrderDescending(StringComparer.Ordinal).Select(static version => Path.Combine(version, "bin")));
        }

        candidates.AddRange((Environment.GetEnvironmentVariable("PATH") ?? string.Empty).Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries));
        return candidates.FirstOrDefault(static folder => File.Exists(Path.Combine(folder, "initdb")) && File.Exists(Path.Combine(folder, "pg_ctl")))
            ?? throw new InvalidOperationException(
                $"the PostgreSQL tests need a PostgreSQL server's programs (initdb, pg_ctl), found neither in /usr/lib/postgresql/*/bin nor on PATH: install the package '{Package}' (Debian: apt-get install -y {Package})");
    }

    private void RunAsServerUser(string program, params string[] arguments)
    {
        var path = Path.Combine(_binDirectory, program);
        if (_asPostgresUser)
        {
            Run("runuser", Folder, ["-u", "postgres", "--", path, .. arguments]);
        }
        else
        {
            Run(path, Folder, arguments);
        }
    }

    private static void Run(string program, string? workingDirectory, params string[] arguments)
    {
        var start = new ProcessStartInfo(program)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = workingDirectory ?? Path.GetTempPath(),
        };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start) ?? throw new InvalidOperationException($"could not start {program}");
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(TimeSpan.FromSeconds(60)))
        {
            process.Kill(entireProcessTree: true);
            throw new InvalidOperationException($"{program} {string.Join(' ', arguments)} did not end within 60 s");
        }

        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"{program} {string.Join(' ', arguments)} failed with exit code {process.ExitCode}: {error.Result}{output.Result}");
        }
    }
}
