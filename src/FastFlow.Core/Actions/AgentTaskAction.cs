using FastFlow.Agents;
using FastFlow.Validation;

namespace FastFlow.Actions;

/// <summary><c>agent_task</c>: sends the task to an agent chosen by <c>agent_id</c> or by
/// <c>capabilities</c> (the agent must have all of them); the agent's result is the task's output.
/// The agents that may run a task are resolved when the plan is compiled; each attempt only picks
/// one of them (offline and error agents receive nothing), waits for a free slot of that agent
/// without holding a thread, and sends the <see cref="AgentRequest"/>.</summary>
public sealed class AgentTaskAction : FlowAction
{
    /// <summary>The action's name in definitions.</summary>
    public const string ActionName = "agent_task";

    /// <summary>Creates the action.</summary>
    /// <param name="strategy">How a task with several candidate agents picks one.</param>
    public AgentTaskAction(AgentSelectionStrategy strategy = AgentSelectionStrategy.LeastConnections)
        : base(ActionName)
    {
        Strategy = strategy;
    }

    /// <summary>How a task with several candidate agents picks one.</summary>
    public AgentSelectionStrategy Strategy { get; }

    /// <inheritdoc/>
    public override object? Prepare(ActionPreparation preparation)
    {
        ArgumentNullException.ThrowIfNull(preparation);
        var options = preparation.Options;
        var capabilities = options.Capabilities is { Count: > 0 } list ? list : null;
        if (options.Coordination is not null)
        {
            preparation.Report(DiagnosticCodes.ActionUnavailable, "coordination",
                $"Task '{preparation.TaskId}' asks for multi-agent coordination, which this engine does not run yet.",
                "Remove 'coordination' and send the task to one agent with agent_id or capabilities.");
        }

        if (options.AgentId is null && capabilities is null)
        {
            preparation.Report(DiagnosticCodes.MissingField, "agent_id",
                $"Task '{preparation.TaskId}' is an agent_task but names neither an agent_id nor capabilities.",
                "Add agent_id: <id> to send it to one agent, or capabilities: [<capability>] to let any agent with them run it."
                + AgentHints.Registered(preparation.Registry));
            return null;
        }

        var candidates = preparation.CheckReferences ? Resolve(preparation, capabilities) : [];
        return new AgentTarget(options.AgentId, capabilities, candidates, Strategy);
    }

    /// <inheritdoc/>
    public override ValueTask<TaskResult> ExecuteAsync(TaskContext context)
    {
        var target = GetPrepared(context) as AgentTarget ?? TargetOf(context);
        if (target.Candidates.Length == 0)
        {
            // Not resolved at compile time (validated without the agents, or run outside a plan).
            target = new AgentTarget(target.AgentId, target.Capabilities,
                AgentResolver.Resolve(context.Registry, target.AgentId, target.Capabilities), target.Strategy);
            if (target.Candidates.Length == 0)
            {
                return new(TaskResult.Failure(ErrorCategory.Permanent,
                    $"Task '{context.TaskId}' needs {target.Describe()}, and none is registered."));
            }
        }

        var agent = target.Select();
        if (agent is null)
        {
            return new(TaskResult.Failure(ErrorCategory.Transient,
                $"Task '{context.TaskId}' needs {target.Describe()}, and every such agent is offline or in error: "
                + string.Join(", ", target.Candidates.Select(a => $"{a.Id} ({a.Status.ToWireName()})")) + "."));
        }

        var request = AgentRequest.FromContext(context, agent.Id);
        return agent.SendAsync(request, context.CancellationToken);
    }

    private static AgentTarget TargetOf(TaskContext context)
    {
        var options = context.Options;
        var capabilities = options.Capabilities is { Count: > 0 } list ? list : null;
        return new AgentTarget(options.AgentId, capabilities, [], AgentSelectionStrategy.LeastConnections);
    }

    private static Agent[] Resolve(ActionPreparation preparation, IReadOnlyList<string>? capabilities)
    {
        var registry = preparation.Registry;
        var agentId = preparation.Options.AgentId;
        if (agentId is not null)
        {
            if (!registry.TryGetAgent(agentId, out var agent))
            {
                preparation.Report(DiagnosticCodes.UnknownAgent, "agent_id",
                    $"Task '{preparation.TaskId}' names agent '{agentId}', which is not registered.",
                    AgentHints.ForUnknownId(agentId, registry));
                return [];
            }

            var missing = capabilities?.Where(c => !agent.Descriptor.Capabilities.Contains(c, StringComparer.Ordinal)).ToArray() ?? [];
            if (missing.Length > 0)
            {
                preparation.Report(DiagnosticCodes.UnknownAgent, "capabilities",
                    $"Task '{preparation.TaskId}' sends to agent '{agentId}', which lacks [{string.Join(", ", missing)}].",
                    $"Agent '{agentId}' has [{string.Join(", ", agent.Descriptor.Capabilities)}]; remove the capabilities or choose another agent.");
                return [];
            }

            return [agent];
        }

        var matches = AgentResolver.Resolve(registry, null, capabilities);
        if (matches.Length == 0)
        {
            preparation.Report(DiagnosticCodes.UnknownAgent, "capabilities",
                $"Task '{preparation.TaskId}' needs an agent with all of [{string.Join(", ", capabilities!)}], and no registered agent has them.",
                AgentHints.ForCapabilities(capabilities!, registry));
        }

        return matches;
    }
}
