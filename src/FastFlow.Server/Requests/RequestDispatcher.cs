using FastFlow.Protocol;
using FastFlow.Protocol.Messages;
using Microsoft.Extensions.Logging;

namespace FastFlow.Server.Requests;

/// <summary>Carries out the requests of every connection against the engine. A request that can
/// be answered at once is answered before <see cref="DispatchAsync"/> returns; one that waits (for
/// a run's end, a durable write, room in the engine) replies later through its channel, and ends
/// when the connection closes or the server stops. Every failure becomes an error reply.</summary>
internal sealed class RequestDispatcher : IAsyncDisposable
{
    private readonly FlowEngine _engine;
    private readonly FastFlowServerOptions _options;
    private readonly ServerCounters _counters;
    private readonly ILogger _logger;
    private readonly DefinitionCatalog _catalog;
    private readonly RunLookup _lookup;
    private readonly RunCreation _creation;
    private readonly RunControl _control;
    private readonly RunListing _listing;
    private readonly SubscriptionTable _subscriptions;
    private readonly LeaseOperations _leases;
    private readonly BackgroundReplies _background = new();
    /// <summary>Cancelled when the server stops: waits and subscriptions end then.</summary>
    private readonly CancellationTokenSource _stopping = new();

    /// <summary>Creates the dispatcher.</summary>
    public RequestDispatcher(FlowEngine engine, FastFlowServerOptions options, ServerCounters counters, ILogger logger)
    {
        _engine = engine;
        _options = options;
        _counters = counters;
        _logger = logger;
        _catalog = new DefinitionCatalog(engine, options.RefusedActions);
        _lookup = new RunLookup(engine);
        _creation = new RunCreation(engine, _catalog, _lookup);
        _control = new RunControl(engine, _lookup);
        _listing = new RunListing(engine, _lookup);
        _subscriptions = new SubscriptionTable(engine, options, counters, _lookup, logger);
        _leases = new LeaseOperations(engine);
    }

    /// <summary>Handles one decoded request (never hello or ping: the connection answers those).
    /// Returns as soon as the request is under way; long waits reply later through
    /// <paramref name="channel"/>, so the connection's loop goes on reading.</summary>
    public ValueTask DispatchAsync(Message message, uint requestId, IReplyChannel channel)
    {
        try
        {
            return Guard(message switch
            {
                RegisterDefinitionMessage register => channel.SendAsync(DefinitionCatalog.Reply(_catalog.Register(register.Source, register.FileName)), requestId),
                CreateRunMessage create => ReplyWhenDone(
                    _creation.CreateAsync(new(create.WorkflowId, create.Source, create.Inputs, create.Priority, create.RunId), channel.Closed),
                    requestId, channel),
                StartRunMessage start => ReplyWhenDone(_creation.StartAsync(RunLookup.Require(start.RunId), channel.Closed), requestId, channel),
                SubmitRunMessage submit => Submit(submit, requestId, channel),
                GetRunMessage get => channel.SendAsync(_lookup.State(RunLookup.Require(get.RunId)), requestId),
                ListRunsMessage list => channel.SendAsync(_listing.List(list), requestId),
                WaitRunMessage wait => Wait(wait, requestId, channel),
                PauseRunMessage pause => channel.SendAsync(_lookup.State(_control.Pause(RunLookup.Require(pause.RunId))), requestId),
                ResumeRunMessage resume => channel.SendAsync(_lookup.State(_control.Resume(RunLookup.Require(resume.RunId))), requestId),
                // Replies once the run is cancelled: at once when forced, after the running attempts when not.
                CancelRunMessage cancel => ReplyAtEnd(_control.Cancel(RunLookup.Require(cancel.RunId), cancel.Force), null, cancel, requestId, channel),
                RollbackRunMessage rollback => channel.SendAsync(_lookup.State(_control.Rollback(RunLookup.Require(rollback.RunId), rollback.Checkpoint)), requestId),
                GetHistoryMessage history => channel.SendAsync(HistoryMapper.From(history.RunId, _control.History(RunLookup.Require(history.RunId))), requestId),
                HealthMessage => channel.SendAsync(Health(), requestId),
                SubscribeMessage subscribe => _subscriptions.SubscribeAsync(subscribe, requestId, channel, _stopping.Token),
                UnsubscribeMessage unsubscribe => _subscriptions.UnsubscribeAsync(unsubscribe, requestId, channel),
                LeaseTasksMessage lease => LeaseTasks(lease, requestId, channel),
                HeartbeatMessage heartbeat => channel.SendAsync(_leases.Heartbeat(heartbeat), requestId),
                CompleteLeaseMessage complete => CompleteLease(complete, requestId, channel),
                _ => channel.SendErrorAsync(requestId, ErrorCode.UnknownMessage,
                    $"{message} is not a request a client sends; docs/protocol.md lists the requests."),
            }, message, requestId, channel);
        }
        catch (Exception exception)
        {
            return FailAsync(exception, message, requestId, channel);
        }
    }

