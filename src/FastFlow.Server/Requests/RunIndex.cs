using System.Collections.Concurrent;

namespace FastFlow.Server.Requests;

/// <summary>The runs this server created and their priorities, for as long as the engine keeps
/// them: the engine's handles do not say a run's priority, and it lists only its active runs,
/// not the finished ones it still retains. Entries of runs the engine has let go are dropped a
/// few at a time as new runs are added, so the index never outgrows the engine's own retention
/// by more than a constant factor.</summary>
internal sealed class RunIndex(FlowEngine engine)
{
    /// <summary>Entries looked at per addition: more than one, so removals outpace additions.</summary>
    private const int PruneStep = 2;

    /// <summary>Below this many entries nothing is pruned (the checks would cost more than they free).</summary>
    private const int PruneFloor = 256;

    private readonly ConcurrentDictionary<string, TaskPriority> _priorities = new(StringComparer.Ordinal);

    /// <summary>Run ids in the order they are checked for pruning; a run still held goes to the back.</summary>
    private readonly ConcurrentQueue<string> _order = new();

    /// <summary>Records a run the server created.</summary>
    public void Add(string runId, TaskPriority priority)
    {
        if (_priorities.TryAdd(runId, priority))
        {
            _order.Enqueue(runId);
        }

        if (_priorities.Count > PruneFloor)
        {
            Prune();
        }
    }

    /// <summary>The priority the server created <paramref name="runId"/> with; null for a run it did not create.</summary>
    public TaskPriority? PriorityOf(string runId) => _priorities.TryGetValue(runId, out var priority) ? priority : null;

    /// <summary>The runs indexed now (some may have been let go by the engine since).</summary>
    public ICollection<string> RunIds => _priorities.Keys;

    private void Prune()
    {
        for (var i = 0; i < PruneStep && _order.TryDequeue(out var runId); i++)
        {
            if (engine.TryGetRun(runId, out _))
            {
                _order.Enqueue(runId);
            }
            else
            {
                _priorities.TryRemove(runId, out _);
            }
        }
    }
}
