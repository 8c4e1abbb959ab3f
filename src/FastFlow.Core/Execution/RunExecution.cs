using System.Collections.Concurrent;
using System.Runtime.CompilerServices;
using FastFlow.Plans;
using FastFlow.Scheduling;

namespace FastFlow.Execution;

/// <summary>One run of a plan: the per-task state arrays and the state machine that moves tasks
/// from pending to a terminal status. Tasks move by propagation: a task is decided (run, skip or
/// cancel) exactly once, by the thread that releases its last dependency, so run-wide operations
/// (pause, cancel, fail) only change the run's state and let propagation carry it through the
/// graph. The partial files split the concerns: dispatch (the hot path), attempts (async,
/// retries, timeouts), failure handling, control (pause/resume/cancel), the handler-facing host,
/// and compensation.</summary>
internal sealed partial class RunExecution : SchedulableWork
{
    /// <summary>Below this many dependencies a successor's counter is decremented at once; above,
    /// workers batch decrements locally (a join of a million tasks would otherwise bounce one
    /// cache line between cores a million times).</summary>
    private const int BatchInDegree = 16;
    /// <summary>How many finished tasks a worker counts locally before it publishes them.</summary>
    private const int BatchDoneLimit = 256;

    private readonly FlowEngine _engine;

    /// <summary>The engine the run belongs to.</summary>
    public FlowEngine Engine => _engine;
    private readonly ExecutionPlan _plan;
    private readonly PlanTask[] _tasks;
    private readonly int[] _successorStart;
    private readonly int[] _successors;
    private readonly int[] _predecessorCount;
    /// <summary>The pooled arrays below; given back when the run completes cleanly.</summary>
    private readonly RunState _state;
    /// <summary>Dependencies not yet done, per task.</summary>
    private readonly int[] _remaining;
    /// <summary>FlowTaskStatus per task.</summary>
    private readonly byte[] _status;
    /// <summary>Output per task (as the handler returned it; normalized on first read by an
    /// expression); allocated on the first output, so tasks without outputs cost nothing.</summary>
    private object?[]? _outputs;
    /// <summary>Attempts started per task, recorded off the hot path; a task that completed on
    /// the hot path ran once. Allocated on first use.</summary>
    private int[]? _attempts;
    /// <summary>Set when a task ends other than completed: the run's result then keeps its own
    /// copy of the statuses, and the state arrays are not given back.</summary>
    private volatile bool _irregular;
    /// <summary>Last error per task; allocated on the first failure.</summary>
    private TaskError?[]? _errors;
    /// <summary>Per task: dependencies that ended other than completed / that failed or timed out.
    /// Allocated when a dependency first ends that way or a task has another trigger rule.</summary>
    private int[]? _nonSuccess;
    private int[]? _failedDependencies;
    /// <summary>Attempt bookkeeping of tasks that retry, time out or run asynchronously.</summary>
    private AttemptState?[]? _attemptStates;
    /// <summary>Tasks not yet terminal; the run finishes when it reaches zero.</summary>
    private int _open;
    /// <summary>The run's status as an int for Interlocked; see <see cref="RunStatus"/> and <see cref="RunPhase"/>.</summary>
    private volatile int _phase;
    /// <summary>Guards run-level transitions, the gated ready queue and the held list.</summary>
    private readonly object _gate = new();
    /// <summary>Fires for every running handler when the run winds down; replaced when a failed run is retried.</summary>
    private CancellationTokenSource _cancellation = new();
    /// <summary>Completes when the run ends; replaced when a failed run is retried.</summary>
    private TaskCompletionSource<RunResult> _completion;
    private ConcurrentDictionary<string, object?>? _context;
    /// <summary>Gated plans: tasks ready but not dispatched, by priority then readiness.</summary>
    private ReadyQueue? _ready;
    /// <summary>Gated plans: tasks dispatched and not finished.</summary>
    private int _inFlight;
    /// <summary>Tasks that became ready while paused.</summary>
    private List<int>? _held;
    /// <summary>Tasks whose failure paused the run, waiting for resume (retry) or skip.</summary>
    private List<int>? _awaitingDecision;
    /// <summary>Completion order, for compensation; allocated when the plan has compensations.</summary>
    private readonly int[]? _completionOrder;
    private int _completionCount;
    private TimerHandle _deadline;
    private RunResult? _result;
    private int _finished;