    /// <summary>Turns a failure of an operation that went asynchronous into its error reply, as
    /// <see cref="DispatchAsync"/> does for one that failed at once.</summary>
    private ValueTask Guard(ValueTask operation, Message message, uint requestId, IReplyChannel channel)
    {
        return operation.IsCompletedSuccessfully ? ValueTask.CompletedTask : AwaitAsync(operation);

        async ValueTask AwaitAsync(ValueTask pending)
        {
            try
            {
                await pending.ConfigureAwait(false);
            }
            catch (Exception exception)
            {
                await FailAsync(exception, message, requestId, channel).ConfigureAwait(false);
            }
        }
    }

    /// <summary>Ends waits and subscriptions (subscribers are told the server is shutting down)
    /// and waits until their last replies are written.</summary>
    public async ValueTask DisposeAsync()
    {
        if (_stopping.IsCancellationRequested)
        {
            return;
        }

        await _stopping.CancelAsync().ConfigureAwait(false);
        await _subscriptions.DrainAsync().ConfigureAwait(false);
        await _background.WhenIdleAsync().ConfigureAwait(false);
        _stopping.Dispose();
    }

    private ValueTask Submit(SubmitRunMessage submit, uint requestId, IReplyChannel channel)
    {
        var timeout = Timeout(submit.TimeoutMs);
        var request = new RunCreation.Request(submit.WorkflowId, submit.Source, submit.Inputs, submit.Priority, submit.RunId);
        if (!submit.Wait)
        {
            return ReplyWhenDone(_creation.SubmitAsync(request, channel.Closed), requestId, channel);
        }

        var ended = _creation.RunToEndAsync(request, out var runId);
        return ReplyAtEnd(ended, runId, timeout, submit, requestId, channel);
    }

    private ValueTask Wait(WaitRunMessage wait, uint requestId, IReplyChannel channel)
    {
        var runId = RunLookup.Require(wait.RunId);
        var timeout = Timeout(wait.TimeoutMs);
        if (_lookup.Live(runId) is { } handle)
        {
            return ReplyAtEnd(handle, timeout, wait, requestId, channel);
        }

        var record = _lookup.Stored(runId) ?? throw _lookup.NotFound(runId);
        if (Storage.Runs.RunStore.IsTerminalStatus(record.Status))
        {
            return channel.SendAsync(RunStateMapper.From(record), requestId);
        }

        throw new RequestException(ErrorCode.InvalidState,
            $"Run {runId} is {record.Status} in the store but not active on this server (it could not be recovered when the server started), so it will not end by itself: resume it (resume_run) or cancel it.");
    }

    /// <summary>Replies with the run's state once it has ended: now when it has, else later.</summary>
    private ValueTask ReplyAtEnd(RunHandle handle, TimeSpan? timeout, Message request, uint requestId, IReplyChannel channel) =>
        ReplyAtEnd(new ValueTask<RunResult>(handle.Completion), handle.RunId, timeout, request, requestId, channel);

    /// <summary>Replies with the state of run <paramref name="runId"/> once <paramref name="ended"/>
    /// completes: now when it has, else from the background, with wait_timeout after
    /// <paramref name="timeout"/>, and nothing once the connection has closed.</summary>
    private ValueTask ReplyAtEnd(ValueTask<RunResult> ended, string runId, TimeSpan? timeout, Message request, uint requestId, IReplyChannel channel)
    {
        if (ended.IsCompletedSuccessfully)
        {
            return channel.SendAsync(_lookup.State(ended.Result), requestId);
        }

        var completion = ended.AsTask();
        _background.Run(async () =>
        {
            using var cancel = CancellationTokenSource.CreateLinkedTokenSource(channel.Closed, _stopping.Token);
            try
            {
                var result = timeout is { } limit
                    ? await completion.WaitAsync(limit, cancel.Token).ConfigureAwait(false)
                    : await completion.WaitAsync(cancel.Token).ConfigureAwait(false);
                await channel.SendAsync(_lookup.State(result), requestId).ConfigureAwait(false);
            }
            catch (TimeoutException)
            {
                var status = _lookup.Live(runId)?.Status.ToWireName() ?? "not ended";
                await channel.SendErrorAsync(requestId, ErrorCode.WaitTimeout,
                    $"Run {runId} has not ended after {(long)timeout!.Value.TotalMilliseconds} ms (it is {status}); it goes on. " +
                    "Wait again (wait_run), or subscribe to follow it.").ConfigureAwait(false);
            }
            catch (Exception exception)
            {
                await FailAsync(exception, request, requestId, channel).ConfigureAwait(false);
            }
        });
        return ValueTask.CompletedTask;
    }

