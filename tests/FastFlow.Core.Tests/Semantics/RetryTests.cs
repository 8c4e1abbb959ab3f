using FastFlow.Core.Tests.Semantics.Support;
using FastFlow.Definitions;
using FastFlow.Events;

namespace FastFlow.Core.Tests.Semantics;

/// <summary>DESIGN §3: errors carry a category; retries apply to retriable_errors (default
/// transient and timeout) up to max_attempts; every attempt has its own idempotency key.</summary>
public sealed class RetryTests
{
    private static TaskHandler FailUntil(int succeedOn, ErrorCategory category, List<string>? keys = null) => Handlers.Sync(ctx =>
    {
        if (keys is not null)
        {
            lock (keys)
            {
                keys.Add(ctx.IdempotencyKey);
            }
        }

        return ctx.Attempt >= succeedOn
            ? TaskResult.Success($"attempt {ctx.Attempt}")
            : TaskResult.Failure(category, $"attempt {ctx.Attempt} failed");
    });

    [Fact]
    public async Task Max_attempts_bounds_the_attempts_exactly()
    {
        await using var harness = new Harness(observe: false);
        var calls = 0;
        var flow = new WorkflowBuilder("max-attempts");
        flow.Task("t", Handlers.Sync(_ =>
        {
            Interlocked.Increment(ref calls);
            return TaskResult.Failure(ErrorCategory.Transient, "flaky");
        })).Retry(maxAttempts: 4);

        var result = await harness.RunAsync(flow);

        Assert.Equal(4, calls);
        Assert.Equal(FlowTaskStatus.Failed, result.GetTask("t").Status);
        Assert.Equal(4, result.GetTask("t").Attempts);
        Assert.Equal(ErrorCategory.Transient, result.GetTask("t").Error!.Category);
        Assert.Equal(RunStatus.Failed, result.Status);
        Assert.Equal(ErrorCategory.Transient, result.Error!.Category);
    }

    [Fact]
    public async Task A_task_that_succeeds_on_a_later_attempt_completes_with_that_attempts_output()
    {
        await using var harness = new Harness(observe: false);
        var flow = new WorkflowBuilder("later-success");
        flow.Task("t", FailUntil(3, ErrorCategory.Transient)).Retry(maxAttempts: 5);

        var result = await harness.RunAsync(flow);

        Assert.Equal(RunStatus.Completed, result.Status);
        Assert.Equal(3, result.GetTask("t").Attempts);
        Assert.Equal("attempt 3", result.GetTask("t").Output);
    }

    [Fact]
    public async Task Without_a_retry_policy_a_task_gets_exactly_one_attempt()
    {
        await using var harness = new Harness(observe: false);
        var calls = 0;
        var flow = new WorkflowBuilder("no-retry");
        flow.Task("t", Handlers.Sync(_ =>
        {
            Interlocked.Increment(ref calls);
            return TaskResult.Failure(ErrorCategory.Transient, "flaky");
        }));

        var result = await harness.RunAsync(flow);

        Assert.Equal(1, calls);
        Assert.Equal(RunStatus.Failed, result.Status);
        Assert.Equal(1, result.GetTask("t").Attempts);
    }

    [Fact]
    public async Task Retry_count_shorthand_in_yaml_means_retry_count_plus_one_attempts()
    {
        await using var harness = new Harness(observe: false);
        var calls = 0;
        harness.Engine.RegisterHandler("flaky", Handlers.Sync(_ =>
        {
            Interlocked.Increment(ref calls);
            return TaskResult.Failure(ErrorCategory.Transient, "flaky");
        }));
        var definition = Yaml.Load("""
            id: shorthand
            tasks:
              t:
                handler: flaky
                retry_count: 2
                retry_delay: 0
            """);

        var result = await harness.RunAsync(definition);

        Assert.Equal(3, calls);
        Assert.Equal(3, result.GetTask("t").Attempts);
        Assert.Equal(FlowTaskStatus.Failed, result.GetTask("t").Status);
    }

