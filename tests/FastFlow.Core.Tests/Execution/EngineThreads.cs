using FastFlow.Definitions;

namespace FastFlow.Core.Tests.Execution;

/// <summary>What the tests about where code runs share: the five-task workflow, and whether the
/// current thread is one of an engine's workers.</summary>
internal static class EngineThreads
{
    /// <summary>True on an engine worker thread (they are named <c>fastflow-worker-N</c>).</summary>
    public static bool OnWorker() => Thread.CurrentThread.Name?.StartsWith("fastflow-worker-", StringComparison.Ordinal) == true;

    /// <summary>extract → (transform_a, transform_b) → merge → load, every task running <paramref name="body"/>.</summary>
    public static WorkflowDefinition FiveTasks(Action<TaskContext>? body = null)
    {
        body ??= static _ => { };
        var flow = new WorkflowBuilder("five-tasks");
        var extract = flow.Task("extract", body);
        var a = flow.Task("transform_a", body).DependsOn(extract);
        var b = flow.Task("transform_b", body).DependsOn(extract);
        var merge = flow.Task("merge", body).DependsOn(a, b);
        flow.Task("load", body).DependsOn(merge);
        return flow.Build();
    }
}
