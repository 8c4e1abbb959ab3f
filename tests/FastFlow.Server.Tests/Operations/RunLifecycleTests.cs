using System.Collections.Concurrent;
using FastFlow.Protocol;
using FastFlow.Protocol.Messages;

namespace FastFlow.Server.Tests.Operations;

/// <summary>create_run, start_run, submit_run, get_run and wait_run: a created run waits for its
/// start, a submitted one with wait replies with the same object a local run gives, requests
/// pipelined on one connection are all answered, and waits end with the run, its timeout or the
/// connection.</summary>
public sealed class RunLifecycleTests
{
    private const string Pipeline = """
        id: pipeline
        inputs:
          count: { type: integer, required: true }
        tasks:
          extract: { handler: extract }
          transform: { handler: transform, dependencies: [extract] }
          load: { action: set, dependencies: [transform], parameters: { values: { done: true } } }
        outputs:
          total: "${{ tasks.transform.output.total }}"
        """;

    private static DispatcherHarness WithHandlers(bool durable = false)
    {
        var harness = DispatcherHarness.Create(durable);
        Register(harness.Engine);
        return harness;
    }

    private static void Register(FlowEngine engine)
    {
        engine.RegisterHandler("extract", ctx => new Dictionary<string, object?> { ["rows"] = ctx.Inputs["count"] });
        engine.RegisterHandler("transform", ctx => new Dictionary<string, object?> { ["total"] = 10L * Convert.ToInt64(ctx.Inputs["count"], System.Globalization.CultureInfo.InvariantCulture) });
    }

    [Fact]
    public async Task A_created_run_stays_pending_until_started_then_completes()
    {
        await using var harness = WithHandlers();
        await harness.RegisterAsync(Pipeline);

        var created = await harness.ExpectAsync<RunStateMessage>(new CreateRunMessage
        {
            WorkflowId = "pipeline",
            Inputs = new Dictionary<string, object?> { ["count"] = 4L },
            RunId = "run-1",
            Priority = "high",
        });

        Assert.Equal("run-1", created.RunId);
        Assert.Equal("pending", created.Status);
        Assert.Equal("high", created.Priority);
        Assert.Equal(["extract", "transform", "load"], created.Tasks.Select(static t => t.Id));
        Assert.All(created.Tasks, static t => Assert.Equal("pending", t.Status));
        Assert.Null(created.StartedAt);
        // Still pending when asked again: nothing started it.
        Assert.Equal("pending", (await harness.ExpectAsync<RunStateMessage>(new GetRunMessage { RunId = "run-1" })).Status);
        Assert.True(harness.Engine.TryGetRun("run-1", out var handle));
        Assert.False(handle!.Completion.IsCompleted);

        var started = await harness.ExpectAsync<RunStateMessage>(new StartRunMessage { RunId = "run-1" });
        Assert.NotEqual("pending", started.Status);
        var ended = await harness.ExpectAsync<RunStateMessage>(new WaitRunMessage { RunId = "run-1" });

        Assert.Equal("completed", ended.Status);
        Assert.Equal("high", ended.Priority);
        Assert.Equal(40L, ended.Outputs!["total"]);
        Assert.NotNull(ended.CompletedAt);
        // A second start is a state error that says where the run is.
        var again = await harness.ExpectErrorAsync(new StartRunMessage { RunId = "run-1" }, ErrorCode.InvalidState);
        Assert.Contains("completed", again.Message);
    }

    [Fact]
    public async Task Submit_with_wait_replies_with_the_same_tasks_and_outputs_as_a_local_run()
    {
        await using var harness = WithHandlers();
        await harness.RegisterAsync(Pipeline);
        var inputs = new Dictionary<string, object?> { ["count"] = 7L };
        await using var local = new FlowEngine(new FlowEngineOptions { WorkerCount = 1 });
        Register(local);
        var expected = await local.RunAsync(DispatcherHarness.Load(Pipeline), inputs);

        var remote = await harness.SubmitAsync("pipeline", wait: true, inputs: inputs);

        Assert.Equal(expected.Status.ToWireName(), remote.Status);
        Assert.Equal("pipeline", remote.WorkflowId);
        Assert.Equal("normal", remote.Priority);
        Assert.Equal(
            expected.Tasks.Select(static t => (t.Id, t.Status.ToWireName(), t.Attempts, Plain(t.Output))),
            remote.Tasks.Select(static t => (t.Id, t.Status, t.Attempts, Plain(t.Output))));
        Assert.Equal(Plain(expected.Outputs), Plain(remote.Outputs));
        Assert.NotNull(remote.StartedAt);
        Assert.NotNull(remote.CompletedAt);
    }

