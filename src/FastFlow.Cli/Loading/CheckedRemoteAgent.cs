using FastFlow.Agents;

namespace FastFlow.Cli.Loading;

/// <summary>Stands for a remote agent while `fastflow validate` checks a server's agents file: the
/// agent is registered so that definitions' references to it resolve. Validation runs nothing; if
/// an attempt ever reached it, it fails saying where remote agents run.</summary>
internal sealed class CheckedRemoteAgent : AgentTransport
{
    /// <inheritdoc/>
    public override string Kind => "remote";

    /// <inheritdoc/>
    public override ValueTask<TaskResult> SendAsync(AgentRequest request, CancellationToken cancellationToken) =>
        ValueTask.FromResult(TaskResult.Failure(ErrorCategory.Permanent,
            $"Agent '{request.AgentId}' is a remote agent: its tasks run only on a server (`fastflow serve --agents F`), leased by its workers."));
}
