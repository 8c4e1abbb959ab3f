using FastFlow.Definitions;
using FastFlow.Validation;

namespace FastFlow.Core.Tests.Validation;

public class GraphValidationTests
{
    [Fact]
    public void A_plain_valid_definition_has_no_diagnostics()
    {
        var flow = new WorkflowBuilder("etl");
        var extract = flow.Task("extract", "transform");
        flow.Task("load", "load_rows").DependsOn(extract);

        var result = TestRegistry.Validate(flow.Build());

        Assert.True(result.IsValid, Diagnostics.Describe(result));
        Assert.Empty(result.Diagnostics);
        Assert.Equal([0, 1], result.TopologicalOrder);
    }

    [Fact]
    public void An_invalid_workflow_id_is_FF1005_at_id()
    {
        var flow = new WorkflowBuilder("my flow!");
        flow.Task("a");

        var d = Diagnostics.Single(TestRegistry.Validate(flow.Build()), DiagnosticCodes.InvalidId);

        Assert.Equal("id", d.Path);
        Assert.Contains("'my flow!'", d.Message, StringComparison.Ordinal);
        Assert.Contains("[A-Za-z0-9._-]+", d.Message, StringComparison.Ordinal);
        Assert.Equal("use 'my-flow'", d.Hint);
    }

    [Fact]
    public void An_invalid_task_id_is_FF1005_at_the_task()
    {
        var flow = new WorkflowBuilder("w");
        flow.Task("load data");

        var d = Diagnostics.Single(TestRegistry.Validate(flow.Build()), DiagnosticCodes.InvalidId);

        Assert.Equal("tasks[\"load data\"]", d.Path);
        Assert.Contains("'load data'", d.Message, StringComparison.Ordinal);
        Assert.Equal("use 'load-data'", d.Hint);
    }

    [Fact]
    public void Ids_with_dots_are_valid_and_quoted_in_paths()
    {
        var flow = new WorkflowBuilder("w.v2");
        flow.Task("stage.one").DependsOn("stage.zero");

        var result = TestRegistry.Validate(flow.Build());

        var d = Diagnostics.Single(result, DiagnosticCodes.UnknownDependency);
        Assert.Equal("tasks[\"stage.one\"].dependencies[0]", d.Path);
        Assert.DoesNotContain(result.Diagnostics, x => x.Code == DiagnosticCodes.InvalidId);
    }

    [Fact]
    public void Duplicate_task_ids_are_FF1006()
    {
        var flow = new WorkflowBuilder("w");
        flow.Task("a");
        flow.Task("b");
        flow.Task("a");

        var d = Diagnostics.Single(TestRegistry.Validate(flow.Build()), DiagnosticCodes.DuplicateId);

        Assert.Equal("tasks.a", d.Path);
        Assert.Contains("#0 and #2", d.Message, StringComparison.Ordinal);
        Assert.NotNull(d.Hint);
    }