    [Fact]
    public async Task A_failed_task_comes_back_with_its_error_category_and_message()
    {
        await using var harness = DispatcherHarness.Create();
        await harness.RegisterAsync("""
            id: failing
            tasks:
              boom: { action: fail, parameters: { message: disk full, category: permanent } }
            """);

        var run = await harness.SubmitAsync("failing", wait: true);

        Assert.Equal("failed", run.Status);
        var task = Assert.Single(run.Tasks);
        Assert.Equal("failed", task.Status);
        Assert.Equal("permanent", task.Error!.Category);
        Assert.Contains("disk full", task.Error.Message);
        Assert.NotNull(run.Error);
    }

    [Fact]
    public async Task Pipelined_submits_on_one_connection_are_each_answered_under_their_own_request_id()
    {
        await using var harness = DispatcherHarness.Create();
        await harness.RegisterAsync("id: quick\ntasks:\n  a: { action: noop }\n  b: { action: noop, dependencies: [a] }\n");

        // Sent back to back: the loop hands each over without waiting for any reply.
        var ids = Enumerable.Range(0, 200)
            .Select(i => harness.Send(new SubmitRunMessage { WorkflowId = "quick", Wait = i % 2 == 0, RunId = $"p-{i}" }))
            .ToList();

        for (var i = 0; i < ids.Count; i++)
        {
            var reply = Assert.IsType<RunStateMessage>(await harness.ReplyAsync(ids[i]));
            Assert.Equal($"p-{i}", reply.RunId);
            if (i % 2 == 0)
            {
                Assert.Equal("completed", reply.Status);
            }
        }

        Assert.Equal(ids.Count, harness.Channel.Frames.Count(f => ids.Contains(f.RequestId)));
    }

    [Fact]
    public async Task Wait_with_a_timeout_replies_wait_timeout_and_the_run_goes_on()
    {
        await using var harness = DispatcherHarness.Create();
        var release = new TaskCompletionSource<object?>(TaskCreationOptions.RunContinuationsAsynchronously);
        harness.Engine.RegisterHandler("hold", _ => release.Task);
        await harness.RegisterAsync("id: held\ntasks:\n  a: { handler: hold }\n");

        var error = await harness.ExpectErrorAsync(new SubmitRunMessage { WorkflowId = "held", Wait = true, TimeoutMs = 50, RunId = "slow" }, ErrorCode.WaitTimeout);
        Assert.Contains("slow", error.Message);
        Assert.Contains("running", error.Message);
        var waitId = harness.Send(new WaitRunMessage { RunId = "slow" });
        release.SetResult("late");

        var ended = Assert.IsType<RunStateMessage>(await harness.ReplyAsync(waitId));
        Assert.Equal("completed", ended.Status);
        Assert.Equal("late", ended.Tasks[0].Output);
    }

    [Fact]
    public async Task A_wait_ends_with_its_connection_and_keeps_nothing_alive()
    {
        await using var harness = DispatcherHarness.Create();
        var release = new TaskCompletionSource<object?>(TaskCreationOptions.RunContinuationsAsynchronously);
        harness.Engine.RegisterHandler("hold", _ => release.Task);
        await harness.RegisterAsync("id: held\ntasks:\n  a: { handler: hold }\n");
        harness.Send(new SubmitRunMessage { WorkflowId = "held", RunId = "r", Wait = true });

        harness.Channel.Close();

        // The dispatcher's pending waits end with the connection, not with the run.
        await harness.Dispatcher.DisposeAsync().AsTask().WaitAsync(TimeSpan.FromSeconds(10));
        release.SetResult(null);
        Assert.DoesNotContain(harness.Channel.Frames, f => f.Message is RunStateMessage);
    }

    [Fact]
    public async Task Inputs_that_do_not_fit_are_an_invalid_request_with_every_finding()
    {
        await using var harness = WithHandlers();
        await harness.RegisterAsync(Pipeline);

        var missing = await harness.ExpectErrorAsync(new SubmitRunMessage { WorkflowId = "pipeline" }, ErrorCode.InvalidRequest);
        Assert.Contains(missing.Details, d => d.Code == "FF1101");
        var wrong = await harness.ExpectErrorAsync(new SubmitRunMessage
        {
            WorkflowId = "pipeline",
            Inputs = new Dictionary<string, object?> { ["count"] = "many", ["extra"] = 1L },
        }, ErrorCode.InvalidRequest);
        Assert.True(wrong.Details.Count >= 2, string.Join("; ", wrong.Details.Select(d => d.Message)));
        // Text that reads as the declared type is taken, as the CLI's --input k=v is.
        var coerced = await harness.SubmitAsync("pipeline", wait: true, inputs: new Dictionary<string, object?> { ["count"] = "2" });
        Assert.Equal(20L, coerced.Outputs!["total"]);
    }

