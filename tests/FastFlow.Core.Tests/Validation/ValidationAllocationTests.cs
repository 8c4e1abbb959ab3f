using FastFlow.Definitions;

namespace FastFlow.Core.Tests.Validation;

public class ValidationAllocationTests
{
    private static WorkflowDefinition Chain(int count)
    {
        var flow = new WorkflowBuilder("chain");
        var previous = flow.Task(TestRegistry.Handler);
        for (var i = 1; i < count; i++)
        {
            previous = flow.Task(TestRegistry.Handler).DependsOn(previous);
        }

        return flow.Build();
    }

    [Fact]
    public void Validating_a_plain_chain_allocates_less_than_64_bytes_per_task()
    {
        const int Count = 100_000;
        var registry = TestRegistry.Create();
        var validator = new FastFlow.Validation.DefinitionValidator(registry);
        validator.Validate(Chain(10));
        var definition = Chain(Count);

        var before = GC.GetAllocatedBytesForCurrentThread();
        var result = validator.Validate(definition);
        var allocated = GC.GetAllocatedBytesForCurrentThread() - before;

        Assert.True(result.IsValid);
        Assert.True(allocated < 64L * Count, $"{allocated / (double)Count:F1} bytes per task");
    }
}
