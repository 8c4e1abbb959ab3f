using FastFlow.Core.Tests.Validation;
using FastFlow.Definitions;
using FastFlow.Validation;

namespace FastFlow.Core.Tests.Visualization;

internal static class SampleDefinitions
{
    /// <summary>extract → (transform, check) → load, with a typo'd handler, an unknown dependency,
    /// a trigger rule and a two-task cycle.</summary>
    public static ValidationResult Broken()
    {
        var flow = new WorkflowBuilder("data-pipeline").MaxConcurrency(0);
        var extract = flow.Task("extract", "transform");
        flow.Task("transform", "transfrom").DependsOn(extract);
        flow.Task("check \"quoted\" <id>", new TaskOptions { TriggerRule = TriggerRule.OneSuccess }).DependsOn(extract);
        flow.Task("load", "load_rows").DependsOn("transform", "check \"quoted\" <id>", "lod");
        flow.Task("x").DependsOn("y", "load");
        flow.Task("y").DependsOn("x");
        return TestRegistry.Validate(flow.Build());
    }

    public static ValidationResult Valid()
    {
        var flow = new WorkflowBuilder("etl");
        var a = flow.Task("a", "transform");
        var b = flow.Task("b", "transform").DependsOn(a);
        flow.Task("c").DependsOn(a, b);
        return TestRegistry.Validate(flow.Build());
    }
}
