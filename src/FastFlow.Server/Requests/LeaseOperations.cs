using FastFlow.Agents;
using FastFlow.Protocol;
using FastFlow.Protocol.Messages;

namespace FastFlow.Server.Requests;

/// <summary>lease_tasks, heartbeat and complete_lease: workers of the engine's remote agents
/// (those registered with a <see cref="RemoteAgentTransport"/>) take attempts, keep them alive
/// and report their results.</summary>
internal sealed class LeaseOperations(FlowEngine engine)
{
    /// <summary>The most tasks one lease_tasks takes.</summary>
    public const int MaxTasks = 1_000;

    /// <summary>The longest long poll.</summary>
    public static readonly TimeSpan MaxWait = TimeSpan.FromMinutes(5);

    /// <summary>Tasks leased to workers now, over every remote agent.</summary>
    public int LeasedCount => RemoteAgents().Sum(static broker => broker.LeasedCount);

    /// <summary>Leases up to <c>max</c> attempts of the agent, waiting up to <c>wait_ms</c> when none is waiting.</summary>
    /// <exception cref="RequestException">An unknown or not remote agent, or a bad max or wait.</exception>
    public async ValueTask<LeasesMessage> LeaseAsync(LeaseTasksMessage request, CancellationToken cancellationToken)
    {
        var broker = Broker(request.AgentId);
        var max = request.Max switch
        {
            0 => 1,
            > 0 and <= MaxTasks => request.Max,
            _ => throw new RequestException(ErrorCode.InvalidRequest, $"max {request.Max} is out of range: give 1 to {MaxTasks}, or 0 for 1.",
                [WireDiagnostics.Field("max", $"{request.Max} is out of range", $"give 1 to {MaxTasks}")]),
        };
        if (request.WaitMs < 0 || request.WaitMs > (long)MaxWait.TotalMilliseconds)
        {
            throw new RequestException(ErrorCode.InvalidRequest,
                $"wait_ms {request.WaitMs} is out of range: give 0 (answer at once) to {(long)MaxWait.TotalMilliseconds}.",
                [WireDiagnostics.Field("wait_ms", $"{request.WaitMs} is out of range", $"give 0 to {(long)MaxWait.TotalMilliseconds}")]);
        }

        var leases = await broker.TakeAsync(max, TimeSpan.FromMilliseconds(request.WaitMs), cancellationToken).ConfigureAwait(false);
        return new LeasesMessage { Leases = [.. leases.Select(lease => ToWire(lease, broker.AgentId))] };
    }

    /// <summary>Renews a lease.</summary>
    /// <exception cref="RequestException"><see cref="ErrorCode.NotFound"/> for a lease not held (completed, lapsed, unknown).</exception>
    public LeaseRenewedMessage Heartbeat(HeartbeatMessage request)
    {
        var broker = BrokerOfLease(request.LeaseId);
        var expires = broker?.Renew(request.LeaseId) ?? throw LeaseNotHeld(request.LeaseId);
        return new LeaseRenewedMessage { LeaseId = request.LeaseId, ExpiresAt = expires };
    }

    /// <summary>Ends a lease with the worker's result.</summary>
    /// <exception cref="RequestException">A lease not held, or an unknown error category.</exception>
    public void Complete(CompleteLeaseMessage request)
    {
        var broker = BrokerOfLease(request.LeaseId) ?? throw LeaseNotHeld(request.LeaseId);
        TaskResult result;
        if (request.Ok)
        {
            result = TaskResult.Success(request.Output);
        }
        else
        {
            var category = ErrorCategory.Transient;
            if (request.Error?.Category is { Length: > 0 } name)
            {
                if (!WireNames.TryParse<ErrorCategory>(name, out var parsed))
                {
                    var allowed = string.Join(", ", WireNames.NamesOf<ErrorCategory>());
                    throw new RequestException(ErrorCode.InvalidRequest, $"error.category '{name}' is not an error category: use one of {allowed}.",
                        [WireDiagnostics.Field("error.category", $"'{name}' is not an error category", $"use one of {allowed}")]);
                }

                category = parsed.Value;
            }

            result = TaskResult.Failure(category, request.Error?.Message is { Length: > 0 } message
                ? message
                : $"Remote agent '{broker.AgentId}' reported a failure without a message.");
        }

        if (!broker.Complete(request.LeaseId, result))
        {
            throw LeaseNotHeld(request.LeaseId);
        }
    }

    private LeaseBroker Broker(string agentId)
    {
        if (engine.Registry.TryGetAgent(agentId, out var agent) && agent.Transport is RemoteAgentTransport remote)
        {
            return remote.Broker;
        }

        var remotes = RemoteAgents().Select(static b => b.AgentId).Order(StringComparer.Ordinal).ToList();
        var known = remotes.Count == 0
            ? "No remote agents are configured on this server: its agents file gives none with transport: remote."
            : $"Its remote agents: {string.Join(", ", remotes)}.";
        throw agent is null
            ? new RequestException(ErrorCode.NotFound, $"This server has no agent '{agentId}'. {known}")
            : new RequestException(ErrorCode.Refused, $"Agent '{agentId}' is a {agent.Transport.Kind} agent, which the server reaches itself; only agents with transport: remote are leased. {known}");
    }

    private LeaseBroker? BrokerOfLease(string leaseId)
    {
        var slash = leaseId.LastIndexOf('/');
        return slash > 0
            && engine.Registry.TryGetAgent(leaseId[..slash], out var agent)
            && agent.Transport is RemoteAgentTransport remote ? remote.Broker : null;
    }

    private IEnumerable<LeaseBroker> RemoteAgents() =>
        engine.Registry.Agents().Select(static a => a.Transport).OfType<RemoteAgentTransport>().Select(static t => t.Broker);

    private static RequestException LeaseNotHeld(string leaseId) => new(ErrorCode.NotFound,
        $"Lease '{leaseId}' is not held: it was completed, it lapsed (its attempt failed as transient and may be retried under a new lease), or it never existed. Lease tasks again.");

    private static LeasedTask ToWire(Lease lease, string agentId)
    {
        var request = lease.Request;
        return new LeasedTask
        {
            LeaseId = lease.Id,
            AgentId = agentId,
            RunId = request.RunId,
            WorkflowId = request.WorkflowId,
            TaskId = request.TaskId,
            Attempt = request.Attempt,
            IdempotencyKey = request.IdempotencyKey,
            Action = request.Action,
            Parameters = request.Parameters,
            Inputs = request.Inputs,
            Context = request.Context,
            ExpiresAt = new DateTimeOffset(Volatile.Read(ref lease.ExpiresAtTicks), TimeSpan.Zero),
        };
    }
}