    [Fact]
    public void An_explicit_id_that_takes_an_anonymous_tasks_name_is_FF1006()
    {
        var flow = new WorkflowBuilder("w");
        flow.Task("task-1");
        flow.Task();

        var d = Diagnostics.Single(TestRegistry.Validate(flow.Build()), DiagnosticCodes.DuplicateId);

        Assert.Contains("anonymous task #1", d.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_workflow_without_tasks_is_FF1014()
    {
        var d = Diagnostics.Single(TestRegistry.Validate(new WorkflowBuilder("w").Build()), DiagnosticCodes.NoTasks);

        Assert.Equal("tasks", d.Path);
        Assert.Contains("no tasks", d.Message, StringComparison.Ordinal);
        Assert.NotNull(d.Hint);
    }

    [Fact]
    public void An_unknown_dependency_is_FF1010_at_its_written_position_with_the_closest_name()
    {
        var flow = new WorkflowBuilder("w");
        flow.Task("extract");
        flow.Task("transform_rows");
        flow.Task("load").DependsOn("transform_rows", "extrct");

        var d = Diagnostics.Single(TestRegistry.Validate(flow.Build()), DiagnosticCodes.UnknownDependency);

        Assert.Equal("tasks.load.dependencies[1]", d.Path);
        Assert.Contains("'extrct'", d.Message, StringComparison.Ordinal);
        Assert.Equal("did you mean 'extract'?", d.Hint);
    }

    [Fact]
    public void An_unknown_dependency_without_a_close_name_lists_the_tasks()
    {
        var flow = new WorkflowBuilder("w");
        flow.Task("extract");
        flow.Task("load").DependsOn("zzzzzz");

        var d = Diagnostics.Single(TestRegistry.Validate(flow.Build()), DiagnosticCodes.UnknownDependency);

        Assert.Equal("tasks of this workflow: extract, load", d.Hint);
    }

    [Fact]
    public void A_self_dependency_is_FF1011_and_not_a_cycle()
    {
        var flow = new WorkflowBuilder("w");
        flow.Task("a");
        var b = flow.Task("b");
        b.DependsOn("a").DependsOn(b);

        var result = TestRegistry.Validate(flow.Build());

        var d = Diagnostics.Single(result, DiagnosticCodes.SelfDependency);
        Assert.Equal("tasks.b.dependencies[1]", d.Path);
        Assert.Contains("'b' depends on itself", d.Message, StringComparison.Ordinal);
        Assert.Equal("remove 'b' from its own dependencies", d.Hint);
        Assert.DoesNotContain(result.Diagnostics, x => x.Code == DiagnosticCodes.Cycle);
    }

    [Fact]
    public void A_position_after_an_unresolved_dependency_counts_it()
    {
        var flow = new WorkflowBuilder("w");
        flow.Task("a");
        flow.Task("b").DependsOn("nope", "a", "a");

        var result = TestRegistry.Validate(flow.Build());

        Assert.Equal("tasks.b.dependencies[2]", Diagnostics.Single(result, DiagnosticCodes.DuplicateDependency).Path);
        Assert.Equal("tasks.b.dependencies[0]", Diagnostics.Single(result, DiagnosticCodes.UnknownDependency).Path);
    }

    [Fact]
    public void A_repeated_dependency_is_an_FF1013_warning()
    {
        var flow = new WorkflowBuilder("w");
        var a = flow.Task("a");
        flow.Task("b").DependsOn(a, a);

        var result = TestRegistry.Validate(flow.Build());

        var d = Diagnostics.Single(result, DiagnosticCodes.DuplicateDependency);
        Assert.Equal(DiagnosticSeverity.Warning, d.Severity);
        Assert.Equal("tasks.b.dependencies[1]", d.Path);
        Assert.Contains("'a' more than once", d.Message, StringComparison.Ordinal);
        Assert.True(result.IsValid);
        Assert.Equal(1, result.WarningCount);
    }

    [Fact]
    public void Repeats_in_a_long_dependency_list_are_found()
    {
        var flow = new WorkflowBuilder("w");
        var roots = Enumerable.Range(0, 40).Select(i => flow.Task($"r{i}")).ToArray();
        var sink = flow.Task("sink");
        sink.DependsOn(roots);
        sink.DependsOn(roots[7]);

        var d = Diagnostics.Single(TestRegistry.Validate(flow.Build()), DiagnosticCodes.DuplicateDependency);

        Assert.Equal("tasks.sink.dependencies[40]", d.Path);
        Assert.Contains("'r7'", d.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_cycle_is_FF1012_printed_from_its_first_task()
    {
        var flow = new WorkflowBuilder("w");
        flow.Task("start");
        flow.Task("a").DependsOn("start", "c");
        flow.Task("b").DependsOn("a");
        flow.Task("c").DependsOn("b");
        flow.Task("after").DependsOn("c");

        var result = TestRegistry.Validate(flow.Build());

        var d = Diagnostics.Single(result, DiagnosticCodes.Cycle);
        Assert.Equal("tasks.a.dependencies", d.Path);
        Assert.Contains("a -> b -> c -> a", d.Message, StringComparison.Ordinal);
        Assert.Contains("'c' from the dependencies of 'a'", d.Hint, StringComparison.Ordinal);
        Assert.False(result.IsValid);
        Assert.Equal([1, 2, 3], Assert.Single(result.Cycles));
        Assert.Equal([0], result.TopologicalOrder);
    }

    [Fact]
    public void Every_strongly_connected_component_gets_its_own_cycle()
    {
        var flow = new WorkflowBuilder("w");
        flow.Task("x").DependsOn("y");
        flow.Task("y").DependsOn("x");
        flow.Task("p").DependsOn("r");
        flow.Task("q").DependsOn("p");
        flow.Task("r").DependsOn("q");

        var result = TestRegistry.Validate(flow.Build());

        var messages = result.Diagnostics.Where(d => d.Code == DiagnosticCodes.Cycle).Select(d => d.Message).ToList();
        Assert.Equal(2, messages.Count);
        Assert.Contains("x -> y -> x", messages[0], StringComparison.Ordinal);
        Assert.Contains("p -> q -> r -> p", messages[1], StringComparison.Ordinal);
    }

    [Fact]
    public void A_cycle_of_a_million_tasks_is_found_without_overflowing_the_stack()
    {
        const int Count = 1_000_000;
        var flow = new WorkflowBuilder("ring");
        var first = flow.Task(TestRegistry.Handler);
        var previous = first;
        for (var i = 1; i < Count; i++)
        {
            previous = flow.Task(TestRegistry.Handler).DependsOn(previous);
        }

        first.DependsOn(previous);

        var result = TestRegistry.Validate(flow.Build());

        var d = Diagnostics.Single(result, DiagnosticCodes.Cycle);
        Assert.Contains("task-0 -> task-1 -> ", d.Message, StringComparison.Ordinal);
        Assert.Contains($"(999976 more) -> task-{Count - 12} -> ", d.Message, StringComparison.Ordinal);
        Assert.Contains($"task-{Count - 1} -> task-0", d.Message, StringComparison.Ordinal);
        Assert.Equal(Count, result.Cycles[0].Length);
    }

    [Fact]
    public void Successors_invert_the_dependency_lists_in_index_order()
    {
        var flow = new WorkflowBuilder("w");
        var a = flow.Task("a");
        var b = flow.Task("b").DependsOn(a);
        flow.Task("c").DependsOn(b, a);
        flow.Task("d").DependsOn(a);

        var result = TestRegistry.Validate(flow.Build());

        Assert.Equal([0, 3, 4, 4, 4], result.SuccessorStart);
        Assert.Equal([1, 2, 3, 2], result.Successors);
        Assert.Equal([0, 1, 3, 2], result.TopologicalOrder);
    }
}
