using System.Collections.Concurrent;
using System.Diagnostics;
using System.Threading.Channels;
using FastFlow.Actions;
using FastFlow.Definitions;
using FastFlow.Durability;
using FastFlow.Events;
using FastFlow.Execution;
using FastFlow.Plans;
using FastFlow.Registry;
using FastFlow.Scheduling;
using FastFlow.Validation;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace FastFlow;

/// <summary>The workflow engine, embedded in your process: register handlers, start runs of
/// definitions, await their results, control them and watch their events. Thread-safe.</summary>
/// <example>
/// <code>
/// await using var engine = new FlowEngine();
/// engine.RegisterHandler("greet", ctx => $"hello {ctx.Inputs["name"]}");
/// var flow = new WorkflowBuilder("hello");
/// flow.Task("greet", "greet");
/// RunResult result = await engine.RunAsync(flow.Build(), new Dictionary&lt;string, object?&gt; { ["name"] = "Ada" });
/// </code>
/// </example>
public sealed partial class FlowEngine : IDisposable, IAsyncDisposable
{
    private readonly ConcurrentDictionary<string, RunExecution> _runs = new(StringComparer.Ordinal);
    /// <summary>Finished runs kept for lookups, oldest first.</summary>
    private readonly ConcurrentQueue<string> _finishedOrder = new();
    /// <summary>Entries in <see cref="_finishedOrder"/>; ConcurrentQueue.Count is too slow to ask per run.</summary>
    private int _finishedCount;
    /// <summary>Runs written to <see cref="_admission"/> and not yet started.</summary>
    private int _queued;
    /// <summary><see cref="FlowEngineOptions.CallingThreadBudget"/> in Stopwatch ticks.</summary>
    private readonly long _callingThreadBudgetTicks;
    /// <summary>Runs waiting for an active slot: bounded, so submitters wait (or get a capacity error) instead of queueing without limit.</summary>
    private readonly Channel<RunExecution> _admission;
    private readonly PlanCache _plans;
    private readonly Random? _jitter;
    private int _active;
    private int _disposed;

    /// <summary>Creates an engine with its worker threads.</summary>
    /// <param name="options">Settings; defaults when null.</param>
    /// <param name="logger">Where the engine logs; nothing when null.</param>
    /// <param name="timeProvider">The clock behind timeouts, delays and retries; the system clock when null.</param>
    /// <param name="services">A service provider handlers can reach through <see cref="TaskContext.Services"/>.</param>
    public FlowEngine(FlowEngineOptions? options = null, ILogger? logger = null, TimeProvider? timeProvider = null, IServiceProvider? services = null)
    {
        Options = options ?? new FlowEngineOptions();
        ArgumentOutOfRangeException.ThrowIfLessThan(Options.MaxActiveRuns, 1, nameof(options));
        ArgumentOutOfRangeException.ThrowIfLessThan(Options.MaxQueuedRuns, 0, nameof(options));
        var time = timeProvider ?? TimeProvider.System;
        Registry = new FlowRegistry();
        Services = new EngineServices(Options, Registry, logger ?? NullLogger.Instance, time, new TimerQueue(time), services);
        Scheduler = new WorkStealingScheduler(Options.WorkerCount, Options.WorkerSpin, OnWorkerFault);
        ArgumentOutOfRangeException.ThrowIfLessThan(Options.CallingThreadBudget, TimeSpan.Zero, nameof(options));
        _callingThreadBudgetTicks = (long)(Options.CallingThreadBudget.TotalSeconds * Stopwatch.Frequency);
        // StartAsync waits on this channel, so it holds at least one; TryStart counts against MaxQueuedRuns exactly.
        _admission = Channel.CreateBounded<RunExecution>(new BoundedChannelOptions(Math.Max(1, Options.MaxQueuedRuns))
        {
            FullMode = BoundedChannelFullMode.Wait,
        });
        _plans = new PlanCache(this);
        _jitter = Options.JitterSeed is { } seed ? new Random(seed) : null;
        CoreActions.Register(Registry);
        if (Options.Store is { } store)
        {
            Journal = new RunJournal(store, Options, Services.Logger);
        }
    }

    /// <summary>The journal of a durable engine (<see cref="FlowEngineOptions.Store"/>); null in memory.</summary>
    internal RunJournal? Journal { get; }

    /// <summary>The engine's settings.</summary>
    public FlowEngineOptions Options { get; }

    /// <summary>Handlers, actions, agents and definitions known to this engine.</summary>
    public FlowRegistry Registry { get; }

    internal EngineServices Services { get; }

    internal WorkStealingScheduler Scheduler { get; }

