using System.Diagnostics;
using FastFlow.Storage.Records;
using FastFlow.Storage.Stores;
using FastFlow.Storage.Stores.Faster;

namespace FastFlow.Benchmarks.Durability;

/// <summary>An engine over a FASTER store holding active 100-task runs to checkpoint: each is a
/// chain whose task 60 waits on the pool's gate, so 59 tasks have completed (with outputs), one
/// is under way and 40 are pending when a checkpoint is taken.</summary>
internal sealed class CheckpointPool : IAsyncDisposable
{
    public const int Tasks = 100;
    public const int GatedTask = 60;

    private readonly ScratchDirectory _directory = new("checkpoints");
    private readonly FasterStateStore _store;
    private readonly FlowEngine _engine;
    private readonly CompiledWorkflow _compiled;
    /// <summary>What the gated task of the current runs waits for; swapped for every new batch.</summary>
    private TaskCompletionSource _gate = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private int _arrived;
    private List<RunHandle> _runs = [];

    public CheckpointPool(StoreDurability durability, CheckpointLevel level)
    {
        _store = DurableFlows.OpenStore(_directory.Path, durability);
        // Periodic checkpoints off: only the ones measured are taken.
        _engine = new FlowEngine(new FlowEngineOptions { WorkerCount = 2, Store = _store, CheckpointLevel = level, CheckpointEveryTransitions = 0 });
        _compiled = _engine.Compile(DurableFlows.GatedChain(Tasks, GatedTask, () => Volatile.Read(ref _gate).Task, () => Interlocked.Increment(ref _arrived)));
    }

    public IStateStore Store => _store;

    public FlowEngine Engine => _engine;

    /// <summary>The ids of the current batch of runs, every one waiting at its gated task.</summary>
    public IReadOnlyList<string> RunIds => [.. _runs.Select(static r => r.RunId)];

    /// <summary>Lets the current batch finish (and waits for it), then starts <paramref name="count"/>
    /// new runs and waits until each has reached its gated task.</summary>
    public void StartBatch(int count)
    {
        ReleaseBatch();
        Volatile.Write(ref _arrived, 0);
        _runs = [];
        for (var i = 0; i < count; i++)
        {
            _runs.Add(_engine.StartAsync(_compiled).AsTask().GetAwaiter().GetResult());
        }

        DurableFlows.Until(() => Volatile.Read(ref _arrived) == count, TimeSpan.FromMinutes(2), $"{count} runs to reach task {GatedTask}");
        // Everything the batch wrote is durable before anything is measured.
        _store.WaitDurableAsync(_store.LastTicket).AsTask().GetAwaiter().GetResult();
    }

    /// <summary>Checkpoints a small batch over and over for about a second, pausing between rounds:
    /// the tiered JIT recompiles a method with full optimization only after it has been called 30
    /// times and 100 ms have passed without new methods being compiled, and does it on a
    /// background thread, so a short warm-up on a busy machine measures unoptimized code (it read
    /// 200–600 µs for what takes 35–60 µs once optimized).</summary>
    public async Task WarmUpAsync()
    {
        StartBatch(50);
        var clock = Stopwatch.StartNew();
        for (var round = 0; round < 3 || clock.Elapsed < TimeSpan.FromSeconds(1); round++)
        {
            foreach (var id in RunIds)
            {
                await _engine.CheckpointAsync(id);
            }

            await Task.Delay(150);
        }
    }

    /// <summary>Opens the gate of the current batch and waits until its runs have completed.</summary>
    public void ReleaseBatch()
    {
        var gate = Interlocked.Exchange(ref _gate, new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously));
        gate.TrySetResult();
        foreach (var run in _runs)
        {
            var result = run.Completion.WaitAsync(TimeSpan.FromMinutes(1)).GetAwaiter().GetResult();
            if (result.Status != RunStatus.Completed)
            {
                throw new InvalidOperationException($"Run {run.RunId} ended {result.Status.ToWireName()}: {result.Error?.Message}");
            }
        }

        _runs = [];
    }

    /// <summary>The stored bytes of the latest checkpoint of <paramref name="runId"/>.</summary>
    public byte[] LatestCheckpointBytes(string runId) =>
        _store.Scan($"ckpt/{runId}/") is { Count: > 0 } found ? found[^1].Value : throw new InvalidOperationException($"Run {runId} has no checkpoint.");

    public async ValueTask DisposeAsync()
    {
        ReleaseBatch();
        _engine.Dispose();
        await _store.DisposeAsync();
        _directory.Dispose();
    }
}