    [Theory]
    [InlineData("urgent")]
    [InlineData("")]
    public async Task An_unknown_priority_is_an_invalid_request_listing_the_allowed_ones(string priority)
    {
        await using var harness = DispatcherHarness.Create();
        await harness.RegisterAsync("id: quick\ntasks:\n  a: { action: noop }\n");

        var error = await harness.ExpectErrorAsync(new SubmitRunMessage { WorkflowId = "quick", Priority = priority }, ErrorCode.InvalidRequest);

        Assert.Contains("low, normal (or medium), high or critical", error.Message);
        Assert.Equal("priority", Assert.Single(error.Details).Path);
    }

    [Fact]
    public async Task Medium_is_normal_and_priority_names_are_read_in_any_case()
    {
        await using var harness = DispatcherHarness.Create();
        await harness.RegisterAsync("id: quick\ntasks:\n  a: { action: noop }\n");

        Assert.Equal("normal", (await harness.SubmitAsync("quick", priority: "medium")).Priority);
        Assert.Equal("critical", (await harness.SubmitAsync("quick", priority: "CRITICAL")).Priority);
    }

    [Fact]
    public async Task A_run_id_taken_or_malformed_is_refused()
    {
        await using var harness = DispatcherHarness.Create();
        await harness.RegisterAsync("id: quick\ntasks:\n  a: { action: noop }\n");
        await harness.SubmitAsync("quick", wait: true, runId: "mine");

        await harness.ExpectErrorAsync(new SubmitRunMessage { WorkflowId = "quick", RunId = "mine" }, ErrorCode.AlreadyExists);
        await harness.ExpectErrorAsync(new CreateRunMessage { WorkflowId = "quick", RunId = "mine" }, ErrorCode.AlreadyExists);
        var bad = await harness.ExpectErrorAsync(new SubmitRunMessage { WorkflowId = "quick", RunId = "has space" }, ErrorCode.InvalidRequest);
        Assert.Contains("1 to 64 letters", bad.Message);
    }

    [Fact]
    public async Task A_submit_names_exactly_one_definition()
    {
        await using var harness = DispatcherHarness.Create();

        await harness.ExpectErrorAsync(new SubmitRunMessage(), ErrorCode.InvalidRequest);
        await harness.ExpectErrorAsync(new SubmitRunMessage { WorkflowId = "a", Source = "id: a\ntasks:\n  t: {}\n" }, ErrorCode.InvalidRequest);
        var unknown = await harness.ExpectErrorAsync(new SubmitRunMessage { WorkflowId = "nobody" }, ErrorCode.NotFound);
        Assert.Contains("register", unknown.Message, StringComparison.OrdinalIgnoreCase);
        // Source registers on the way: the id works afterwards.
        var fromSource = await harness.ExpectAsync<RunStateMessage>(new SubmitRunMessage { Source = "id: inline\ntasks:\n  t: { action: noop }\n", Wait = true });
        Assert.Equal("completed", fromSource.Status);
        Assert.Equal("completed", (await harness.SubmitAsync("inline", wait: true)).Status);
    }

    [Fact]
    public async Task A_full_engine_refuses_a_submit_with_capacity()
    {
        await using var harness = DispatcherHarness.Create(engine: o =>
        {
            o.MaxActiveRuns = 1;
            o.MaxQueuedRuns = 0;
        });
        var release = new TaskCompletionSource<object?>(TaskCreationOptions.RunContinuationsAsynchronously);
        harness.Engine.RegisterHandler("hold", _ => release.Task);
        await harness.RegisterAsync("id: held\ntasks:\n  a: { handler: hold }\n");
        await harness.SubmitAsync("held");

        var error = await harness.ExpectErrorAsync(new SubmitRunMessage { WorkflowId = "held" }, ErrorCode.Capacity);

        Assert.Contains("capacity", error.Message);
        release.SetResult(null);
    }

