using FastFlow.Definitions.Loading;
using FastFlow.Validation;

namespace FastFlow.Core.Tests.Execution;

public sealed class ConditionCheckTests
{
    private const string Workflow = """
        id: branch
        inputs:
          count: { type: integer, required: true }
        tasks:
          check:
            action: condition_check
            parameters: { expression: "inputs.count > 10" }
          big:
            action: noop
            dependencies: [check]
            when: tasks.check.output.result
          small:
            action: noop
            dependencies: [check]
            when: "!tasks.check.output.result"
        """;

    [Theory]
    [InlineData(42L, "big", "small")]
    [InlineData(3L, "small", "big")]
    public async Task Branches_on_the_result_of_its_expression(long count, string runs, string skipped)
    {
        await using var engine = new FlowEngine();
        var definition = DefinitionLoader.Load(Workflow, DefinitionFormat.Yaml).Definition!;

        var result = await engine.RunAsync(definition, new Dictionary<string, object?> { ["count"] = count });

        Assert.Equal(RunStatus.Completed, result.Status);
        var output = Assert.IsType<Dictionary<string, object?>>(result.GetTask("check").Output);
        Assert.Equal(count > 10, output["result"]);
        Assert.Equal(FlowTaskStatus.Completed, result.GetTask(runs).Status);
        Assert.Equal(FlowTaskStatus.Skipped, result.GetTask(skipped).Status);
    }

    [Fact]
    public void A_broken_expression_is_reported_at_validation_with_its_column()
    {
        using var engine = new FlowEngine();
        var definition = DefinitionLoader.Load("""
            id: broken
            tasks:
              check:
                action: condition_check
                parameters: { expression: "tasks.nope.output > " }
            """, DefinitionFormat.Yaml).Definition!;

        var result = engine.Validate(definition);

        Assert.False(result.IsValid);
        Assert.Contains(result.Diagnostics, d => d.Code == DiagnosticCodes.ExpressionSyntax && d.Path == "tasks.check.parameters.expression" && d.ExpressionColumn > 0);
        Assert.Throws<DefinitionException>(() => engine.Compile(definition));
    }
}
