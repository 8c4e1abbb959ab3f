using FastFlow.Definitions;
using FastFlow.Plans;
using FastFlow.Validation;

namespace FastFlow;

/// <summary>A definition validated and compiled for one engine. Compile once, start many runs:
/// the plan is immutable and shared by all of them.</summary>
public sealed class CompiledWorkflow
{
    internal CompiledWorkflow(ExecutionPlan plan, IReadOnlyList<Diagnostic> warnings)
    {
        Plan = plan;
        Warnings = warnings;
    }

    internal ExecutionPlan Plan { get; }

    /// <summary>The definition it was compiled from.</summary>
    public WorkflowDefinition Definition => Plan.Definition;

    /// <summary>The workflow's id.</summary>
    public string WorkflowId => Plan.WorkflowId;

    /// <summary>The number of tasks.</summary>
    public int TaskCount => Plan.TaskCount;

    /// <summary>Warnings the validator found (the plan has no errors).</summary>
    public IReadOnlyList<Diagnostic> Warnings { get; }
}
