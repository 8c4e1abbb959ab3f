using FastFlow.Core.Tests.Semantics.Support;
using FastFlow.Definitions;
using FastFlow.Events;

namespace FastFlow.Core.Tests.Semantics;

/// <summary>One execution of a <see cref="DagCase"/> on an engine, with every handler start and
/// end (and, when observed, every terminal task event) stamped from one Interlocked sequence.</summary>
internal sealed class DagRun
{
    private readonly DagCase _dag;
    private long _sequence;

    private DagRun(DagCase dag)
    {
        _dag = dag;
        Starts = new long[dag.Count];
        Ends = new long[dag.Count];
        Terminal = new long[dag.Count];
        Calls = new int[dag.Count];
        TerminalEvents = new int[dag.Count];
    }

    /// <summary>Sequence number at which each handler started (0: never).</summary>
    public long[] Starts { get; }

    /// <summary>Sequence number at which each handler was about to return (0: never).</summary>
    public long[] Ends { get; }

    /// <summary>Observed runs: sequence number of each task's terminal event (0: none).</summary>
    public long[] Terminal { get; }

    /// <summary>Handler invocations per task.</summary>
    public int[] Calls { get; }

    /// <summary>Observed runs: terminal task events (completed, failed, skipped) per task.</summary>
    public int[] TerminalEvents { get; }

    /// <summary>Observed runs: workflow.completed, workflow.failed and workflow.cancelled events.</summary>
    public int RunEndEvents => Volatile.Read(ref _runEndEvents);

    private int _runEndEvents;

    public RunResult Result { get; private set; } = null!;

    public static async Task<DagRun> ExecuteAsync(FlowEngine engine, DagCase dag)
    {
        var run = new DagRun(dag);
        var runId = Guid.NewGuid().ToString("N");
        using var subscription = dag.Observe ? engine.Subscribe(run.OnEvent, runId) : null;
        var options = new RunOptions { RunId = runId };
        if (dag.Count % 2 == 0)
        {
            // Half the cases through RunAsync from a pool thread, whose first tasks run on that thread.
            var definition = run.Build();
            run.Result = await Task.Run(() => engine.RunAsync(definition, options: options).AsTask()).Guarded();
            return run;
        }

        var handle = await engine.StartAsync(run.Build(), options: options).Guarded();
        run.Result = await handle.Completion.Guarded();
        return run;
    }

    private WorkflowDefinition Build()
    {
        var flow = new WorkflowBuilder("random-dag");
        if (_dag.MaxConcurrency is { } limit)
        {
            flow.MaxConcurrency(limit);
        }

        var tasks = new TaskRef[_dag.Count];
        for (var i = 0; i < _dag.Count; i++)
        {
            var task = flow.Task(DagCase.Id(i), Handler(i)).Trigger(_dag.Rules[i]).Priority(_dag.Priorities[i]);
            if (_dag.SkipOnFailure[i])
            {
                task.OnFailure(FailurePolicy.Skip);
            }

            if (_dag.WhenFalse[i])
            {
                task.When("false");
            }

            foreach (var dependency in _dag.Dependencies[i])
            {
                task.DependsOn(tasks[dependency]);
            }

            tasks[i] = task;
        }

        return flow.Build();
    }

    private TaskHandler Handler(int task)
    {
        var fails = _dag.Fails[task];
        TaskResult Begin()
        {
            Interlocked.Increment(ref Calls[task]);
            Volatile.Write(ref Starts[task], Interlocked.Increment(ref _sequence));
            return fails ? TaskResult.Failure(ErrorCategory.Permanent, $"{DagCase.Id(task)} fails") : TaskResult.Success((long)task);
        }

        TaskResult End(TaskResult result)
        {
            Volatile.Write(ref Ends[task], Interlocked.Increment(ref _sequence));
            return result;
        }

        if (!_dag.AsyncHandlers)
        {
            return _ => End(Begin());
        }

        return Handlers.Async(async _ =>
        {
            var result = Begin();
            await Task.Yield();
            return End(result);
        });
    }

    private void OnEvent(FlowEvent flowEvent)
    {
        if (flowEvent.Type is FlowEventType.WorkflowCompleted or FlowEventType.WorkflowFailed or FlowEventType.WorkflowCancelled)
        {
            Interlocked.Increment(ref _runEndEvents);
            return;
        }

        if (flowEvent.TaskId is not { } id || flowEvent.Type is not (FlowEventType.TaskCompleted or FlowEventType.TaskFailed or FlowEventType.TaskSkipped))
        {
            return;
        }

        var task = int.Parse(id.AsSpan(1), System.Globalization.CultureInfo.InvariantCulture);
        Interlocked.Increment(ref TerminalEvents[task]);
        Interlocked.CompareExchange(ref Terminal[task], Interlocked.Increment(ref _sequence), 0);
    }
}