    [Fact]
    public async Task A_critical_run_submitted_behind_many_low_ones_on_one_worker_runs_first()
    {
        await using var harness = DispatcherHarness.Create(engine: o => o.WorkerCount = 1);
        var order = new ConcurrentQueue<string>();
        using var blocker = new ManualResetEventSlim();
        var blocking = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        // Holds the only worker thread itself, so every run submitted meanwhile is queued behind it.
        harness.Engine.RegisterHandler("block", _ =>
        {
            blocking.TrySetResult();
            blocker.Wait(TimeSpan.FromSeconds(10));
        });
        harness.Engine.RegisterHandler("record", ctx => order.Enqueue(ctx.RunId));
        await harness.RegisterAsync("id: blocker\ntasks:\n  a: { handler: block }\n");
        await harness.RegisterAsync("id: work\ntasks:\n  a: { handler: record }\n");
        await harness.SubmitAsync("blocker", runId: "blocker");
        await blocking.Task.WaitAsync(TimeSpan.FromSeconds(10));

        const int Lows = 30;
        for (var i = 0; i < Lows; i++)
        {
            await harness.SubmitAsync("work", priority: "low", runId: $"low-{i}");
        }

        await harness.SubmitAsync("work", priority: "critical", runId: "critical");
        blocker.Set();
        await harness.ExpectAsync<RunStateMessage>(new WaitRunMessage { RunId = "critical" });
        for (var i = 0; i < Lows; i++)
        {
            await harness.ExpectAsync<RunStateMessage>(new WaitRunMessage { RunId = $"low-{i}" });
        }

        // In arrival order the critical run would be last of 31; by priority it is first.
        Assert.Equal("critical", order.First());
        Assert.Equal(Lows + 1, order.Count);
    }

    [Fact]
    public async Task Without_a_store_history_and_rollback_are_not_durable()
    {
        await using var harness = DispatcherHarness.Create();
        await harness.RegisterAsync("id: quick\ntasks:\n  a: { action: noop }\n");
        await harness.SubmitAsync("quick", wait: true, runId: "q");

        var history = await harness.ExpectErrorAsync(new GetHistoryMessage { RunId = "q" }, ErrorCode.NotDurable);
        await harness.ExpectErrorAsync(new RollbackRunMessage { RunId = "q" }, ErrorCode.NotDurable);

        Assert.Contains("--data", history.Message);
    }

    [Fact]
    public async Task Unknown_run_ids_are_not_found()
    {
        await using var harness = DispatcherHarness.Create(durable: true);

        foreach (var request in new Message[]
        {
            new GetRunMessage { RunId = "ghost" },
            new WaitRunMessage { RunId = "ghost" },
            new StartRunMessage { RunId = "ghost" },
            new PauseRunMessage { RunId = "ghost" },
            new ResumeRunMessage { RunId = "ghost" },
            new CancelRunMessage { RunId = "ghost" },
            new RollbackRunMessage { RunId = "ghost" },
            new GetHistoryMessage { RunId = "ghost" },
            new SubscribeMessage { RunId = "ghost" },
        })
        {
            var error = await harness.ExpectErrorAsync(request, ErrorCode.NotFound);
            Assert.Contains("'ghost'", error.Message);
        }
    }

    [Fact]
    public async Task A_missing_run_id_is_an_invalid_request()
    {
        await using var harness = DispatcherHarness.Create();

        var error = await harness.ExpectErrorAsync(new GetRunMessage(), ErrorCode.InvalidRequest);

        Assert.Equal("run_id", Assert.Single(error.Details).Path);
    }

    /// <summary>A plain value as comparable text: numbers of any integer type read alike.</summary>
    private static string Plain(object? value) => value switch
    {
        null => "null",
        IReadOnlyDictionary<string, object?> map => "{" + string.Join(",", map.OrderBy(static p => p.Key, StringComparer.Ordinal).Select(p => $"{p.Key}:{Plain(p.Value)}")) + "}",
        System.Collections.IDictionary map => "{" + string.Join(",", map.Keys.Cast<object>().Select(k => k.ToString()!).Order(StringComparer.Ordinal).Select(k => $"{k}:{Plain(map[k])}")) + "}",
        string text => $"\"{text}\"",
        bool flag => flag ? "true" : "false",
        System.Collections.IEnumerable items => "[" + string.Join(",", items.Cast<object?>().Select(Plain)) + "]",
        IConvertible number => Convert.ToDecimal(number, System.Globalization.CultureInfo.InvariantCulture).ToString(System.Globalization.CultureInfo.InvariantCulture),
        _ => value.ToString() ?? "",
    };
}