    [Fact]
    public async Task Retry_delay_shorthand_in_yaml_is_the_base_delay()
    {
        await using var harness = new Harness(observe: false);
        harness.Engine.RegisterHandler("flaky", FailUntil(3, ErrorCategory.Transient));
        var definition = Yaml.Load("""
            id: shorthand-delay
            defaults:
              retry: { jitter: false }
            tasks:
              t:
                handler: flaky
                retry_count: 2
                retry_delay: 5
            """);

        var run = await harness.StartAsync(definition);
        Assert.Equal(TimeSpan.FromSeconds(5), await harness.Clock.AdvanceToNextTimerAsync());
        Assert.Equal(TimeSpan.FromSeconds(10), await harness.Clock.AdvanceToNextTimerAsync());
        var result = await run.Completion.Guarded();

        Assert.Equal(RunStatus.Completed, result.Status);
        Assert.Equal(3, result.GetTask("t").Attempts);
    }

    [Theory]
    [InlineData(ErrorCategory.Permanent)]
    [InlineData(ErrorCategory.Business)]
    [InlineData(ErrorCategory.Capacity)]
    public async Task Categories_other_than_transient_and_timeout_are_not_retried_by_default(ErrorCategory category)
    {
        await using var harness = new Harness(observe: false);
        var calls = 0;
        var flow = new WorkflowBuilder("not-retried");
        flow.Task("t", Handlers.Sync(_ =>
        {
            Interlocked.Increment(ref calls);
            return TaskResult.Failure(category, "no");
        })).Retry(maxAttempts: 5);

        var result = await harness.RunAsync(flow);

        Assert.Equal(1, calls);
        Assert.Equal(1, result.GetTask("t").Attempts);
        Assert.Equal(category, result.GetTask("t").Error!.Category);
        Assert.Equal(RunStatus.Failed, result.Status);
        Assert.Equal(category, result.Error!.Category);
    }

    [Fact]
    public async Task A_thrown_task_failed_exception_carries_its_category_and_any_other_exception_is_transient()
    {
        await using var harness = new Harness(observe: false);
        var permanentCalls = 0;
        var crashCalls = 0;
        var flow = new WorkflowBuilder("exceptions");
        flow.Task("permanent", Handlers.Sync(_ =>
        {
            Interlocked.Increment(ref permanentCalls);
            throw new TaskFailedException(ErrorCategory.Permanent, "bad input");
        })).Retry(maxAttempts: 3).OnFailure(FailurePolicy.Skip);
        flow.Task("crash", Handlers.Sync(ctx =>
        {
            Interlocked.Increment(ref crashCalls);
            return ctx.Attempt < 3 ? throw new InvalidOperationException("crash") : TaskResult.Success();
        })).Retry(maxAttempts: 3);

        var result = await harness.RunAsync(flow);

        Assert.Equal(1, permanentCalls);
        Assert.Equal(ErrorCategory.Permanent, result.GetTask("permanent").Error!.Category);
        Assert.Equal("bad input", result.GetTask("permanent").Error!.Message);
        Assert.Equal(3, crashCalls);
        Assert.Equal(FlowTaskStatus.Completed, result.GetTask("crash").Status);
        Assert.Equal(RunStatus.Completed, result.Status);
    }

    [Fact]
    public async Task Retriable_errors_choose_which_categories_are_retried()
    {
        await using var harness = new Harness(observe: false);
        harness.Engine.RegisterHandler("permanent_twice", FailUntil(3, ErrorCategory.Permanent));
        harness.Engine.RegisterHandler("transient_always", FailUntil(int.MaxValue, ErrorCategory.Transient));
        var definition = Yaml.Load("""
            id: retriable
            tasks:
              permanent:
                handler: permanent_twice
                retry: { max_attempts: 5, retriable_errors: [permanent] }
              transient:
                handler: transient_always
                on_failure: skip
                retry: { max_attempts: 5, retriable_errors: [business] }
            """);

        var result = await harness.RunAsync(definition);

        Assert.Equal(FlowTaskStatus.Completed, result.GetTask("permanent").Status);
        Assert.Equal(3, result.GetTask("permanent").Attempts);
        Assert.Equal(FlowTaskStatus.Failed, result.GetTask("transient").Status);
        Assert.Equal(1, result.GetTask("transient").Attempts);
        Assert.Equal(RunStatus.Completed, result.Status);
    }

