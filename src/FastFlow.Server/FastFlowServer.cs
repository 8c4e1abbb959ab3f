using System.Collections.Concurrent;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using FastFlow.Protocol;
using FastFlow.Protocol.Framing;
using FastFlow.Server.Connections;
using FastFlow.Server.Requests;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace FastFlow.Server;

/// <summary>The FastFlow TCP server: serves a <see cref="FlowEngine"/> over the binary protocol
/// of docs/protocol.md. One accept loop; per connection a receive loop, a read loop that cuts
/// and handles frames (requests pipelined, replies multiplexed by request id), and a send loop,
/// joined by System.IO.Pipelines with back-pressure at their thresholds.</summary>
/// <remarks>
/// <para>Limits, from <see cref="FastFlowServerOptions"/>: at most <c>MaxConnections</c> open
/// connections (one more is sent a <c>too_many_connections</c> error frame and closed); frames up
/// to <c>MaxHandshakeFrameBytes</c> before the handshake and <c>MaxFrameBytes</c> after (a longer
/// length prefix is refused from its four bytes); payload nesting up to <c>MaxDepth</c>; the
/// handshake within <c>HandshakeTimeout</c> of connecting, each frame within <c>FrameTimeout</c>
/// of its first byte.</para>
/// <para>The server does not own the engine: stopping the server leaves it running, for its
/// owner to dispose.</para>
/// </remarks>
public sealed class FastFlowServer : IAsyncDisposable
{
    /// <summary>The grace <see cref="DisposeAsync"/> gives requests in flight.</summary>
    private static readonly TimeSpan s_disposeGrace = TimeSpan.FromSeconds(2);

    private const int Created = 0;
    private const int Started = 1;
    private const int Stopped = 2;

    /// <summary>What the connections share.</summary>
    private readonly ConnectionSettings _settings;

    /// <summary>Open connections by number.</summary>
    private readonly ConcurrentDictionary<long, ServerConnection> _connections = new();

    /// <summary>Cancelled when the server stops accepting.</summary>
    private readonly CancellationTokenSource _stopping = new();

    /// <summary>Completed when <see cref="StopAsync"/> has finished.</summary>
    private readonly TaskCompletionSource _stopped = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>The error frame sent to a connection over the limit, encoded once.</summary>
    private readonly byte[] _refusal;

    /// <summary>The listening socket, once started.</summary>
    private Socket? _listener;

    /// <summary>The bound address, once started.</summary>
    private IPEndPoint? _localEndPoint;

    /// <summary>The accept loop.</summary>
    private Task _accepting = Task.CompletedTask;

    /// <summary>The timeout sweeper, once started.</summary>
    private ConnectionSweeper? _sweeper;

    /// <summary>The last connection number given.</summary>
    private long _lastConnectionNumber;

    /// <summary><see cref="Created"/>, <see cref="Started"/> or <see cref="Stopped"/>.</summary>
    private int _state;

    /// <summary>Creates a server for <paramref name="engine"/>; <see cref="StartAsync"/> binds it.</summary>
    /// <param name="engine">The engine requests run on. The server does not dispose it.</param>
    /// <param name="options">Where to listen and the limits.</param>
    /// <param name="logger">Where the server logs; nowhere when null.</param>
    /// <param name="time">The clock behind the handshake and frame timeouts; the system clock when null.</param>
    /// <exception cref="ArgumentException">The options are not usable (no token without
    /// <see cref="FastFlowServerOptions.AllowUnauthenticated"/>, a limit below its minimum).</exception>
    public FastFlowServer(FlowEngine engine, FastFlowServerOptions options, ILogger? logger = null, TimeProvider? time = null)
    {
        ArgumentNullException.ThrowIfNull(engine);
        ArgumentNullException.ThrowIfNull(options);
        Validate(options);
        var log = logger ?? NullLogger.Instance;
        Counters = new ServerCounters();
        var dispatcher = new RequestDispatcher(engine, options, Counters, log);
        _settings = new ConnectionSettings(options, dispatcher, Counters, log, time ?? TimeProvider.System);
        _refusal = ErrorFrames.Encode(ErrorCode.TooManyConnections,
            $"This server allows {options.MaxConnections} open connections and all are in use. Try again when one closes, or raise the limit (FastFlowServerOptions.MaxConnections).");
    }

    /// <summary>The address the server listens on (with the port chosen when the options said 0).</summary>
    /// <exception cref="InvalidOperationException">The server has not been started.</exception>
    public IPEndPoint LocalEndPoint => _localEndPoint ?? throw new InvalidOperationException("The server is not listening yet; call StartAsync first.");

