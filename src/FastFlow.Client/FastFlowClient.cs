using FastFlow.Client.Internal;
using FastFlow.Protocol;
using FastFlow.Protocol.Messages;

namespace FastFlow.Client;

/// <summary>A client of a FastFlow server (<c>fastflow serve</c>): one TCP connection, shared by
/// every call. Calls may be made from any number of threads at once; they are pipelined over the
/// connection and each completes when its own reply arrives.</summary>
/// <remarks>A call the server refuses throws <see cref="FastFlowServerException"/> (with its
/// <see cref="ErrorCode"/>) and the connection stays usable. A lost connection fails every call
/// waiting on it with <see cref="FastFlowConnectionException"/>; with
/// <see cref="FastFlowClientOptions.Reconnect"/> the next call connects again.</remarks>
public sealed class FastFlowClient : IAsyncDisposable
{
    /// <summary>Events a subscription buffers when the caller does not say.</summary>
    private const int DefaultSubscriptionBuffer = 4096;

    /// <summary>Where and how to connect.</summary>
    private readonly FastFlowClientOptions _options;

    /// <summary>One reconnection at a time.</summary>
    private readonly SemaphoreSlim _connectGate = new(1, 1);

    /// <summary>The current connection; replaced when a lost one is reconnected.</summary>
    private ClientConnection _connection;

    /// <summary>1 once disposed.</summary>
    private int _disposed;

    private FastFlowClient(FastFlowClientOptions options, ClientConnection connection)
    {
        _options = options;
        _connection = connection;
    }

    /// <summary>The server's welcome on the current connection: its name, limits and connection id.</summary>
    public WelcomeMessage Welcome => Volatile.Read(ref _connection).Welcome!;

