using FastFlow.Bench.Workflows;
using FastFlow.Definitions;
using FastFlow.Definitions.Loading;
using FastFlow.Storage.Records;
using FastFlow.Storage.Stores;
using FastFlow.Storage.Stores.Faster;

namespace FastFlow.Benchmarks.Durability;

/// <summary>The engines, stores and workflows the durability measurements share.</summary>
internal static class DurableFlows
{
    /// <summary>History entries of one completed five-task run counted as task transitions:
    /// task.started and task.completed for each of the five tasks. The run's own entries
    /// (workflow.created, workflow.started, workflow.completed) and its record writes are extra.</summary>
    public const int TaskTransitionsPerFiveTaskRun = 10;

    /// <summary>The five-task workflow with its first task (extract) blocking until the process
    /// ends: stored as YAML text, so that a new engine can recover its runs from the store alone.</summary>
    public const string BlockedFiveTaskYaml = """
        id: five-tasks-blocked
        tasks:
          extract: { handler: block }
          transform_a: { handler: noop, dependencies: [extract] }
          transform_b: { handler: noop, dependencies: [extract] }
          merge: { handler: noop, dependencies: [transform_a, transform_b] }
          load: { handler: noop, dependencies: [merge] }
        """;

    /// <summary>Opens a FASTER store with the default options but <paramref name="durability"/>
    /// (and <paramref name="stateMemoryBytes"/>, FasterKV's log in memory, when given).</summary>
    public static FasterStateStore OpenStore(string directory, StoreDurability durability, long? stateMemoryBytes = null) =>
        FasterStateStore.Open(directory, stateMemoryBytes is { } memory
            ? new StateStoreOptions { Durability = durability, StateMemoryBytes = memory }
            : new StateStoreOptions { Durability = durability });

    public static FlowEngine CreateEngine(IStateStore? store, CheckpointLevel level = CheckpointLevel.Standard, int? retainCompletedRuns = null) =>
        new(new FlowEngineOptions
        {
            WorkerCount = 2,
            Store = store,
            CheckpointLevel = level,
            RetainCompletedRuns = retainCompletedRuns,
            MaxActiveRuns = 1_000_000,
        });

    /// <summary>The five-task workflow of the in-memory figures, compiled by <paramref name="engine"/>.</summary>
    public static CompiledWorkflow FiveTasks(FlowEngine engine) => engine.Compile(FiveTaskWorkflow.Build());

    public static WorkflowDefinition LoadYaml(string yaml)
    {
        var loaded = DefinitionLoader.Load(yaml, DefinitionFormat.Yaml, "bench.yaml");
        return loaded.Definition ?? throw new InvalidOperationException(string.Join("; ", loaded.Diagnostics));
    }

    /// <summary>A chain of <paramref name="tasks"/> tasks t001 → t002 → …, each with a small
    /// output; task <paramref name="gatedTask"/> calls <paramref name="arrived"/> and then waits for
    /// the task <paramref name="gate"/> returns, so a run stays active with the tasks before it done.</summary>
    public static WorkflowDefinition GatedChain(int tasks, int gatedTask, Func<Task> gate, Action arrived)
    {
        var flow = new WorkflowBuilder($"chain-{tasks}-gated-at-{gatedTask}");
        TaskRef? previous = null;
        for (var i = 1; i <= tasks; i++)
        {
            var number = (long)i;
            var id = $"t{i:D3}";
            var task = i == gatedTask
                ? flow.Task(id, (TaskHandler)(async _ =>
                {
                    arrived();
                    await gate().ConfigureAwait(false);
                    return TaskResult.Success(number);
                }))
                : flow.Task(id, _ => (object?)number);
            if (previous is { } before)
            {
                task.DependsOn(before);
            }

            previous = task;
        }

        return flow.Build();
    }

    /// <summary>Starts runs until <paramref name="count"/> have started, <paramref name="concurrency"/>
    /// <c>StartAsync</c> calls at a time (each returns once the run's creation is durable).</summary>
    public static async Task<string[]> StartManyAsync(FlowEngine engine, CompiledWorkflow workflow, int count, int concurrency)
    {
        var ids = new string[count];
        var next = -1;
        var loops = new Task[Math.Min(count, concurrency)];
        for (var i = 0; i < loops.Length; i++)
        {
            loops[i] = Task.Run(async () =>
            {
                int index;
                while ((index = Interlocked.Increment(ref next)) < count)
                {
                    ids[index] = (await engine.StartAsync(workflow)).RunId;
                }
            });
        }

        await Task.WhenAll(loops);
        return ids;
    }

    /// <summary>Waits until <paramref name="condition"/> holds, polling; throws after <paramref name="timeout"/>.</summary>
    public static void Until(Func<bool> condition, TimeSpan timeout, string what)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (!condition())
        {
            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"Timed out after {timeout.TotalSeconds:F0} s waiting for {what}.");
            }

            Thread.Sleep(1);
        }
    }
}
