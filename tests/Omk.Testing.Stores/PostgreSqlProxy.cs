using System.Net;
using System.Net.Sockets;
using System.Text;

namespace Omk.Testing.Stores;

/// <summary>
/// A TCP proxy on the loopback between omk and a throwaway server's Unix socket, which can cut a connection where a
/// network would: after the client's COMMIT reached the server but before its answer came back, or at random points.
/// </summary>
/// <remarks>
/// The proxy reads the client's bytes as text to find SQL in them (PostgreSQL's messages carry SQL as plain UTF-8), so
/// a cut can be aimed at the COMMIT of a transaction that wrote a given table.
/// </remarks>
public sealed class PostgreSqlProxy : IAsyncDisposable
{
    private readonly string _socket;
    private readonly TcpListener _listener = new(IPAddress.Loopback, 0);
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _accepting;
    private readonly Lock _lock = new();
    private string[]? _dropAfter;
    private Random? _random;
    private double _cutChance;
    private int _cuts;
    private volatile bool _stalled;

    /// <summary>Initializes a new instance of the <see cref="PostgreSqlProxy"/> class and starts listening.</summary>
    /// <param name="server">The server to forward to.</param>
    public PostgreSqlProxy(PostgreSqlServer server)
    {
        ArgumentNullException.ThrowIfNull(server);
        _socket = Path.Combine(server.Folder, ".s.PGSQL.5432");
        _listener.Start();
        _accepting = AcceptAsync();
    }

    /// <summary>Gets the loopback port the proxy listens on.</summary>
    public int Port => ((IPEndPoint)_listener.LocalEndpoint).Port;

    /// <summary>Gets how many connections the proxy has cut.</summary>
    public int Cuts => Volatile.Read(ref _cuts);

    /// <summary>Gets a libpq URI to a database through the proxy, as <paramref name="user"/>.</summary>
    /// <param name="database">The database.</param>
    /// <param name="user">The role.</param>
    /// <returns>The URI.</returns>
    public string Uri(string database, string user = "postgres") => $"postgresql://{user}@127.0.0.1:{Port}/{database}";

    /// <summary>
    /// Cuts the next connection whose client sends each of <paramref name="sql"/> in order: the last one reaches the
    /// server, the server answers, and the answer is thrown away as the connection is closed on both sides. Once.
    /// </summary>
    /// <param name="sql">Texts the client sends, such as <c>INSERT INTO omk_cost.sessions</c> then <c>COMMIT</c>.</param>
    public void DropTheAnswerTo(params string[] sql)
    {
        lock (_lock)
        {
            _dropAfter = sql;
        }
    }

    /// <summary>
    /// Cuts connections at random: each chunk of bytes in either direction ends its connection with the given chance,
    /// before or after it is forwarded (so a COMMIT may arrive with its answer lost).
    /// </summary>
    /// <param name="seed">The seed of the cuts.</param>
    /// <param name="chance">The chance of a cut at each chunk, from 0 to 1.</param>
    public void CutAtRandom(int seed, double chance)
    {
        lock (_lock)
        {
            _random = new Random(seed);
            _cutChance = chance;
        }
    }

    /// <summary>
    /// Makes the proxy a server that accepts and never answers: a new connection is accepted and held, nothing sent to
    /// it, until <see cref="Answer"/> or the proxy is disposed.
    /// </summary>
    public void Stall() => _stalled = true;

    /// <summary>Forwards new connections again after <see cref="Stall"/>.</summary>
    public void Answer() => _stalled = false;

    /// <summary>Stops cutting at random.</summary>
    public void StopCutting()
    {
        lock (_lock)
        {
            _random = null;
        }
    }

    /// <inheritdoc/>
    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync().ConfigureAwait(false);
        _listener.Stop();
        try
        {
            await _accepting.ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
        }
        catch (SocketException)
        {
        }
        catch (ObjectDisposedException)
        {
        }

