using FastFlow.Protocol;
using FastFlow.Validation;

namespace FastFlow.Server.Requests;

/// <summary>Creates runs (pending until started), starts them, and submits them (create and
/// start at once) from a registered definition or from text sent with the request.</summary>
internal sealed class RunCreation(FlowEngine engine, DefinitionCatalog catalog, RunLookup lookup)
{
    /// <summary>What a run needs: its definition, inputs and options, from a create_run or submit_run.</summary>
    public readonly record struct Request(string? WorkflowId, string? Source, IReadOnlyDictionary<string, object?>? Inputs, string? Priority, string? RunId);

    /// <summary>Creates a run in status pending; it starts on <see cref="StartAsync"/>. Durable
    /// when this completes on a server with a store.</summary>
    /// <exception cref="RequestException">The definition, inputs, priority or run id are not valid, or the id is taken.</exception>
    public async ValueTask<RunHandle> CreateAsync(Request request, CancellationToken cancellationToken)
    {
        var (workflow, options) = Prepare(request);
        RunHandle handle;
        try
        {
            handle = await engine.CreateAsync(workflow, request.Inputs, options, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception exception) when (exception is DefinitionException or ArgumentException)
        {
            throw Refusal(exception, workflow, options);
        }

        return handle;
    }

    /// <summary>Starts a created run.</summary>
    /// <exception cref="RequestException">No such run, or it is not a created run waiting for its start.</exception>
    public async ValueTask<RunHandle> StartAsync(string runId, CancellationToken cancellationToken)
    {
        var handle = lookup.Live(runId);
        if (handle is null)
        {
            throw lookup.Stored(runId) is { } record
                ? new RequestException(ErrorCode.InvalidState, $"Run {runId} is {record.Status}; only a run created with create_run and not started yet can be started.")
                : lookup.NotFound(runId);
        }

        if (!handle.IsAwaitingStart)
        {
            throw new RequestException(ErrorCode.InvalidState, handle.Status == RunStatus.Pending
                ? $"Run {runId} is pending and starts by itself as soon as the engine has room; start_run is for runs made by create_run."
                : $"Run {runId} is {handle.Status.ToWireName()}; only a run created with create_run and not started yet can be started.");
        }

        try
        {
            await handle.StartAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (InvalidOperationException exception)
        {
            throw new RequestException(ErrorCode.InvalidState, exception.Message);
        }

        return handle;
    }

    /// <summary>Creates and starts a run. Without a store a full engine refuses it at once with
    /// <see cref="ErrorCode.Capacity"/>; with a store the engine acknowledges the run once it is
    /// durable, waiting for room in its admission queue when that is full.</summary>
    /// <exception cref="RequestException">The definition, inputs, priority or run id are not valid, the id is taken, or the engine is full.</exception>
    public ValueTask<RunHandle> SubmitAsync(Request request, CancellationToken cancellationToken)
    {
        var (workflow, options) = Prepare(request);
        if (lookup.IsDurable)
        {
            return SubmitDurableAsync(workflow, request.Inputs, options, cancellationToken);
        }

        RunHandle? handle;
        TaskError? error;
        try
        {
            if (!engine.TryStart(workflow, request.Inputs, out handle, out error, options))
            {
                throw new RequestException(ErrorCode.Capacity, error?.Message ?? "The engine is at capacity; try again later.");
            }
        }
        catch (Exception exception) when (exception is DefinitionException or ArgumentException)
        {
            throw Refusal(exception, workflow, options);
        }

        return ValueTask.FromResult(handle!);
    }

    /// <summary>Creates and starts a run and completes with its end. When the engine runs a run's
    /// first tasks on the calling thread (<see cref="FlowEngineOptions.RunOnCallingThread"/>), a
    /// short run ends before this returns, and its reply needs no hand-off at all. A full engine
    /// queues the run and the wait goes on until it has run.</summary>
    /// <param name="request">The run to make.</param>
    /// <param name="runId">The run's id (made here when the request gives none).</param>
    /// <exception cref="RequestException">The definition, inputs, priority or run id are not valid, or the id is taken.</exception>
    public ValueTask<RunResult> RunToEndAsync(Request request, out string runId)
    {
        var (workflow, options) = Prepare(request);
        runId = options.RunId ?? Guid.CreateVersion7().ToString("N");
        options = options with { RunId = runId };
        // Not the connection's token: a submitted run goes on when its client goes away.
        var ended = engine.RunAsync(workflow, request.Inputs, options, CancellationToken.None);
        if (ended.IsCompletedSuccessfully)
        {
            return ended;
        }

        return RefusalsOf(ended, workflow, options);
    }

    private static async ValueTask<RunResult> RefusalsOf(ValueTask<RunResult> ended, CompiledWorkflow workflow, RunOptions options)
    {
        try
        {
            return await ended.ConfigureAwait(false);
        }
        catch (Exception exception) when (exception is DefinitionException or ArgumentException)
        {
            throw Refusal(exception, workflow, options);
        }
    }

    private async ValueTask<RunHandle> SubmitDurableAsync(
        CompiledWorkflow workflow, IReadOnlyDictionary<string, object?>? inputs, RunOptions options, CancellationToken cancellationToken)
    {
        RunHandle handle;
        try
        {
            handle = await engine.StartAsync(workflow, inputs, options, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception exception) when (exception is DefinitionException or ArgumentException)
        {
            throw Refusal(exception, workflow, options);
        }

        return handle;
    }

    private (CompiledWorkflow Workflow, RunOptions Options) Prepare(Request request)
    {
        var priority = PriorityNames.Parse(request.Priority);
        var runId = request.RunId is null ? null : RunLookup.Require(request.RunId);
        if (runId is not null && (lookup.Live(runId) is not null || lookup.Stored(runId) is not null))
        {
            throw Taken(runId);
        }

        var named = !string.IsNullOrEmpty(request.WorkflowId);
        var workflow = (named, request.Source) switch
        {
            (false, { } source) => catalog.Register(source, null).Workflow,
            (true, null) => catalog.Get(request.WorkflowId!).Workflow,
            (false, null) => throw new RequestException(ErrorCode.InvalidRequest,
                "The request names no definition: give workflow_id (a registered definition) or source (a definition's text).",
                [WireDiagnostics.Field("workflow_id", "neither workflow_id nor source is given", "give one of them")]),
            _ => throw new RequestException(ErrorCode.InvalidRequest,
                "The request gives both workflow_id and source: give one of them (source registers the definition on the way).",
                [WireDiagnostics.Field("source", "both workflow_id and source are given", "give one of them")]),
        };

        // Inputs arrive typed from MessagePack; text for a number or boolean input is read as the
        // CLI reads --input k=v, so a client may send what a person typed.
        return (workflow, new RunOptions { RunId = runId, Priority = priority, CoerceInputStrings = true });
    }

    /// <summary>Why the engine would not take a run: its inputs, or an id already taken.</summary>
    private static RequestException Refusal(Exception exception, CompiledWorkflow workflow, RunOptions options) => exception switch
    {
        DefinitionException invalid => new RequestException(ErrorCode.InvalidRequest,
            $"The inputs do not fit workflow '{workflow.WorkflowId}': {invalid.Message} Every finding is in details; the definition's inputs section says what it takes.",
            WireDiagnostics.From(invalid.Diagnostics)),
        _ when options.RunId is { } id => Taken(id),
        _ => new RequestException(ErrorCode.InvalidRequest, exception.Message),
    };

    private static RequestException Taken(string runId) => new(ErrorCode.AlreadyExists,
        $"A run with id '{runId}' already exists on this server; choose another run_id, or leave it out for a new id.",
        [WireDiagnostics.Field("run_id", $"run '{runId}' already exists", "choose another id, or leave it out")]);
}
