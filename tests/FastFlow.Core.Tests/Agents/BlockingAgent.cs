using System.Collections.Concurrent;
using FastFlow.Agents;

namespace FastFlow.Core.Tests.Agents;

/// <summary>An in-process agent whose requests each wait for the test to release them: the test
/// sees each request arrive (in order) and decides when it ends.</summary>
internal sealed class BlockingAgent
{
    private readonly ConcurrentQueue<TaskCompletionSource<AgentRequest>> _arrivals = new();
    private readonly ConcurrentDictionary<string, TaskCompletionSource<TaskResult>> _releases = new();
    private int _entered;

    public BlockingAgent()
    {
        for (var i = 0; i < 64; i++)
        {
            _arrivals.Enqueue(new TaskCompletionSource<AgentRequest>(TaskCreationOptions.RunContinuationsAsynchronously));
        }

        Arrivals = [.. _arrivals];
    }

    /// <summary>Arrival i completes when the i-th request enters the handler.</summary>
    public TaskCompletionSource<AgentRequest>[] Arrivals { get; }

    public int Entered => Volatile.Read(ref _entered);

    public async ValueTask<TaskResult> HandleAsync(AgentRequest request, CancellationToken cancellationToken)
    {
        var release = _releases.GetOrAdd(request.TaskId, _ => new TaskCompletionSource<TaskResult>(TaskCreationOptions.RunContinuationsAsynchronously));
        var index = Interlocked.Increment(ref _entered) - 1;
        Arrivals[index].TrySetResult(request);
        return await release.Task.WaitAsync(cancellationToken);
    }

    /// <summary>Ends the request of <paramref name="taskId"/> with <paramref name="result"/>.</summary>
    public void Release(string taskId, TaskResult result) =>
        _releases.GetOrAdd(taskId, _ => new TaskCompletionSource<TaskResult>(TaskCreationOptions.RunContinuationsAsynchronously)).TrySetResult(result);

    public static AgentRequest Request(string taskId, string agentId = "a") => new()
    {
        RunId = "run-1",
        WorkflowId = "wf",
        TaskId = taskId,
        IdempotencyKey = $"run-1/{taskId}/1",
        AgentId = agentId,
        Action = "agent_task",
    };
}
