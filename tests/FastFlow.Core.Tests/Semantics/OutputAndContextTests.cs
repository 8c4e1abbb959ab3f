using FastFlow.Core.Tests.Semantics.Support;
using FastFlow.Definitions;

namespace FastFlow.Core.Tests.Semantics;

/// <summary>DESIGN §3 expressions and §4 set/noop: context written by set is visible to later
/// conditions and templates; a parameter that is exactly one template keeps its type; workflow
/// outputs are computed at the end.</summary>
public sealed class OutputAndContextTests
{
    [Fact]
    public async Task Set_writes_context_that_later_conditions_and_templates_read()
    {
        await using var harness = new Harness(observe: false);
        var definition = Yaml.Load("""
            id: context
            tasks:
              init:
                action: set
                parameters: { values: { mode: fast, n: 3 } }
              fast:
                action: noop
                dependencies: [init]
                when: "context.mode == 'fast'"
                parameters: { n: "${{ context.n }}", label: "mode=${{ context.mode }}" }
              slow:
                action: noop
                dependencies: [init]
                when: "context.mode == 'slow'"
            outputs:
              n: "${{ tasks.fast.output.n }}"
              mode: "${{ context.mode }}"
            """);

        var result = await harness.RunAsync(definition);

        Assert.Equal(RunStatus.Completed, result.Status);
        var written = Assert.IsAssignableFrom<IReadOnlyDictionary<string, object?>>(result.GetTask("init").Output);
        Assert.Equal("fast", written["mode"]);
        Assert.Equal(3L, written["n"]);
        var fast = Assert.IsAssignableFrom<IReadOnlyDictionary<string, object?>>(result.GetTask("fast").Output);
        Assert.Equal(3L, fast["n"]);
        Assert.Equal("mode=fast", fast["label"]);
        Assert.Equal(FlowTaskStatus.Skipped, result.GetTask("slow").Status);
        Assert.Equal(3L, result.Outputs["n"]);
        Assert.Equal("fast", result.Outputs["mode"]);
    }

    [Fact]
    public async Task A_parameter_that_is_exactly_one_template_keeps_the_value_type()
    {
        await using var harness = new Harness(observe: false);
        var seen = new TaskCompletionSource<IReadOnlyDictionary<string, object?>>(TaskCreationOptions.RunContinuationsAsynchronously);
        var flow = new WorkflowBuilder("typed");
        var a = flow.Task("a", Handlers.Succeed(new Dictionary<string, object?>
        {
            ["n"] = 5,
            ["ratio"] = 0.5,
            ["flag"] = true,
            ["items"] = new List<object?> { 1, "two" },
            ["nothing"] = null,
        }));
        flow.Task("b", Handlers.Sync(ctx =>
        {
            seen.TrySetResult(ctx.Parameters);
            return TaskResult.Success();
        })).DependsOn(a)
            .Parameter("n", "${{ tasks.a.output.n }}")
            .Parameter("ratio", "${{ tasks.a.output.ratio }}")
            .Parameter("flag", "${{ tasks.a.output.flag }}")
            .Parameter("items", "${{ tasks.a.output.items }}")
            .Parameter("first", "${{ tasks.a.output.items[0] }}")
            .Parameter("nothing", "${{ tasks.a.output.nothing }}")
            .Parameter("sum", "${{ tasks.a.output.n + 1 }}")
            .Parameter("text", "n=${{ tasks.a.output.n }}, flag=${{ tasks.a.output.flag }}")
            .Parameter("bracketed", "[${{ tasks.a.output.n }}]");

        var result = await harness.RunAsync(flow);
        var parameters = await seen.Task.Guarded();

        Assert.Equal(RunStatus.Completed, result.Status);
        Assert.Equal(5L, parameters["n"]);
        Assert.Equal(0.5, parameters["ratio"]);
        Assert.Equal(true, parameters["flag"]);
        Assert.Equal(new List<object?> { 1L, "two" }, Assert.IsAssignableFrom<IEnumerable<object?>>(parameters["items"]));
        Assert.Equal(1L, parameters["first"]);
        Assert.Null(parameters["nothing"]);
        Assert.Equal(6L, parameters["sum"]);
        Assert.Equal("n=5, flag=true", parameters["text"]);
        Assert.Equal("[5]", Assert.IsType<string>(parameters["bracketed"]));
    }

    [Fact]
    public async Task Context_written_by_a_handler_is_visible_to_later_conditions_handlers_and_outputs()
    {
        await using var harness = new Harness(observe: false);
        var laterContext = new TaskCompletionSource<IReadOnlyDictionary<string, object?>>(TaskCreationOptions.RunContinuationsAsynchronously);
        var flow = new WorkflowBuilder("handler-context");
        var writer = flow.Task("writer", Handlers.Sync(ctx =>
        {
            ctx.SetContext("approved", true);
            ctx.SetContext("count", 2L);
            return TaskResult.Success();
        }));
        var approved = flow.Task("approved", Handlers.Sync(ctx =>
        {
            laterContext.TrySetResult(ctx.Context);
            ctx.SetContext("last", "approved ran");
            return TaskResult.Success();
        })).DependsOn(writer).When("context.approved && context.count == 2");
        flow.Task("rejected", Handlers.Succeed()).DependsOn(writer).When("!context.approved");
        flow.Output("last", "${{ context.last }}");
        flow.Output("summary", "count ${{ context.count }}");

        var result = await harness.RunAsync(flow);

        Assert.Equal(RunStatus.Completed, result.Status);
        Assert.Equal(FlowTaskStatus.Completed, result.GetTask("approved").Status);
        Assert.Equal(FlowTaskStatus.Skipped, result.GetTask("rejected").Status);
        var context = await laterContext.Task.Guarded();
        Assert.Equal(true, context["approved"]);
        Assert.Equal(2L, context["count"]);
        // Computed at the end: they see what the last task wrote.
        Assert.Equal("approved ran", result.Outputs["last"]);
        Assert.Equal("count 2", result.Outputs["summary"]);
    }

    [Fact]
    public async Task Workflow_outputs_read_task_outputs_and_inputs()
    {
        await using var harness = new Harness(observe: false);
        var flow = new WorkflowBuilder("outputs").Input("factor", InputType.Integer, defaultValue: 10L);
        var a = flow.Task("a", Handlers.Succeed(new Dictionary<string, object?> { ["rows"] = 4 }));
        flow.Task("b", Handlers.Sync(ctx => TaskResult.Success(ctx.Inputs["factor"]))).DependsOn(a);
        flow.Output("rows", "${{ tasks.a.output.rows }}");
        flow.Output("scaled", "${{ tasks.a.output.rows * inputs.factor }}");
        flow.Output("b", "${{ tasks.b.output }}");
        flow.Output("status", "${{ tasks.b.status }}");

        var result = await harness.RunAsync(flow);

        Assert.Equal(RunStatus.Completed, result.Status);
        Assert.Equal(4L, result.Outputs["rows"]);
        Assert.Equal(40L, result.Outputs["scaled"]);
        Assert.Equal(10L, result.Outputs["b"]);
        Assert.Equal("completed", result.Outputs["status"]);
    }
}