    /// <summary>Connects to a server and authenticates.</summary>
    /// <param name="options">The server's address and token.</param>
    /// <param name="cancellationToken">Abandons connecting.</param>
    /// <exception cref="FastFlowConnectionException">The server cannot be reached, does not answer
    /// in time, or refuses the token (<see cref="FastFlowConnectionException.Code"/> is then
    /// <see cref="ErrorCode.BadToken"/>).</exception>
    public static async Task<FastFlowClient> ConnectAsync(FastFlowClientOptions options, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentException.ThrowIfNullOrWhiteSpace(options.Host);
        ArgumentOutOfRangeException.ThrowIfLessThan(options.Port, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(options.Port, 65535);
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(options.ConnectTimeout, TimeSpan.Zero);
        var connection = await ClientConnection.ConnectAsync(options, cancellationToken).ConfigureAwait(false);
        return new FastFlowClient(options, connection);
    }

    /// <summary>A round trip with no work.</summary>
    public Task PingAsync(CancellationToken cancellationToken = default) =>
        CallAsync<PongMessage>(PingMessage.Instance, MessageType.Pong, cancellationToken);

    /// <summary>Validates a definition and stores it on the server.</summary>
    /// <param name="source">The definition's YAML or JSON text.</param>
    /// <param name="fileName">A name for the text in error messages, such as its path.</param>
    /// <param name="cancellationToken">Abandons the call.</param>
    /// <exception cref="FastFlowServerException">Code <see cref="ErrorCode.InvalidDefinition"/> with
    /// every finding in <see cref="FastFlowServerException.Details"/>.</exception>
    public Task<DefinitionRegisteredMessage> RegisterDefinitionAsync(string source, string? fileName = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(source);
        return CallAsync<DefinitionRegisteredMessage>(new RegisterDefinitionMessage { Source = source, FileName = fileName }, MessageType.DefinitionRegistered, cancellationToken);
    }

    /// <summary>Creates a run in status pending; <see cref="StartRunAsync"/> starts it.</summary>
    public Task<RunStateMessage> CreateRunAsync(CreateRunMessage request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        return CallAsync<RunStateMessage>(request, MessageType.RunState, cancellationToken);
    }

    /// <summary>Starts a created run.</summary>
    public Task<RunStateMessage> StartRunAsync(string runId, CancellationToken cancellationToken = default) =>
        CallAsync<RunStateMessage>(new StartRunMessage { RunId = RunId(runId) }, MessageType.RunState, cancellationToken);

    /// <summary>Creates and starts a run; with <see cref="SubmitRunMessage.Wait"/> the reply comes
    /// when the run ends.</summary>
    public Task<RunStateMessage> SubmitRunAsync(SubmitRunMessage request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        return CallAsync<RunStateMessage>(request, MessageType.RunState, cancellationToken);
    }

    /// <summary>A run's state as of now.</summary>
    public Task<RunStateMessage> GetRunAsync(string runId, CancellationToken cancellationToken = default) =>
        CallAsync<RunStateMessage>(new GetRunMessage { RunId = RunId(runId) }, MessageType.RunState, cancellationToken);

    /// <summary>Runs, newest first.</summary>
    /// <param name="status">Only runs in this status, or null for all.</param>
    /// <param name="workflowId">Only runs of this definition, or null for all.</param>
    /// <param name="limit">At most this many; 0 for the server's default (100).</param>
    /// <param name="cancellationToken">Abandons the call.</param>
    public async Task<IReadOnlyList<RunSummary>> ListRunsAsync(string? status = null, string? workflowId = null, int limit = 0, CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(limit);
        var list = await CallAsync<RunListMessage>(new ListRunsMessage { Status = status, WorkflowId = workflowId, Limit = limit }, MessageType.RunList, cancellationToken).ConfigureAwait(false);
        return list.Runs;
    }

    /// <summary>Waits for a run to end and returns its final state.</summary>
    /// <param name="runId">The run.</param>
    /// <param name="timeout">How long the server waits; then the call fails with
    /// <see cref="ErrorCode.WaitTimeout"/> (the run goes on). Null waits without limit.</param>
    /// <param name="cancellationToken">Abandons the call.</param>
    public Task<RunStateMessage> WaitRunAsync(string runId, TimeSpan? timeout = null, CancellationToken cancellationToken = default) =>
        CallAsync<RunStateMessage>(new WaitRunMessage { RunId = RunId(runId), TimeoutMs = Milliseconds(timeout) }, MessageType.RunState, cancellationToken);

    /// <summary>Pauses a run: running attempts finish, nothing new starts.</summary>
    public Task<RunStateMessage> PauseRunAsync(string runId, CancellationToken cancellationToken = default) =>
        CallAsync<RunStateMessage>(new PauseRunMessage { RunId = RunId(runId) }, MessageType.RunState, cancellationToken);

    /// <summary>Resumes a paused run.</summary>
    public Task<RunStateMessage> ResumeRunAsync(string runId, CancellationToken cancellationToken = default) =>
        CallAsync<RunStateMessage>(new ResumeRunMessage { RunId = RunId(runId) }, MessageType.RunState, cancellationToken);

    /// <summary>Cancels a run.</summary>
    /// <param name="runId">The run.</param>
    /// <param name="force">Stop running attempts now instead of letting them finish.</param>
    /// <param name="cancellationToken">Abandons the call.</param>
    public Task<RunStateMessage> CancelRunAsync(string runId, bool force = false, CancellationToken cancellationToken = default) =>
        CallAsync<RunStateMessage>(new CancelRunMessage { RunId = RunId(runId), Force = force }, MessageType.RunState, cancellationToken);

    /// <summary>Rolls a paused or failed run back to a checkpoint; it is left paused.</summary>
    /// <param name="runId">The run.</param>
    /// <param name="checkpointId">The checkpoint, or null for the latest.</param>
    /// <param name="cancellationToken">Abandons the call.</param>
    public Task<RunStateMessage> RollbackRunAsync(string runId, long? checkpointId = null, CancellationToken cancellationToken = default) =>
        CallAsync<RunStateMessage>(new RollbackRunMessage { RunId = RunId(runId), Checkpoint = checkpointId }, MessageType.RunState, cancellationToken);

    /// <summary>A run's history, oldest entry first.</summary>
    public Task<HistoryMessage> GetHistoryAsync(string runId, CancellationToken cancellationToken = default) =>
        CallAsync<HistoryMessage>(new GetHistoryMessage { RunId = RunId(runId) }, MessageType.History, cancellationToken);

    /// <summary>The server's health.</summary>
    public Task<HealthReportMessage> GetHealthAsync(CancellationToken cancellationToken = default) =>
        CallAsync<HealthReportMessage>(HealthMessage.Instance, MessageType.HealthReport, cancellationToken);

    /// <summary>Streams the events of one run, or of every run.</summary>
    /// <param name="runId">The run, or null for every run's events.</param>
    /// <param name="buffer">Events held for a slow reader, by the server and by this client, before
    /// the subscription is dropped as too slow; 0 for 4096.</param>
    /// <param name="cancellationToken">Abandons subscribing.</param>
    public async Task<EventSubscription> SubscribeAsync(string? runId = null, int buffer = 0, CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(buffer);
        var connection = await GetConnectionAsync(cancellationToken).ConfigureAwait(false);
        var subscription = new EventSubscription(connection, buffer > 0 ? buffer : DefaultSubscriptionBuffer);
        Message reply;
        try
        {
            reply = await connection.RequestAsync(new SubscribeMessage { RunId = runId, Buffer = buffer }, subscription, cancellationToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            // The server may have opened it before the call was abandoned.
            connection.Forget(subscription);
            subscription.Fail(new OperationCanceledException(cancellationToken));
            if (subscription.Id != 0)
            {
                _ = connection.UnsubscribeQuietlyAsync((uint)subscription.Id);
            }

            throw;
        }
        catch (FastFlowException exception)
        {
            connection.Forget(subscription);
            subscription.Fail(exception);
            throw;
        }

        if (reply is not SubscribedMessage)
        {
            connection.Forget(subscription);
            _ = connection.UnsubscribeQuietlyAsync((uint)subscription.Id);
            var exception = ClientErrors.UnexpectedReply(connection.Endpoint, new SubscribeMessage(), reply, MessageType.Subscribed);
            subscription.Fail(exception);
            throw exception;
        }

        return subscription;
    }

    /// <summary>Takes up to <paramref name="max"/> tasks routed to a remote agent (an agent worker).</summary>
    /// <param name="agentId">The agent (transport remote in the server's agents file).</param>
    /// <param name="max">At most this many tasks.</param>
    /// <param name="wait">How long the server waits for a task when none is waiting; null answers at once.</param>
    /// <param name="cancellationToken">Abandons the call.</param>
    public async Task<IReadOnlyList<LeasedTask>> LeaseTasksAsync(string agentId, int max = 1, TimeSpan? wait = null, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(agentId);
        ArgumentOutOfRangeException.ThrowIfLessThan(max, 1);
        var leases = await CallAsync<LeasesMessage>(new LeaseTasksMessage { AgentId = agentId, Max = max, WaitMs = Milliseconds(wait) ?? 0 }, MessageType.Leases, cancellationToken).ConfigureAwait(false);
        return leases.Leases;
    }

    /// <summary>Keeps a lease alive; returns its new expiry.</summary>
    public async Task<DateTimeOffset?> HeartbeatAsync(string leaseId, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(leaseId);
        var renewed = await CallAsync<LeaseRenewedMessage>(new HeartbeatMessage { LeaseId = leaseId }, MessageType.LeaseRenewed, cancellationToken).ConfigureAwait(false);
        return renewed.ExpiresAt;
    }

    /// <summary>Reports a leased task's result.</summary>
    /// <param name="leaseId">The lease.</param>
    /// <param name="ok">True when the task succeeded.</param>
    /// <param name="output">The task's output when it succeeded: a plain value (null, booleans,
    /// numbers, strings, lists, string-keyed dictionaries).</param>
    /// <param name="error">The failure when it did not; category transient when null.</param>
    /// <param name="cancellationToken">Abandons the call.</param>
    public Task CompleteLeaseAsync(string leaseId, bool ok, object? output = null, ErrorInfo? error = null, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(leaseId);
        return CallAsync<OkMessage>(new CompleteLeaseMessage { LeaseId = leaseId, Ok = ok, Output = output, Error = error }, MessageType.Ok, cancellationToken);
    }

    /// <summary>Sends any request and returns the server's reply, whatever its type. For
    /// subscriptions use <see cref="SubscribeAsync"/>: pushes are routed only to those.</summary>
    /// <exception cref="FastFlowServerException">The server answered with an error frame.</exception>
    public async Task<Message> SendAsync(Message request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        if ((byte)request.Type >= 0x80 || request.Type == MessageType.Hello)
        {
            throw new ArgumentException(
                $"{request} is not a request a client sends (the handshake is done by ConnectAsync; types from 0x80 are the server's).",
                nameof(request));
        }

        var connection = await GetConnectionAsync(cancellationToken).ConfigureAwait(false);
        return await connection.RequestAsync(request, null, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Closes the connection; calls still waiting fail with <see cref="FastFlowConnectionException"/>.</summary>
    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0)
        {
            return;
        }

        await _connectGate.WaitAsync().ConfigureAwait(false);
        try
        {
            await Volatile.Read(ref _connection).DisposeAsync().ConfigureAwait(false);
        }
        finally
        {
            _connectGate.Release();
        }
    }

    /// <summary>Sends a request and checks the reply's type.</summary>
    private async Task<T> CallAsync<T>(Message request, MessageType expected, CancellationToken cancellationToken)
        where T : Message
    {
        var connection = await GetConnectionAsync(cancellationToken).ConfigureAwait(false);
        var reply = await connection.RequestAsync(request, null, cancellationToken).ConfigureAwait(false);
        return reply as T ?? throw ClientErrors.UnexpectedReply(connection.Endpoint, request, reply, expected);
    }

    /// <summary>The open connection, or a new one when it was lost and the client reconnects.</summary>
    private ValueTask<ClientConnection> GetConnectionAsync(CancellationToken cancellationToken)
    {
        var connection = Volatile.Read(ref _connection);
        return connection.Failure is null && Volatile.Read(ref _disposed) == 0
            ? new ValueTask<ClientConnection>(connection)
            : ReconnectAsync(connection, cancellationToken);
    }

    private async ValueTask<ClientConnection> ReconnectAsync(ClientConnection lost, CancellationToken cancellationToken)
    {
        ObjectDisposedException.ThrowIf(Volatile.Read(ref _disposed) != 0, this);
        if (!_options.Reconnect)
        {
            throw ClientErrors.NoReconnect(lost.Failure!);
        }

        await _connectGate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            ObjectDisposedException.ThrowIf(Volatile.Read(ref _disposed) != 0, this);
            var current = Volatile.Read(ref _connection);
            if (current != lost && current.Failure is null)
            {
                // Another call reconnected meanwhile.
                return current;
            }

            var fresh = await ClientConnection.ConnectAsync(_options, cancellationToken).ConfigureAwait(false);
            Volatile.Write(ref _connection, fresh);
            await current.DisposeAsync().ConfigureAwait(false);
            return fresh;
        }
        finally
        {
            _connectGate.Release();
        }
    }

    private static string RunId(string runId, [System.Runtime.CompilerServices.CallerArgumentExpression(nameof(runId))] string? name = null)
    {
        ArgumentException.ThrowIfNullOrEmpty(runId, name);
        return runId;
    }

    private static long? Milliseconds(TimeSpan? span)
    {
        if (span is not { } value)
        {
            return null;
        }

        ArgumentOutOfRangeException.ThrowIfLessThan(value, TimeSpan.Zero, "timeout");
        return (long)Math.Ceiling(value.TotalMilliseconds);
    }
}
