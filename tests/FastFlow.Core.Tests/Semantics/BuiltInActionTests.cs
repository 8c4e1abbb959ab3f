using FastFlow.Core.Tests.Semantics.Support;
using FastFlow.Events;

namespace FastFlow.Core.Tests.Semantics;

/// <summary>DESIGN §4 for the actions that take part in §3: noop, fail and delay.</summary>
public sealed class BuiltInActionTests
{
    [Fact]
    public async Task Noop_outputs_its_resolved_parameters()
    {
        await using var harness = new Harness(observe: false);
        var definition = Yaml.Load("""
            id: noop
            inputs:
              who: { type: string, required: true }
            tasks:
              empty: { action: noop }
              echo:
                action: noop
                parameters:
                  greeting: "hello ${{ inputs.who }}"
                  who: "${{ inputs.who }}"
                  size: 3
                  nested: { list: [1, "${{ inputs.who }}"] }
            """);

        var result = await harness.RunAsync(definition, new Dictionary<string, object?> { ["who"] = "ada" });

        Assert.Equal(RunStatus.Completed, result.Status);
        Assert.Null(result.GetTask("empty").Output);
        var output = Assert.IsAssignableFrom<IReadOnlyDictionary<string, object?>>(result.GetTask("echo").Output);
        Assert.Equal("hello ada", output["greeting"]);
        Assert.Equal("ada", output["who"]);
        Assert.Equal(3L, output["size"]);
        var nested = Assert.IsAssignableFrom<IReadOnlyDictionary<string, object?>>(output["nested"]);
        Assert.Equal(new List<object?> { 1L, "ada" }, Assert.IsAssignableFrom<IEnumerable<object?>>(nested["list"]));
    }

    [Fact]
    public async Task Fail_ends_the_task_with_its_category_and_message()
    {
        await using var harness = new Harness(observe: false);
        var definition = Yaml.Load("""
            id: fail
            tasks:
              chosen:
                action: fail
                on_failure: skip
                parameters: { category: business, message: "no consensus" }
              default:
                action: fail
                on_failure: skip
              fatal:
                action: fail
                dependencies: [chosen, default]
                trigger_rule: all_done
                parameters: { category: transient, message: "gave up" }
                retry: { max_attempts: 2 }
            """);

        var result = await harness.RunAsync(definition);

        Assert.Equal(FlowTaskStatus.Failed, result.GetTask("chosen").Status);
        Assert.Equal(ErrorCategory.Business, result.GetTask("chosen").Error!.Category);
        Assert.Equal("no consensus", result.GetTask("chosen").Error!.Message);
        Assert.Equal(ErrorCategory.Permanent, result.GetTask("default").Error!.Category);
        Assert.False(string.IsNullOrWhiteSpace(result.GetTask("default").Error!.Message));
        // A transient fail is retried like any transient error, then fails the run.
        Assert.Equal(2, result.GetTask("fatal").Attempts);
        Assert.Equal(RunStatus.Failed, result.Status);
        Assert.Equal(ErrorCategory.Transient, result.Error!.Category);
        Assert.Contains("gave up", result.Error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Delay_fires_when_the_clock_reaches_it_and_outputs_the_moment()
    {
        await using var harness = new Harness();
        var definition = Yaml.Load("""
            id: delay
            tasks:
              wait: { action: delay, parameters: { seconds: 30 } }
            """);

        var run = await harness.StartAsync(definition);
        Assert.Equal(TimeSpan.FromSeconds(30), await harness.Clock.NextArmAsync());
        harness.Clock.Advance(TimeSpan.FromSeconds(30) - TimeSpan.FromTicks(1));
        Assert.False(run.Completion.IsCompleted);
        Assert.Equal(FlowTaskStatus.InProgress, run.GetTaskStatus("wait"));

        harness.Clock.Advance(TimeSpan.FromTicks(1));
        var result = await run.Completion.Guarded();

        Assert.Equal(RunStatus.Completed, result.Status);
        var output = Assert.IsAssignableFrom<IReadOnlyDictionary<string, object?>>(result.GetTask("wait").Output);
        Assert.Equal(DateTimeOffset.Parse((string)output["fired_at"]!, System.Globalization.CultureInfo.InvariantCulture), TestClock.Origin.AddSeconds(30));
    }

    [Fact]
    public async Task Fifty_delays_wait_at_once_on_a_single_worker_because_a_delay_holds_no_thread()
    {
        const int Count = 50;
        await using var harness = new Harness(workers: 1);
        var probeRan = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var flow = new Definitions.WorkflowBuilder("delays");
        var delays = Enumerable.Range(0, Count)
            .Select(i => flow.Task($"d{i}", new Definitions.TaskOptions
            {
                Action = "delay",
                Parameters = new Dictionary<string, object?> { ["until"] = "2000-01-01T00:00:10Z" },
            }))
            .ToArray();
        flow.Task("after", Handlers.Sync(_ => { probeRan.TrySetResult(); return TaskResult.Success(); })).DependsOn(delays);

        var run = await harness.StartAsync(flow);
        await harness.Log.WaitForCount(e => e.Type == FlowEventType.TaskStarted && e.TaskId!.StartsWith('d'), Count);

        // One worker, fifty delays in progress, none finished: none of them holds the worker.
        Assert.All(Enumerable.Range(0, Count), i => Assert.Equal(FlowTaskStatus.InProgress, run.GetTaskStatus($"d{i}")));
        Assert.False(probeRan.Task.IsCompleted);

        harness.Clock.SetUtcNow(TestClock.Origin.AddSeconds(10));
        await probeRan.Task.Guarded();
        var result = await run.Completion.Guarded();
        Assert.Equal(RunStatus.Completed, result.Status);
        Assert.All(Enumerable.Range(0, Count), i => Assert.Equal(FlowTaskStatus.Completed, result.GetTask($"d{i}").Status));
    }

    [Fact]
    public async Task A_delay_stops_when_its_run_is_cancelled()
    {
        await using var harness = new Harness(observe: false);
        var definition = Yaml.Load("""
            id: delay-cancel
            tasks:
              wait: { action: delay, parameters: { seconds: 3600 } }
            """);

        var run = await harness.StartAsync(definition);
        await harness.Clock.NextArmAsync();
        run.Cancel();
        var result = await run.Completion.Guarded();

        Assert.Equal(RunStatus.Cancelled, result.Status);
        Assert.Equal(FlowTaskStatus.Cancelled, result.GetTask("wait").Status);
        Assert.Equal(TestClock.Origin, result.CompletedAt);
    }
}
