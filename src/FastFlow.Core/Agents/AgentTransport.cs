namespace FastFlow.Agents;

/// <summary>How a request reaches an agent and its result comes back: an in-process delegate,
/// a process per attempt, an HTTP endpoint. One instance serves every request of its agent,
/// concurrently (the agent's slots bound how many).</summary>
public abstract class AgentTransport
{
    /// <summary>A short name of the transport for tools and messages (<c>in_process</c>,
    /// <c>process</c>, <c>http</c>).</summary>
    public abstract string Kind { get; }

    /// <summary>Sends one attempt to the agent and returns its result. Return a failure with the
    /// right category for what the agent said; throw only for cancellation (honour
    /// <paramref name="cancellationToken"/>: it fires on timeout and cancel). Any other exception
    /// becomes a <see cref="ErrorCategory.Transient"/> failure naming the agent.</summary>
    public abstract ValueTask<TaskResult> SendAsync(AgentRequest request, CancellationToken cancellationToken);
}