    /// <summary>Replies with the run's state when <paramref name="pending"/> is done.</summary>
    private ValueTask ReplyWhenDone(ValueTask<RunHandle> pending, uint requestId, IReplyChannel channel) =>
        ReplyWhenDone(pending, _lookup.State, requestId, channel);

    /// <summary>Replies when <paramref name="pending"/> is done: at once when it already is (the
    /// usual case in memory), else from the background.</summary>
    private ValueTask ReplyWhenDone<T>(ValueTask<T> pending, Func<T, Message> reply, uint requestId, IReplyChannel channel)
    {
        if (pending.IsCompletedSuccessfully)
        {
            return channel.SendAsync(reply(pending.Result), requestId);
        }

        _background.Run(async () =>
        {
            try
            {
                var result = await pending.ConfigureAwait(false);
                await channel.SendAsync(reply(result), requestId).ConfigureAwait(false);
            }
            catch (Exception exception)
            {
                await FailAsync(exception, null, requestId, channel).ConfigureAwait(false);
            }
        });
        return ValueTask.CompletedTask;
    }

    /// <summary>Leases tasks; a long poll waits in the background and ends with the connection or the server.</summary>
    private ValueTask LeaseTasks(LeaseTasksMessage lease, uint requestId, IReplyChannel channel)
    {
        if (lease.WaitMs <= 0)
        {
            return ReplyWhenDone(_leases.LeaseAsync(lease, channel.Closed), static leases => leases, requestId, channel);
        }

        _background.Run(async () =>
        {
            using var cancel = CancellationTokenSource.CreateLinkedTokenSource(channel.Closed, _stopping.Token);
            try
            {
                var leases = await _leases.LeaseAsync(lease, cancel.Token).ConfigureAwait(false);
                await channel.SendAsync(leases, requestId).ConfigureAwait(false);
            }
            catch (Exception exception)
            {
                await FailAsync(exception, lease, requestId, channel).ConfigureAwait(false);
            }
        });
        return ValueTask.CompletedTask;
    }

    private ValueTask CompleteLease(CompleteLeaseMessage complete, uint requestId, IReplyChannel channel)
    {
        _leases.Complete(complete);
        return channel.SendAsync(OkMessage.Instance, requestId);
    }

    private HealthReportMessage Health() => new()
    {
        Status = _counters.Draining ? "draining" : "ok",
        Server = _options.ServerName,
        UptimeMs = Math.Max(0, (long)(DateTimeOffset.UtcNow - _counters.StartedAt).TotalMilliseconds),
        ActiveRuns = _engine.ActiveRunCount,
        Connections = Volatile.Read(ref _counters.Connections),
        Subscriptions = Volatile.Read(ref _counters.Subscriptions),
        Durability = _options.Durability,
        Leases = _leases.LeasedCount,
    };

    private static TimeSpan? Timeout(long? milliseconds) => milliseconds switch
    {
        null => null,
        >= 0 and <= int.MaxValue => TimeSpan.FromMilliseconds(milliseconds.Value),
        _ => throw new RequestException(ErrorCode.InvalidRequest,
            $"timeout_ms {milliseconds} is out of range: give 0 to {int.MaxValue} milliseconds, or leave it out to wait for the end.",
            [WireDiagnostics.Field("timeout_ms", $"{milliseconds} is out of range", $"give 0 to {int.MaxValue}")]),
    };

    /// <summary>The error reply for a failure; nothing once the connection is gone.</summary>
    private ValueTask FailAsync(Exception exception, Message? request, uint requestId, IReplyChannel channel)
    {
        switch (exception)
        {
            case RequestException refused:
                return channel.SendErrorAsync(requestId, refused.Code, refused.Message, refused.Details);
            case OperationCanceledException when channel.Closed.IsCancellationRequested:
                return ValueTask.CompletedTask;
            case OperationCanceledException when _stopping.IsCancellationRequested:
                return channel.SendErrorAsync(requestId, ErrorCode.ShuttingDown, "The server is stopping; this request was not finished. Connect again once it is back.");
            default:
                RequestLog.RequestFailed(_logger, request?.ToString() ?? "request", requestId, channel.ConnectionId, exception);
                return channel.SendErrorAsync(requestId, ErrorCode.Internal,
                    $"The server failed to carry out {request?.ToString() ?? "the request"}: {exception.Message} This is a bug in the server; its log has the details.");
        }
    }
}