    internal EventHub Events { get; } = new();

    /// <summary>Runs pending, running or paused.</summary>
    public int ActiveRunCount => _runs.Count(static pair => !pair.Value.Phase.IsTerminal());

    /// <summary>Handles of the runs pending, running or paused now.</summary>
    public IReadOnlyList<RunHandle> ActiveRuns =>
        [.. _runs.Values.Where(static run => !run.Phase.IsTerminal()).Select(static run => new RunHandle(run))];

    /// <summary>Every run this engine holds: the active ones and the recently finished ones it keeps
    /// (<see cref="FlowEngineOptions.RetainFinishedRuns"/>), as <see cref="TryGetRun"/> finds them.</summary>
    public IReadOnlyList<RunHandle> KnownRuns => [.. _runs.Values.Select(static run => new RunHandle(run))];

    /// <summary>Registers a handler under a name for <c>handler:</c> in definitions.</summary>
    public FlowEngine RegisterHandler(string name, TaskHandler handler)
    {
        Registry.RegisterHandler(name, handler);
        return this;
    }

    /// <summary>Registers synchronous code without output as a handler.</summary>
    public FlowEngine RegisterHandler(string name, Action<TaskContext> handler)
    {
        ArgumentNullException.ThrowIfNull(handler);
        return RegisterHandler(name, context =>
        {
            handler(context);
            return default;
        });
    }

    /// <summary>Registers synchronous code whose return value is the output.</summary>
    public FlowEngine RegisterHandler(string name, Func<TaskContext, object?> handler)
    {
        ArgumentNullException.ThrowIfNull(handler);
        return RegisterHandler(name, context => handler(context) switch
        {
            TaskResult result => result,
            var output => TaskResult.Success(output),
        });
    }

    /// <summary>Registers asynchronous code whose result is the output.</summary>
    public FlowEngine RegisterHandler(string name, Func<TaskContext, Task<object?>> handler)
    {
        ArgumentNullException.ThrowIfNull(handler);
        return RegisterHandler(name, async context => TaskResult.Success(await handler(context).ConfigureAwait(false)));
    }

    /// <summary>Registers an action.</summary>
    public FlowEngine RegisterAction(FlowAction action)
    {
        Registry.RegisterAction(action);
        return this;
    }

    /// <summary>Checks a definition against this engine's registry: every problem at once.</summary>
    /// <param name="definition">The definition.</param>
    /// <param name="checkReferences">False to skip checks of agents and sub-workflows that are not registered yet.</param>
    public ValidationResult Validate(WorkflowDefinition definition, bool checkReferences = true)
    {
        ArgumentNullException.ThrowIfNull(definition);
        return new DefinitionValidator(Registry, Options) { CheckReferences = checkReferences }.Validate(definition);
    }

    /// <summary>Validates and compiles a definition, or returns the plan compiled before for the
    /// same definition object (recompiled if handlers or actions were registered since).</summary>
    /// <exception cref="DefinitionException">The definition has errors; every one is listed.</exception>
    public CompiledWorkflow Compile(WorkflowDefinition definition)
    {
        ArgumentNullException.ThrowIfNull(definition);
        return _plans.GetOrCompile(definition);
    }

    /// <summary>Starts a run, waiting for room when the engine is at capacity (back-pressure).</summary>
    /// <exception cref="DefinitionException">The definition or the inputs are not valid.</exception>
    public async ValueTask<RunHandle> StartAsync(
        CompiledWorkflow workflow,
        IReadOnlyDictionary<string, object?>? inputs = null,
        RunOptions? options = null,
        CancellationToken cancellationToken = default)
    {
        var run = CreateRun(workflow, inputs, options);
        var handle = await StartCreatedAsync(run, cancellationToken).ConfigureAwait(false);
        if (Journal is { } journal)
        {
            // Acknowledged means durable: the run is in the store when this returns.
            await journal.WaitDurableAsync(run.CreatedTicket, cancellationToken).ConfigureAwait(false);
        }

        return handle;
    }

    /// <summary>Creates a run in status pending that does not start until <see cref="RunHandle.StartAsync"/>
    /// (a server's create_run). With a store, the run is durable when this returns and stays
    /// pending across restarts until started or cancelled.</summary>
    /// <exception cref="DefinitionException">The inputs are not valid.</exception>
    public async ValueTask<RunHandle> CreateAsync(
        CompiledWorkflow workflow,
        IReadOnlyDictionary<string, object?>? inputs = null,
        RunOptions? options = null,
        CancellationToken cancellationToken = default)
    {
        var run = CreateRun(workflow, inputs, options, awaitingStart: true);
        PublishCreatedOnce(run);
        if (Journal is { } journal)
        {
            await journal.WaitDurableAsync(run.CreatedTicket, cancellationToken).ConfigureAwait(false);
        }

        return new RunHandle(run);
    }

