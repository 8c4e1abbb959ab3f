using FastFlow.Definitions;
using FastFlow.Validation;

namespace FastFlow.Core.Tests.Validation;

public class EveryProblemTests
{
    [Fact]
    public void A_definition_with_many_mistakes_gets_all_of_them_at_once()
    {
        var flow = new WorkflowBuilder("bad workflow")
            .MaxConcurrency(0)
            .Timeout(-5)
            .OnFailure(FailurePolicy.Skip)
            .Defaults(new TaskDefaults { TimeoutSeconds = double.NaN });
        flow.Task("extract", "transfrom");
        flow.Task("bad id");
        flow.Task("load", new TaskOptions { Action = "fetsh", Retry = new RetrySettings { MaxAttempts = 0 }, TimeoutSeconds = 0 })
            .DependsOn("extract", "extrct", "extract");
        flow.Task("gate", new TaskOptions { Action = "approval_gate", ExecutionMode = ExecutionMode.Conditional });
        flow.Task("both", new TaskOptions { Action = "fetch", Handler = "transform" });
        flow.Task("x").DependsOn("y");
        flow.Task("y").DependsOn("x");
        var self = flow.Task("self");
        self.DependsOn(self);
        flow.Task("extract");
        flow.Task("cond", new TaskOptions { When = "inputs.x >", Parameters = new Dictionary<string, object?> { ["v"] = "${{ tasks.nope.output }}" } });
        flow.Task("off", new TaskOptions { When = "false", Parameters = new Dictionary<string, object?> { ["v"] = "${{ tasks.gate.output }}" } });
        flow.Output("result", "${{ tasks.lod.output }}");

        var result = TestRegistry.Validate(flow.Build());

        Assert.False(result.IsValid);
        var expected = new[]
        {
            DiagnosticCodes.InvalidId, // workflow id
            DiagnosticCodes.InvalidValue, // on_failure skip
            DiagnosticCodes.InvalidTimeout, // workflow timeout
            DiagnosticCodes.InvalidConcurrency,
            DiagnosticCodes.InvalidTimeout, // defaults timeout
            DiagnosticCodes.DuplicateId, // extract twice
            DiagnosticCodes.UnknownHandler,
            DiagnosticCodes.InvalidId, // bad id
            DiagnosticCodes.UnknownAction,
            DiagnosticCodes.InvalidTimeout, // load timeout
            DiagnosticCodes.InvalidRetry,
            DiagnosticCodes.ActionUnavailable,
            DiagnosticCodes.ConditionalWithoutCondition,
            DiagnosticCodes.ActionOrHandler,
            DiagnosticCodes.DuplicateDependency,
            DiagnosticCodes.SelfDependency,
            DiagnosticCodes.UnknownDependency,
            DiagnosticCodes.Cycle,
            DiagnosticCodes.ExpressionSyntax, // cond.when
            DiagnosticCodes.UnknownTaskReference, // cond.parameters.v
            DiagnosticCodes.OutputNotUpstream, // off reads gate
            DiagnosticCodes.NeverRuns, // off
            DiagnosticCodes.UnknownTaskReference, // outputs.result
        };
        Assert.Equal(expected.Order(), Diagnostics.Codes(result).Order());
        Assert.Contains(result.Diagnostics, d => d.Code == DiagnosticCodes.Cycle && d.Message.Contains("x -> y -> x", StringComparison.Ordinal));
    }

    [Fact]
    public void Diagnostics_are_located_in_the_source_and_sorted_by_line_then_column()
    {
        var positions = new Dictionary<string, SourcePosition>
        {
            [""] = new(1, 1),
            ["tasks.a"] = new(10, 3),
            ["tasks.a.handler"] = new(12, 14),
            ["tasks.b"] = new(4, 3),
            ["tasks.b.dependencies[0]"] = new(6, 7),
            ["tasks.b.timeout_seconds"] = new(5, 22),
            ["max_concurrency"] = new(2, 18),
        };
        var flow = new WorkflowBuilder("w").MaxConcurrency(0).Source(new SourceMap("flow.yaml", positions));
        flow.Task("a", "transfrom");
        flow.Task("b", new TaskOptions { TimeoutSeconds = -1 }).DependsOn("nope");

        var result = TestRegistry.Validate(flow.Build());

        Assert.Equal(
            [(2, 18, "max_concurrency"), (5, 22, "tasks.b.timeout_seconds"), (6, 7, "tasks.b.dependencies[0]"), (12, 14, "tasks.a.handler")],
            result.Diagnostics.Select(d => (d.Line, d.Column, d.Path)));
        Assert.All(result.Diagnostics, d => Assert.Equal("flow.yaml", d.File));
        Assert.Equal([-1, 1, 1, 0], result.DiagnosticTasks);
        Assert.StartsWith("flow.yaml:12:14: error FF1021: unknown handler 'transfrom'", result.Diagnostics[3].ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void A_path_without_its_own_position_takes_its_parents()
    {
        var positions = new Dictionary<string, SourcePosition> { ["tasks.a"] = new(3, 3) };
        var flow = new WorkflowBuilder("w").Source(new SourceMap("f.json", positions));
        flow.Task("a", new TaskOptions { Retry = new RetrySettings { MaxAttempts = 0 } });

        var d = Diagnostics.Single(TestRegistry.Validate(flow.Build()), DiagnosticCodes.InvalidRetry);

        Assert.Equal((3, 3), (d.Line, d.Column));
    }
}