    [Fact]
    public async Task Each_attempt_gets_its_own_idempotency_key_run_task_attempt()
    {
        await using var harness = new Harness(observe: false);
        var keys = new List<string>();
        var flow = new WorkflowBuilder("keys");
        flow.Task("t", FailUntil(3, ErrorCategory.Transient, keys)).Retry(maxAttempts: 3);

        var run = await harness.StartAsync(flow);
        var result = await run.Completion.Guarded();

        Assert.Equal(RunStatus.Completed, result.Status);
        Assert.Equal([$"{run.RunId}/t/1", $"{run.RunId}/t/2", $"{run.RunId}/t/3"], keys);
        Assert.Equal(3, keys.Distinct().Count());
    }

    [Fact]
    public async Task Exponential_backoff_without_jitter_waits_exactly_base_times_two_to_the_n_minus_two_capped_at_max()
    {
        await using var harness = new Harness();
        var starts = new List<TimeSpan>();
        var flow = new WorkflowBuilder("backoff");
        flow.Task("t", Handlers.Sync(ctx =>
        {
            lock (starts)
            {
                starts.Add(harness.Clock.Elapsed);
            }

            return ctx.Attempt < 6 ? TaskResult.Failure(ErrorCategory.Transient, "again") : TaskResult.Success();
        })).Retry(maxAttempts: 6, baseDelaySeconds: 1, maxDelaySeconds: 5, exponentialBackoff: true, jitter: false);

        var run = await harness.StartAsync(flow);
        var expected = new[] { 1, 2, 4, 5, 5 }.Select(s => TimeSpan.FromSeconds(s)).ToArray();
        foreach (var delay in expected)
        {
            Assert.Equal(delay, await harness.Clock.AdvanceToNextTimerAsync());
        }

        var result = await run.Completion.Guarded();

        Assert.Equal(RunStatus.Completed, result.Status);
        Assert.Equal(expected, Gaps(starts));
        var announced = harness.Log.Snapshot().Where(e => e.Type == FlowEventType.TaskRetrying).Select(e => e.RetryDelay!.Value);
        Assert.Equal(expected, announced);
    }

    [Fact]
    public async Task Without_exponential_backoff_every_retry_waits_the_base_delay()
    {
        await using var harness = new Harness(observe: false);
        var starts = new List<TimeSpan>();
        var flow = new WorkflowBuilder("constant");
        flow.Task("t", Handlers.Sync(ctx =>
        {
            lock (starts)
            {
                starts.Add(harness.Clock.Elapsed);
            }

            return ctx.Attempt < 4 ? TaskResult.Failure(ErrorCategory.Transient, "again") : TaskResult.Success();
        })).Retry(maxAttempts: 4, baseDelaySeconds: 3, exponentialBackoff: false, jitter: false);

        var run = await harness.StartAsync(flow);
        for (var i = 0; i < 3; i++)
        {
            Assert.Equal(TimeSpan.FromSeconds(3), await harness.Clock.AdvanceToNextTimerAsync());
        }

        Assert.Equal(RunStatus.Completed, (await run.Completion.Guarded()).Status);
        Assert.Equal(Enumerable.Repeat(TimeSpan.FromSeconds(3), 3), Gaps(starts));
    }

    [Fact]
    public async Task Full_jitter_draws_each_delay_from_zero_to_the_capped_exponential_delay()
    {
        const int Attempts = 10;
        await using var harness = new Harness();
        var starts = new List<TimeSpan>();
        var flow = new WorkflowBuilder("jitter");
        flow.Task("t", Handlers.Sync(ctx =>
        {
            lock (starts)
            {
                starts.Add(harness.Clock.Elapsed);
            }

            return ctx.Attempt < Attempts ? TaskResult.Failure(ErrorCategory.Timeout, "again") : TaskResult.Success();
        })).Retry(maxAttempts: Attempts, baseDelaySeconds: 1, maxDelaySeconds: 20, exponentialBackoff: true, jitter: true);

        var run = await harness.StartAsync(flow);
        var requested = new List<TimeSpan>();
        for (var attempt = 2; attempt <= Attempts; attempt++)
        {
            requested.Add(await harness.Clock.AdvanceToNextTimerAsync());
        }

        var result = await run.Completion.Guarded();
        Assert.Equal(RunStatus.Completed, result.Status);

        var caps = Enumerable.Range(2, Attempts - 1).Select(n => TimeSpan.FromSeconds(Math.Min(20, Math.Pow(2, n - 2)))).ToArray();
        var gaps = Gaps(starts);
        for (var i = 0; i < caps.Length; i++)
        {
            Assert.InRange(requested[i], TimeSpan.Zero, caps[i]);
            // The next attempt started exactly when the clock reached the delay.
            Assert.Equal(requested[i], gaps[i]);
        }

        // Jitter is real: the delays are spread out, not pinned to the cap.
        Assert.Contains(Enumerable.Range(0, caps.Length), i => requested[i] < caps[i] * 0.9);
        Assert.True(requested.Distinct().Count() > caps.Length / 2);
        var announced = harness.Log.Snapshot().Where(e => e.Type == FlowEventType.TaskRetrying).Select(e => e.RetryDelay!.Value);
        Assert.Equal(requested, announced);
    }

