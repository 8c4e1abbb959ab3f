using FastFlow.Definitions;

namespace FastFlow.Bench.Workflows;

/// <summary>The five-task workflow the targets speak of: extract → (transform_a, transform_b) →
/// merge → load, every task running the same body.</summary>
public static class FiveTaskWorkflow
{
    /// <summary>The same workflow as YAML text with the built-in <c>noop</c> action in every task,
    /// for a server (which has no handlers of the caller's): what the protocol's submit-and-wait
    /// targets are measured with.</summary>
    public const string NoopYaml = """
        id: five-tasks-noop
        tasks:
          extract: { action: noop }
          transform_a: { action: noop, dependencies: [extract] }
          transform_b: { action: noop, dependencies: [extract] }
          merge: { action: noop, dependencies: [transform_a, transform_b] }
          load: { action: noop, dependencies: [merge] }
        """;

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
