using FastFlow.Definitions;

namespace FastFlow.Bench.Workflows;

/// <summary>The five-task workflow the targets speak of: extract → (transform_a, transform_b) →
/// merge → load, every task running the same body.</summary>
public static class FiveTaskWorkflow
{
    /// <summary>The definition with empty tasks, or tasks running <paramref name="body"/>.</summary>
    public static WorkflowDefinition Build(Action<TaskContext>? body = null)
    {
        body ??= static _ => { };
        var flow = new WorkflowBuilder("five-tasks");
        var extract = flow.Task("extract", body);
        var transformA = flow.Task("transform_a", body).DependsOn(extract);
        var transformB = flow.Task("transform_b", body).DependsOn(extract);
        var merge = flow.Task("merge", body).DependsOn(transformA, transformB);
        flow.Task("load", body).DependsOn(merge);
        return flow.Build();
    }
}
