using FastFlow.Agents;

namespace FastFlow.Server.Requests;

/// <summary>One attempt of a remote agent: waiting for a worker, then leased to one until it
/// completes, lapses or is cancelled. Whichever comes first settles <see cref="Result"/>; the rest
/// find it settled and do nothing.</summary>
internal sealed class Lease
{
    private readonly TaskCompletionSource<TaskResult> _result = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>Creates the lease of one attempt (not yet handed to a worker).</summary>
    public Lease(string id, AgentRequest request)
    {
        Id = id;
        Request = request;
    }

    /// <summary>The lease's id: <c>agentId/unique</c>, so a heartbeat finds its agent's broker.</summary>
    public string Id { get; }

    /// <summary>The attempt.</summary>
    public AgentRequest Request { get; }

    /// <summary>The attempt's outcome.</summary>
    public Task<TaskResult> Result => _result.Task;

    /// <summary>When the lease lapses unless renewed; set when a worker takes it (UTC ticks).</summary>
    public long ExpiresAtTicks;

    /// <summary>Fires at <see cref="ExpiresAtTicks"/>; null until leased.</summary>
    public ITimer? Timer { get; set; }

    /// <summary>Settles the attempt; false when it was settled already.</summary>
    public bool TrySettle(TaskResult result) => _result.TrySetResult(result);

    /// <summary>Ends the attempt as cancelled (its run's token fired); false when it was settled already.</summary>
    public bool TryCancel(CancellationToken token) => _result.TrySetCanceled(token);
}