        _stop.Dispose();
    }

    private async Task AcceptAsync()
    {
        while (!_stop.IsCancellationRequested)
        {
            var client = await _listener.AcceptSocketAsync(_stop.Token).ConfigureAwait(false);
            _ = Task.Run(() => ForwardAsync(client));
        }
    }

    private async Task ForwardAsync(Socket client)
    {
        using var server = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified);
        using (client)
        {
            if (_stalled)
            {
                try
                {
                    await Task.Delay(Timeout.Infinite, _stop.Token).ConfigureAwait(false);
                }
                catch (OperationCanceledException)
                {
                }

                return;
            }

            try
            {
                await server.ConnectAsync(new UnixDomainSocketEndPoint(_socket), _stop.Token).ConfigureAwait(false);
            }
            catch (SocketException)
            {
                return;
            }

            var connection = new Connection(client, server);
            await Task.WhenAll(ToServerAsync(connection), ToClientAsync(connection)).ConfigureAwait(false);
        }
    }

    private async Task ToServerAsync(Connection connection)
    {
        var buffer = new byte[64 * 1024];
        try
        {
            while (true)
            {
                var read = await connection.Client.ReceiveAsync(buffer, _stop.Token).ConfigureAwait(false);
                if (read == 0 || RandomCut(connection))
                {
                    break;
                }

                lock (_lock)
                {
                    if (_dropAfter is { } sequence)
                    {
                        connection.Sent.Append(Encoding.Latin1.GetString(buffer, 0, read));
                        if (SentInOrder(connection.Sent.ToString(), sequence))
                        {
                            _dropAfter = null;
                            connection.DropAnswer = true;
                        }
                    }
                }

                await connection.Server.SendAsync(buffer.AsMemory(0, read), _stop.Token).ConfigureAwait(false);
                if (RandomCut(connection))
                {
                    break;
                }
            }
        }
        catch (Exception exception) when (exception is SocketException or OperationCanceledException or ObjectDisposedException)
        {
        }

        connection.Close();
    }

    private async Task ToClientAsync(Connection connection)
    {
        var buffer = new byte[64 * 1024];
        try
        {
            while (true)
            {
                var read = await connection.Server.ReceiveAsync(buffer, _stop.Token).ConfigureAwait(false);
                if (read == 0 || RandomCut(connection))
                {
                    break;
                }

                if (connection.DropAnswer)
                {
                    Interlocked.Increment(ref _cuts);
                    break;
                }

                await connection.Client.SendAsync(buffer.AsMemory(0, read), _stop.Token).ConfigureAwait(false);
            }
        }
        catch (Exception exception) when (exception is SocketException or OperationCanceledException or ObjectDisposedException)
        {
        }

        connection.Close();
    }

    private static bool SentInOrder(string sent, string[] sequence)
    {
        var at = 0;
        foreach (var sql in sequence)
        {
            at = sent.IndexOf(sql, at, StringComparison.Ordinal);
            if (at < 0)
            {
                return false;
            }

            at += sql.Length;
        }

        return true;
    }

    private bool RandomCut(Connection connection)
    {
        lock (_lock)
        {
            if (_random is null || _random.NextDouble() >= _cutChance)
            {
                return false;
            }
        }

        Interlocked.Increment(ref _cuts);
        connection.Close();
        return true;
    }

    private sealed class Connection(Socket client, Socket server)
    {
        private int _closed;
        private bool _dropAnswer;

        public Socket Client { get; } = client;

        public Socket Server { get; } = server;

        public StringBuilder Sent { get; } = new();

        public bool DropAnswer
        {
            get => Volatile.Read(ref _dropAnswer);
            set => Volatile.Write(ref _dropAnswer, value);
        }

        public void Close()
        {
            if (Interlocked.Exchange(ref _closed, 1) == 0)
            {
                Client.Close();
                Server.Close();
            }
        }
    }
}