    /// <summary>Live counts for health: connections, subscriptions, leases, draining.</summary>
    internal ServerCounters Counters { get; }

    /// <summary>Raised after a connection has ended and been counted out of
    /// <see cref="ServerCounters.Connections"/> (tests wait on it instead of polling).</summary>
    internal event Action? ConnectionClosed;

    /// <summary>Binds the listening socket and starts accepting connections.</summary>
    /// <exception cref="SocketException">The address cannot be bound (in use, not local, not permitted).</exception>
    /// <exception cref="InvalidOperationException">The server was already started or stopped.</exception>
    public Task StartAsync(CancellationToken cancellationToken = default)
    {
        cancellationToken.ThrowIfCancellationRequested();
        if (Interlocked.CompareExchange(ref _state, Started, Created) != Created)
        {
            throw new InvalidOperationException("A FastFlowServer starts once; create a new one to serve again.");
        }

        var options = _settings.Options;
        var listener = new Socket(options.EndPoint.AddressFamily, SocketType.Stream, ProtocolType.Tcp);
        try
        {
            if (options.EndPoint.AddressFamily == AddressFamily.InterNetworkV6 && options.EndPoint.Address.Equals(IPAddress.IPv6Any))
            {
                listener.DualMode = true;
            }

            listener.Bind(options.EndPoint);
            listener.Listen(512);
        }
        catch
        {
            listener.Dispose();
            Volatile.Write(ref _state, Created);
            throw;
        }

        _listener = listener;
        _localEndPoint = (IPEndPoint)listener.LocalEndPoint!;
        Counters.StartedAt = _settings.Time.GetUtcNow();
        _sweeper = new ConnectionSweeper(_connections, _settings);
        _accepting = AcceptLoopAsync(listener);
        ServerLog.Listening(_settings.Logger, _localEndPoint, options.AllowUnauthenticated ? "off" : "by token", options.MaxConnections);
        return Task.CompletedTask;
    }

    /// <summary>Stops the server: stops accepting (the listener is closed before this method first
    /// yields), marks it draining, stops taking requests, gives the requests in flight up to
    /// <paramref name="grace"/> to send their replies, then sends each connection an error frame
    /// (request id 0, <c>shutting_down</c>) and closes it, and ends the dispatcher's subscriptions
    /// and waits. Returns once every connection has ended (at most about 3 s after the grace). The
    /// engine is left running. Safe to call more than once.</summary>
    public async Task StopAsync(TimeSpan grace)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(grace, TimeSpan.Zero);
        var previous = Interlocked.Exchange(ref _state, Stopped);
        if (previous == Stopped)
        {
            await _stopped.Task.ConfigureAwait(false);
            return;
        }

