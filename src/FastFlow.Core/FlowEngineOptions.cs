namespace FastFlow;

/// <summary>Settings of a <see cref="FlowEngine"/>.</summary>
public sealed class FlowEngineOptions
{
    /// <summary>Worker threads of the scheduler; default: one per processor.</summary>
    public int WorkerCount { get; set; } = Environment.ProcessorCount;

    /// <summary>Runs in the engine at once (pending, running or paused). Submitting past it waits
    /// (back-pressure) or, with a try-submit, fails with a <see cref="ErrorCategory.Capacity"/> error.</summary>
    public int MaxActiveRuns { get; set; } = 100_000;

    /// <summary>Runs waiting for an active slot. Past it, <c>StartAsync</c> waits and <c>TryStart</c>
    /// fails with a capacity error.</summary>
    public int MaxQueuedRuns { get; set; } = 10_000;

    /// <summary>Finished runs kept in memory for lookups by id.</summary>
    public int RetainFinishedRuns { get; set; } = 1_000;

    /// <summary>Root directory of <c>file_operation</c>; null disables the action.</summary>
    public string? FileRoot { get; set; }

    /// <summary>Whether the <c>exec</c> action (and process agents) may start programs.</summary>
    public bool AllowExec { get; set; }

    /// <summary>When not empty, <c>exec</c> may start only these programs (names or full paths).</summary>
    public IList<string> ExecAllowList { get; } = [];

    /// <summary>Whether the <c>api_call</c> action may make HTTP requests.</summary>
    public bool AllowHttp { get; set; } = true;

    /// <summary>How long a spinning idle worker keeps looking for work before it parks.
    /// Longer spins cut wake-up latency at the cost of CPU while idle.</summary>
    public TimeSpan WorkerSpin { get; set; } = TimeSpan.FromMicroseconds(50);

    /// <summary>Whether code awaiting a run's end may resume synchronously on the engine worker that
    /// finished the run, as <c>ChannelOptions.AllowSynchronousContinuations</c> does for channels.
    /// Off by default: the awaiting code then resumes on the .NET thread pool, which costs a thread
    /// hop (tens of microseconds when the pool is idle) but can never hold up an engine worker.
    /// Turn it on when the code after <c>await engine.RunAsync(...)</c> is short and never blocks
    /// (no <c>.Result</c>, no <c>Wait()</c>): a five-task run then completes in a few microseconds.</summary>
    public bool AllowSynchronousContinuations { get; set; }

    /// <summary>Whether <c>RunAsync</c> runs a new run's tasks on the calling thread before handing
    /// what is left to the workers (at most <see cref="CallingThreadBudget"/>). A short run of
    /// synchronous tasks then ends before <c>RunAsync</c> returns, with no thread woken and no
    /// thread hop: a five-task run costs about as much as calling its handlers. Only from a thread
    /// without a <see cref="SynchronizationContext"/> (so an async handler never resumes on a UI or
    /// request context it did not ask for), and never on an engine worker. On by default.</summary>
    public bool RunOnCallingThread { get; set; } = true;

    /// <summary>How long <c>RunAsync</c> may run a new run's tasks on the calling thread before the
    /// workers take over the rest (see <see cref="RunOnCallingThread"/>). A handler already running
    /// is not interrupted: the budget is checked between tasks.</summary>
    public TimeSpan CallingThreadBudget { get; set; } = TimeSpan.FromMicroseconds(100);

    /// <summary>Where runs are kept durably: every transition of every run is journaled there
    /// (DESIGN §5), acknowledgements wait for the store's durability, and <see cref="FlowEngine.RecoverAsync"/>
    /// resumes the runs a crash left unfinished. Null (the default): runs live in memory only. The
    /// caller opens the store (for instance <c>FasterStateStore.Open</c>) and disposes it after the engine.</summary>
    public FastFlow.Storage.Stores.IStateStore? Store { get; set; }

    /// <summary>What a checkpoint holds: minimal (statuses), standard (+ context and outputs),
    /// comprehensive (+ the event history), debug (+ attempt parameters and timings). Default standard.</summary>
    public FastFlow.Storage.Records.CheckpointLevel CheckpointLevel { get; set; } = FastFlow.Storage.Records.CheckpointLevel.Standard;

    /// <summary>A durable run takes a checkpoint after this many task transitions since its last
    /// one (0: never periodically). Checkpoints are also taken when a run pauses, fails or is
    /// cancelled, and on request (<see cref="FlowEngine.CheckpointAsync"/>). Default 64.</summary>
    public int CheckpointEveryTransitions { get; set; } = 64;

    /// <summary>Checkpoints kept per run; older ones are deleted. Default 10.</summary>
    public int MaxCheckpointsPerRun { get; set; } = 10;

    /// <summary>Terminal runs kept in the store (oldest deleted first, with their history and
    /// checkpoints); null keeps every run. Bounds the data directory of a long-running engine.</summary>
    public int? RetainCompletedRuns { get; set; }

    /// <summary>Seed of the random source behind retry jitter; null for a random seed. Tests set it.</summary>
    public int? JitterSeed { get; set; }
}
