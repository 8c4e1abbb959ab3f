namespace FastFlow.Registry;

/// <summary>The kinds of component the <see cref="FlowRegistry"/> holds.</summary>
public enum ComponentKind : byte
{
    /// <summary>A <see cref="TaskHandler"/>, named by <c>handler:</c> in definitions.</summary>
    Handler = 0,
    /// <summary>A <see cref="Actions.FlowAction"/>, named by <c>action:</c>.</summary>
    Action = 1,
    /// <summary>An agent, named by <c>agent_id:</c> or found by capability.</summary>
    Agent = 2,
    /// <summary>A <see cref="Definitions.WorkflowDefinition"/>, every revision kept.</summary>
    Definition = 3,
}
