namespace FastFlow.Core.Tests.Expressions;

public sealed class AllocationTests
{
    [Theory]
    [InlineData("inputs.n > 3 && tasks.a.status == 'completed'")]
    [InlineData("len(inputs.items) >= 2 || not (inputs.name == 'x') and inputs.f < 2.5")]
    [InlineData("tasks.extract.output.rows[0] != null && tasks['a.b'].status in 'pending completed'")]
    [InlineData("inputs.n * 2 - 1 > 8 and exists(inputs.items[1]) and startsWith(inputs.name, 'A')")]
    public void EvaluateCondition_allocates_nothing(string text)
    {
        var compiled = Expr.Compile(text);
        var context = new TestContext()
            .Input("n", 5L)
            .Input("f", 1.5)
            .Input("name", "Ada")
            .Input("items", new List<object?> { 1L, 2L })
            .Output("extract", new Dictionary<string, object?> { ["rows"] = new List<object?> { 1L } })
            .Status("a", FlowTaskStatus.Completed)
            .Status("a.b", FlowTaskStatus.Completed);
        Assert.True(compiled.EvaluateCondition(context));
        for (var i = 0; i < 100; i++)
        {
            compiled.EvaluateCondition(context);
        }

        // The least of a few windows: a one-off allocation of the runtime (tiering up, on-stack
        // replacement) may land in one window; an allocation per evaluation lands in all of them.
        var least = long.MaxValue;
        for (var window = 0; window < 3; window++)
        {
            var before = GC.GetAllocatedBytesForCurrentThread();
            var count = 0;
            for (var i = 0; i < 10_000; i++)
            {
                count += compiled.EvaluateCondition(context) ? 1 : 0;
            }

            least = Math.Min(least, GC.GetAllocatedBytesForCurrentThread() - before);
            Assert.Equal(10_000, count);
        }

        Assert.Equal(0, least);
    }

    [Fact]
    public void Evaluate_of_a_path_returns_the_stored_object_without_boxing_again()
    {
        object boxed = 42L;
        var context = new TestContext().Input("n", boxed);

        Assert.Same(boxed, Expr.Compile("inputs.n").Evaluate(context));
    }
}
