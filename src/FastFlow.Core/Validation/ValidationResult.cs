using FastFlow.Definitions;
using FastFlow.Expressions;

namespace FastFlow.Validation;

/// <summary>What <see cref="DefinitionValidator.Validate(WorkflowDefinition)"/> found: every problem of a definition,
/// located in its source, and, for the plan compiler, every task resolved and the graph inverted.</summary>
public sealed class ValidationResult
{
    internal ValidationResult(
        WorkflowDefinition definition,
        Diagnostic[] diagnostics,
        int[] diagnosticTasks,
        BoundTask[] tasks,
        int[] successorStart,
        int[] successors,
        int[] order,
        int[][] cycles,
        CompiledTemplate?[] outputs)
    {
        Definition = definition;
        Diagnostics = diagnostics;
        DiagnosticTasks = diagnosticTasks;
        Tasks = tasks;
        SuccessorStart = successorStart;
        Successors = successors;
        TopologicalOrder = order;
        Cycles = cycles;
        Outputs = outputs;
        foreach (var diagnostic in diagnostics)
        {
            if (diagnostic.IsError)
            {
                ErrorCount++;
            }
        }
    }

    /// <summary>The definition that was validated.</summary>
    public WorkflowDefinition Definition { get; }

    /// <summary>Every problem found, each located in <see cref="WorkflowDefinition.Source"/> when the
    /// definition came from a file, sorted by line then column (in the order found when unlocated).</summary>
    public IReadOnlyList<Diagnostic> Diagnostics { get; }

    /// <summary>True when no diagnostic is an error (warnings allowed): the definition can run.</summary>
    public bool IsValid => ErrorCount == 0;

    /// <summary>The number of errors among <see cref="Diagnostics"/>.</summary>
    public int ErrorCount { get; }

    /// <summary>The number of warnings among <see cref="Diagnostics"/>.</summary>
    public int WarningCount => Diagnostics.Count - ErrorCount;

    /// <summary>Per diagnostic, the index of the task it is about, or -1 (for the visual report).</summary>
    internal int[] DiagnosticTasks { get; }

    /// <summary>Per task index, what the task resolved to. Never null; a task whose action or
    /// handler did not resolve has neither set.</summary>
    internal BoundTask[] Tasks { get; }

    /// <summary>The dependents of task i are <c>Successors[SuccessorStart[i]..SuccessorStart[i + 1]]</c>,
    /// in ascending index order (a dependency listed twice appears twice).</summary>
    internal int[] SuccessorStart { get; }

    /// <summary>Dependent task indices grouped by dependency.</summary>
    internal int[] Successors { get; }

    /// <summary>Task indices in a topological order (ready order of Kahn's algorithm, ties by index).
    /// Shorter than the task count when the graph has cycles: tasks in or after a cycle are missing.</summary>
    internal int[] TopologicalOrder { get; }

    /// <summary>Per entry of <see cref="WorkflowDefinition.Outputs"/>, its compiled template (null
    /// when it has errors).</summary>
    internal CompiledTemplate?[] Outputs { get; }

    /// <summary>One cycle per strongly connected component, as task indices in run order
    /// (each depends on the one before it, and the first on the last).</summary>
    internal int[][] Cycles { get; }
}