    [Fact]
    public async Task The_same_jitter_seed_gives_the_same_delays()
    {
        static async Task<List<TimeSpan>> DelaysAsync()
        {
            await using var harness = new Harness(observe: false);
            var flow = new WorkflowBuilder("seeded");
            flow.Task("t", FailUntil(5, ErrorCategory.Transient)).Retry(maxAttempts: 5, baseDelaySeconds: 2, maxDelaySeconds: 30);
            var run = await harness.StartAsync(flow);
            var delays = new List<TimeSpan>();
            for (var i = 0; i < 4; i++)
            {
                delays.Add(await harness.Clock.AdvanceToNextTimerAsync());
            }

            Assert.Equal(RunStatus.Completed, (await run.Completion.Guarded()).Status);
            return delays;
        }

        Assert.Equal(await DelaysAsync(), await DelaysAsync());
    }

    [Fact]
    public async Task Retries_waiting_on_their_delay_hold_no_thread()
    {
        const int Flaky = 20;
        await using var harness = new Harness(workers: 2);
        using var release = new ManualResetEventSlim();
        var runnerStarted = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var flow = new WorkflowBuilder("waiting-retries");
        // Blocks one of the two workers for the whole test.
        flow.Task("runner", Handlers.Sync(_ =>
        {
            runnerStarted.TrySetResult();
            release.Wait(Guard.Timeout);
            return TaskResult.Success();
        }));
        for (var i = 0; i < Flaky; i++)
        {
            flow.Task($"flaky{i}", FailUntil(2, ErrorCategory.Transient)).Retry(maxAttempts: 2, baseDelaySeconds: 30, jitter: false);
        }

        try
        {
            var run = await harness.StartAsync(flow);
            await runnerStarted.Task.Guarded();
            await harness.Log.WaitForCount(e => e.Type == FlowEventType.TaskRetrying, Flaky);
            Until.Holds(() => harness.Engine.Services.Timers.Count == Flaky, "every retry timer queued");

            // All twenty wait at once, on one free worker, while the runner still holds the other.
            Assert.All(Enumerable.Range(0, Flaky), i => Assert.Equal(FlowTaskStatus.Waiting, run.GetTaskStatus($"flaky{i}")));
            Assert.Equal(FlowTaskStatus.InProgress, run.GetTaskStatus("runner"));

            harness.Clock.Advance(TimeSpan.FromSeconds(30));
            await harness.Log.WaitForCount(e => e.Type == FlowEventType.TaskCompleted && e.TaskId!.StartsWith("flaky", StringComparison.Ordinal), Flaky);
            Assert.Equal(FlowTaskStatus.InProgress, run.GetTaskStatus("runner"));

            release.Set();
            var result = await run.Completion.Guarded();
            Assert.Equal(RunStatus.Completed, result.Status);
            Assert.All(Enumerable.Range(0, Flaky), i => Assert.Equal(2, result.GetTask($"flaky{i}").Attempts));
        }
        finally
        {
            release.Set();
        }
    }

    private static TimeSpan[] Gaps(List<TimeSpan> starts)
    {
        lock (starts)
        {
            return [.. starts.Zip(starts.Skip(1), (a, b) => b - a)];
        }
    }
}