        try
        {
            Counters.Draining = true;
            if (previous == Started)
            {
                // Before the first await: once StopAsync returns to its caller, connecting is refused.
                StopAccepting();
                await StopServingAsync(grace).ConfigureAwait(false);
            }
            else
            {
                await _settings.Dispatcher.DisposeAsync().ConfigureAwait(false);
            }
        }
        finally
        {
            _stopping.Dispose();
            _stopped.TrySetResult();
        }
    }

    /// <summary>Stops the server with a short grace (2 s) for requests in flight.</summary>
    public ValueTask DisposeAsync() => new(StopAsync(s_disposeGrace));

    /// <summary>Finds an open connection by the id its welcome carried.</summary>
    internal ServerConnection? FindConnection(string connectionId)
    {
        foreach (var pair in _connections)
        {
            if (pair.Value.ConnectionId == connectionId)
            {
                return pair.Value;
            }
        }

        return null;
    }

    private void StopAccepting()
    {
        _stopping.Cancel();
        _listener!.Dispose();
    }

    private async Task StopServingAsync(TimeSpan grace)
    {
        await _accepting.ConfigureAwait(false);
        var open = _connections.Values.ToArray();
        ServerLog.Stopping(_settings.Logger, open.Length, grace.TotalSeconds);
        var draining = open.Select(connection => connection.DrainAsync()).ToArray();
        try
        {
            await Task.WhenAll(draining).WaitAsync(grace, _settings.Time).ConfigureAwait(false);
        }
        catch (TimeoutException)
        {
            ServerLog.DrainTimedOut(_settings.Logger, draining.Count(task => !task.IsCompleted));
        }

        await Task.WhenAll(open.Select(connection => connection.CloseAsync(ErrorCode.ShuttingDown, 0,
            "The server is stopping; requests without a reply were not carried out. Reconnect once it is back."))).ConfigureAwait(false);
        // Disposed before the connections are awaited: a read loop still inside a handler is
        // released by the dispatcher's end, not the other way round.
        await _settings.Dispatcher.DisposeAsync().ConfigureAwait(false);
        try
        {
            // Each connection ends within two lingers (its last bytes out, the client's end of stream).
            await Task.WhenAll(open.Select(connection => connection.Completion))
                .WaitAsync(ServerConnection.CloseLinger * 3, _settings.Time).ConfigureAwait(false);
        }
        catch (TimeoutException)
        {
            ServerLog.ConnectionsLingered(_settings.Logger, open.Count(connection => !connection.Completion.IsCompleted));
        }

        _sweeper?.Dispose();
    }

    private async Task AcceptLoopAsync(Socket listener)
    {
        var token = _stopping.Token;
        while (!token.IsCancellationRequested)
        {
            Socket socket;
            try
            {
                socket = await listener.AcceptAsync(token).ConfigureAwait(false);
            }
            catch (Exception exception) when (exception is OperationCanceledException or ObjectDisposedException
                || (exception is SocketException && token.IsCancellationRequested))
            {
                break;
            }
            catch (SocketException exception)
            {
                // Out of file descriptors or a connection reset before it was accepted: keep
                // listening, after a pause so an exhausted process does not spin.
                ServerLog.AcceptFailed(_settings.Logger, exception.SocketErrorCode, exception);
                await Task.Delay(TimeSpan.FromMilliseconds(50), _settings.Time, CancellationToken.None).ConfigureAwait(false);
                continue;
            }

            Admit(socket);
        }
    }

    /// <summary>Serves or refuses an accepted socket. Only the accept loop adds connections, so
    /// the limit check and the increment cannot race with another admission.</summary>
    private void Admit(Socket socket)
    {
        try
        {
            socket.NoDelay = true;
            var options = _settings.Options;
            if (Volatile.Read(ref Counters.Connections) >= options.MaxConnections)
            {
                ServerLog.Refused(_settings.Logger, socket.RemoteEndPoint, options.MaxConnections);
                _ = ConnectionRefusal.RefuseAsync(socket, _refusal, _settings.Time);
                return;
            }

            var number = Interlocked.Increment(ref _lastConnectionNumber);
            var connection = new ServerConnection(socket, number.ToString(CultureInfo.InvariantCulture), _settings);
            Interlocked.Increment(ref Counters.Connections);
            _connections[number] = connection;
            connection.Completion = RunConnectionAsync(number, connection);
        }
        catch (Exception exception) when (exception is SocketException or ObjectDisposedException)
        {
            // The client reset the connection before it was set up.
            socket.Dispose();
        }
    }

    private async Task RunConnectionAsync(long number, ServerConnection connection)
    {
        try
        {
            await connection.RunAsync().ConfigureAwait(false);
        }
        finally
        {
            _connections.TryRemove(number, out _);
            Interlocked.Decrement(ref Counters.Connections);
            ConnectionClosed?.Invoke();
        }
    }

    private static void Validate(FastFlowServerOptions options)
    {
        ArgumentNullException.ThrowIfNull(options.EndPoint, nameof(options));
        if (!options.AllowUnauthenticated && string.IsNullOrEmpty(options.Token))
        {
            throw new ArgumentException(
                "The server has no token: set FastFlowServerOptions.Token for clients to present, or AllowUnauthenticated = true to let any client in (fastflow serve --insecure-no-auth).",
                nameof(options));
        }

        RequireAtLeast(options.MaxConnections, 1, nameof(options.MaxConnections));
        RequireAtLeast(options.MaxFrameBytes, FrameHeader.CountedSize, nameof(options.MaxFrameBytes));
        RequireAtLeast(options.MaxHandshakeFrameBytes, FrameHeader.CountedSize, nameof(options.MaxHandshakeFrameBytes));
        RequireAtLeast(options.MaxDepth, 1, nameof(options.MaxDepth));
        RequireAtLeast(options.InputPauseBytes, 1, nameof(options.InputPauseBytes));
        RequireAtLeast(options.OutputPauseBytes, 1, nameof(options.OutputPauseBytes));
        if (options.HandshakeTimeout <= TimeSpan.Zero || options.FrameTimeout <= TimeSpan.Zero)
        {
            throw new ArgumentException(
                $"FastFlowServerOptions.HandshakeTimeout ({options.HandshakeTimeout}) and FrameTimeout ({options.FrameTimeout}) must be positive.",
                nameof(options));
        }
    }

    private static void RequireAtLeast(long value, long minimum, string name)
    {
        if (value < minimum)
        {
            throw new ArgumentException($"FastFlowServerOptions.{name} is {value}; it must be at least {minimum}.", "options");
        }
    }
}