    public RunExecution(FlowEngine engine, ExecutionPlan plan, string runId, IReadOnlyDictionary<string, object?> inputs, TaskPriority priority)
    {
        _engine = engine;
        _journal = engine.Journal;
        _completion = NewCompletion();
        _plan = plan;
        _tasks = plan.Tasks;
        _successorStart = plan.SuccessorStart;
        _successors = plan.Successors;
        _predecessorCount = plan.PredecessorCount;
        var count = plan.TaskCount;
        _state = plan.StatePool.Rent(_predecessorCount);
        _remaining = _state.Remaining;
        _status = _state.Status;
        _open = count;
        _completionOrder = plan.HasCompensation ? new int[count] : null;
        RunId = runId;
        Inputs = inputs;
        Priority = priority;
        CreatedAt = engine.Services.TimeProvider.GetUtcNow();
        _phase = (int)RunPhase.Pending;
    }

    public string RunId { get; }

    public string WorkflowId => _plan.WorkflowId;

    public ExecutionPlan Plan => _plan;

    public TaskPriority Priority { get; }

    /// <inheritdoc />
    public override TaskPriority HandoffPriority => Priority;

    public IReadOnlyDictionary<string, object?> Inputs { get; }

    public DateTimeOffset CreatedAt { get; private set; }

    public DateTimeOffset? StartedAt { get; private set; }

    public DateTimeOffset? CompletedAt { get; private set; }

    /// <summary>The run's error once it failed.</summary>
    public TaskError? Error { get; private set; }

    public Task<RunResult> Completion => Volatile.Read(ref _completion).Task;

    public RunStatus Status => ((RunPhase)_phase).ToStatus();

    internal RunPhase Phase => (RunPhase)_phase;

    internal CancellationToken Token => _cancellation.Token;

    public FlowTaskStatus GetTaskStatus(int task)
    {
        var status = _status;
        // A finished run answers from its result: its arrays may be back in the pool.
        return Volatile.Read(ref _result) is { } result ? result.GetTaskStatus(task) : (FlowTaskStatus)Volatile.Read(ref status[task]);
    }

    public int GetAttempts(int task)
    {
        var recorded = _attempts is { } attempts ? Volatile.Read(ref attempts[task]) : 0;
        if (_interruptedAttempt is { } interrupted && interrupted[task] > recorded)
        {
            // An attempt a restart interrupted counts until it runs again.
            recorded = interrupted[task];
        }

        return recorded == 0 && GetTaskStatus(task) is FlowTaskStatus.Completed or FlowTaskStatus.Compensated ? 1 : recorded;
    }

    public TaskError? GetTaskError(int task) => _errors is { } errors ? Volatile.Read(ref errors[task]) : null;

    /// <summary>Writes a status off the hot path, noting statuses that make the run irregular.</summary>
    private void SetStatus(int task, FlowTaskStatus status)
    {
        if (status is FlowTaskStatus.Failed or FlowTaskStatus.Timeout or FlowTaskStatus.Skipped or FlowTaskStatus.Cancelled or FlowTaskStatus.Compensated)
        {
            _irregular = true;
        }

        Volatile.Write(ref _status[task], (byte)status);
    }

    private object?[] OutputArray => _outputs ?? InitializeArray(ref _outputs);

    private int[] Attempts => _attempts ?? InitializeArray(ref _attempts);

    private TaskError?[] Errors => _errors ?? InitializeArray(ref _errors);

    private int[] NonSuccess => _nonSuccess ?? InitializeArray(ref _nonSuccess);

    private int[] FailedDependencies => _failedDependencies ?? InitializeArray(ref _failedDependencies);

    private AttemptState?[] AttemptStates => _attemptStates ?? InitializeArray(ref _attemptStates);

    [MethodImpl(MethodImplOptions.NoInlining)]
    private T[] InitializeArray<T>(ref T[]? field)
    {
        var created = new T[_plan.TaskCount];
        return Interlocked.CompareExchange(ref field, created, null) ?? created;
    }

    private AttemptState GetAttemptState(int task)
    {
        var states = AttemptStates;
        var state = Volatile.Read(ref states[task]);
        if (state is not null)
        {
            return state;
        }

        var created = new AttemptState();
        return Interlocked.CompareExchange(ref states[task], created, null) ?? created;
    }
}