    /// <summary>Starts a run that waits for its start (see <see cref="CreateAsync(CompiledWorkflow, IReadOnlyDictionary{string, object?}?, RunOptions?, CancellationToken)"/>).</summary>
    internal async ValueTask StartAwaitingAsync(RunExecution run, CancellationToken cancellationToken)
    {
        if (run.Phase != RunPhase.Pending)
        {
            throw new InvalidOperationException($"Run {run.RunId} is {run.Status.ToWireName()}; only a created run that has not started can be started.");
        }

        if (!run.TryClaimStart())
        {
            throw new InvalidOperationException($"Run {run.RunId} has been started already (or was not created to be started later).");
        }

        if (Journal is { } journal)
        {
            // The record stops saying "awaiting start" before the run is admitted, so a restart
            // after this point starts it rather than keeping it waiting.
            await journal.WaitDurableAsync(journal.SaveRun(run.BuildRunRecord(RunStatus.Pending, withTasks: false), terminal: false), cancellationToken).ConfigureAwait(false);
        }

        await StartCreatedAsync(run, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Starts a created run now if there is room, else queues it and waits for room.</summary>
    private async ValueTask<RunHandle> StartCreatedAsync(RunExecution run, CancellationToken cancellationToken)
    {
        if (TryAcquireSlot())
        {
            StartAdmitted(run);
            return new RunHandle(run);
        }

        Interlocked.Increment(ref _queued);
        try
        {
            await _admission.Writer.WriteAsync(run, cancellationToken).ConfigureAwait(false);
            PublishCreatedOnce(run);
        }
        catch
        {
            Interlocked.Decrement(ref _queued);
            _runs.TryRemove(run.RunId, out _);
            Journal?.Records.DeleteRun(run.RunId);
            throw;
        }

        DrainAdmission();
        return new RunHandle(run);
    }

    /// <summary>Starts a run of a definition (compiled on first use, then cached).</summary>
    public ValueTask<RunHandle> StartAsync(
        WorkflowDefinition definition,
        IReadOnlyDictionary<string, object?>? inputs = null,
        RunOptions? options = null,
        CancellationToken cancellationToken = default) =>
        StartAsync(Compile(definition), inputs, options, cancellationToken);

    /// <summary>Starts a run if the engine has room now (or room to queue it); otherwise returns
    /// false with a <see cref="ErrorCategory.Capacity"/> error and starts nothing.</summary>
    public bool TryStart(
        CompiledWorkflow workflow,
        IReadOnlyDictionary<string, object?>? inputs,
        out RunHandle? handle,
        out TaskError? error,
        RunOptions? options = null)
    {
        var run = CreateRun(workflow, inputs, options);
        if (TryAcquireSlot())
        {
            StartAdmitted(run);
        }
        else if (TryQueue(run))
        {
            PublishCreatedOnce(run);
            DrainAdmission();
        }
        else
        {
            _runs.TryRemove(run.RunId, out _);
            Journal?.Records.DeleteRun(run.RunId);
            handle = null;
            error = new TaskError(ErrorCategory.Capacity,
                $"The engine is at capacity: {Options.MaxActiveRuns} active runs and {Options.MaxQueuedRuns} queued. Try again later, or raise MaxActiveRuns/MaxQueuedRuns.");
            return false;
        }

        handle = new RunHandle(run);
        error = null;
        return true;
    }

    /// <summary>Starts a run and waits for its end. With <see cref="FlowEngineOptions.RunOnCallingThread"/>
    /// the run's first tasks run on this thread, and a short run may have ended when this returns.</summary>
    public ValueTask<RunResult> RunAsync(
        CompiledWorkflow workflow,
        IReadOnlyDictionary<string, object?>? inputs = null,
        RunOptions? options = null,
        CancellationToken cancellationToken = default)
    {
        if (Options.RunOnCallingThread && CanRunOnCallingThread())
        {
            return RunOnCallingThread(workflow, inputs, options, cancellationToken);
        }

        var start = StartAsync(workflow, inputs, options, cancellationToken);
        if (start.IsCompletedSuccessfully)
        {
            // The usual case: the run started at once. Hand back its completion itself, so the
            // caller resumes straight from the worker that finished the run, with no hop between.
            return new(start.Result.Completion.WaitAsync(cancellationToken));
        }

        return AwaitStartThenEnd(start, cancellationToken);
    }

    /// <summary>Not on a worker (its deque is where its own work goes), and no context an async
    /// handler could capture and then need (a UI thread, a request context, a test runner's).</summary>
    private bool CanRunOnCallingThread() =>
        Worker.Current is null && SynchronizationContext.Current is null && TaskScheduler.Current == TaskScheduler.Default;

    private ValueTask<RunResult> RunOnCallingThread(
        CompiledWorkflow workflow,
        IReadOnlyDictionary<string, object?>? inputs,
        RunOptions? options,
        CancellationToken cancellationToken)
    {
        RunExecution run;
        try
        {
            run = CreateRun(workflow, inputs, options);
        }
        catch (Exception exception)
        {
            // As from the asynchronous path: bad inputs fail the returned task, they do not throw here.
            return ValueTask.FromException<RunResult>(exception);
        }

        if (!TryAcquireSlot())
        {
            return AwaitStartThenEnd(StartCreatedAsync(run, cancellationToken), cancellationToken);
        }

        var caller = Worker.EnterInline(Scheduler, run);
        try
        {
            StartAdmitted(run);
            caller.RunInline(_callingThreadBudgetTicks);
        }
        finally
        {
            caller.ExitInline();
        }

        return new(run.Completion.WaitAsync(cancellationToken));
    }

    private static async ValueTask<RunResult> AwaitStartThenEnd(ValueTask<RunHandle> start, CancellationToken cancellationToken)
    {
        var handle = await start.ConfigureAwait(false);
        return await handle.Completion.WaitAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Starts a run of a definition and waits for its end.</summary>
    public ValueTask<RunResult> RunAsync(
        WorkflowDefinition definition,
        IReadOnlyDictionary<string, object?>? inputs = null,
        RunOptions? options = null,
        CancellationToken cancellationToken = default) =>
        RunAsync(Compile(definition), inputs, options, cancellationToken);

    /// <summary>A run by id: active, or among the recently finished (see <see cref="FlowEngineOptions.RetainFinishedRuns"/>).</summary>
    public bool TryGetRun(string runId, out RunHandle? handle)
    {
        if (_runs.TryGetValue(runId, out var run))
        {
            handle = new RunHandle(run);
            return true;
        }

        handle = null;
        return false;
    }

    /// <summary>Calls <paramref name="observer"/> for every event (of one run when <paramref name="runId"/>
    /// is given), on the thread that raised it. Dispose the result to stop.</summary>
    public IDisposable Subscribe(Action<FlowEvent> observer, string? runId = null) => Events.Subscribe(observer, runId);

    /// <summary>A buffered subscription read asynchronously; a reader that falls behind by more than
    /// <paramref name="capacity"/> events is dropped rather than slowing the engine.</summary>
    public EventStream OpenEventStream(string? runId = null, int capacity = 4096)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(capacity, 1);
        return new EventStream(Events, runId, capacity);
    }

    internal double NextJitterSample()
    {
        if (_jitter is null)
        {
            return Random.Shared.NextDouble();
        }

        lock (_jitter)
        {
            return _jitter.NextDouble();
        }
    }

    private RunExecution CreateRun(CompiledWorkflow workflow, IReadOnlyDictionary<string, object?>? inputs, RunOptions? options, bool awaitingStart = false)
    {
        ArgumentNullException.ThrowIfNull(workflow);
        ObjectDisposedException.ThrowIf(_disposed != 0, this);
        options ??= RunOptions.Default;
        var bound = BindInputs(workflow.Definition, inputs, options.CoerceInputStrings);
        var runId = options.RunId ?? Guid.CreateVersion7().ToString("N");
        var run = new RunExecution(this, workflow.Plan, runId, bound, options.Priority);
        if (awaitingStart)
        {
            run.MarkAwaitingStart();
        }

        if (!_runs.TryAdd(runId, run))
        {
            throw new ArgumentException($"A run with id '{runId}' already exists.", nameof(options));
        }

        if (Journal is { } journal)
        {
            if (options.RunId is not null && journal.Records.GetRun(runId) is not null)
            {
                _runs.TryRemove(runId, out _);
                throw new ArgumentException($"A run with id '{runId}' already exists in the store.", nameof(options));
            }

            run.DefinitionRevision = journal.RecordDefinition(workflow.Definition);
            run.JournalCreated();
        }

        return run;
    }

    /// <summary>Announces a run once it is admitted (started or queued); a refused run never existed.</summary>
    private void PublishCreatedOnce(RunExecution run)
    {
        if (run.TryMarkAnnounced() && Events.HasSubscribers)
        {
            var created = new FlowEvent
            {
                Type = FlowEventType.WorkflowCreated,
                RunId = run.RunId,
                WorkflowId = run.WorkflowId,
                Timestamp = run.CreatedAt,
                RunStatus = RunStatus.Pending,
            };
            if (Journal is { } journal)
            {
                journal.PublishWhenDurable(Events, created, run.CreatedTicket);
            }
            else
            {
                Events.Publish(created);
            }
        }
    }

    private static IReadOnlyDictionary<string, object?> BindInputs(WorkflowDefinition definition, IReadOnlyDictionary<string, object?>? inputs, bool coerceStrings)
    {
        if (definition.Inputs.Count == 0)
        {
            // Nothing declared: any input is accepted as given (copied, so the caller may reuse its map).
            return inputs is null || inputs.Count == 0 ? s_emptyInputs : new Dictionary<string, object?>(inputs, StringComparer.Ordinal);
        }

        var binding = InputBinder.Bind(definition, inputs ?? s_emptyInputs, coerceStrings);
        if (binding.Diagnostics.Any(static d => d.IsError))
        {
            throw new DefinitionException(binding.Diagnostics);
        }

        return binding.Inputs;
    }

    private static readonly IReadOnlyDictionary<string, object?> s_emptyInputs = new Dictionary<string, object?>(0);

    private bool TryAcquireSlot()
    {
        while (true)
        {
            var active = Volatile.Read(ref _active);
            if (active >= Options.MaxActiveRuns)
            {
                return false;
            }

            if (Interlocked.CompareExchange(ref _active, active + 1, active) == active)
            {
                return true;
            }
        }
    }

    private void StartAdmitted(RunExecution run)
    {
        PublishCreatedOnce(run);
        run.HoldsSlot = true;
        if (!run.Start())
        {
            // Cancelled while it waited: give the slot to the next one.
            run.HoldsSlot = false;
            Interlocked.Decrement(ref _active);
        }
    }

    private bool TryQueue(RunExecution run)
    {
        // Reserve a queue place first, bounded by MaxQueuedRuns exactly (0: no queue at all).
        while (true)
        {
            var queued = Volatile.Read(ref _queued);
            if (queued >= Options.MaxQueuedRuns)
            {
                return false;
            }

            if (Interlocked.CompareExchange(ref _queued, queued + 1, queued) == queued)
            {
                break;
            }
        }

        if (_admission.Writer.TryWrite(run))
        {
            return true;
        }

        Interlocked.Decrement(ref _queued);
        return false;
    }

    /// <summary>Starts queued runs while slots are free. The queued count is raised before a run
    /// is written and lowered after it is read, so a writer and a finishing run never both miss each other.</summary>
    private void DrainAdmission()
    {
        while (Volatile.Read(ref _queued) > 0 && TryAcquireSlot())
        {
            if (!_admission.Reader.TryRead(out var run))
            {
                // Counted but not written yet: its writer drains after writing.
                Interlocked.Decrement(ref _active);
                return;
            }

            Interlocked.Decrement(ref _queued);
            StartAdmitted(run);
        }
    }

    /// <summary>Takes an active slot again for a failed run that is retried.</summary>
    internal bool TryReadmit(RunExecution run)
    {
        if (!TryAcquireSlot())
        {
            return false;
        }

        run.HoldsSlot = true;
        _runs.TryAdd(run.RunId, run);
        return true;
    }

    internal void OnRunFinished(RunExecution run)
    {
        if (run.HoldsSlot)
        {
            run.HoldsSlot = false;
            Interlocked.Decrement(ref _active);
            DrainAdmission();
        }

        _finishedOrder.Enqueue(run.RunId);
        if (Interlocked.Increment(ref _finishedCount) > Options.RetainFinishedRuns && _finishedOrder.TryDequeue(out var old))
        {
            Interlocked.Decrement(ref _finishedCount);
            if (_runs.TryGetValue(old, out var finished) && finished.Phase.IsTerminal())
            {
                _runs.TryRemove(old, out _);
            }
        }
    }

    private void OnWorkerFault(Exception exception) =>
        Services.Logger.LogError(exception, "A FastFlow worker caught an exception that escaped a run. This is a bug; the engine keeps running.");

    /// <summary>Stops the workers. Runs still active are abandoned.</summary>
    public void Dispose()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0)
        {
            return;
        }

        _admission.Writer.TryComplete();
        Scheduler.Dispose();
        Services.Timers.Dispose();
        // Releases still queued wait for the store's commit, which is bounded by its window.
        Journal?.DisposeAsync().AsTask().GetAwaiter().GetResult();
    }

    /// <summary>Stops the workers.</summary>
    public ValueTask DisposeAsync()
    {
        Dispose();
        return ValueTask.CompletedTask;
    }
}
