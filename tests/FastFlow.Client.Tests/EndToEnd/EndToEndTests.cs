using FastFlow.Protocol;
using FastFlow.Protocol.Messages;

namespace FastFlow.Client.Tests.EndToEnd;

/// <summary>The client against the real server and engine, as a .NET program drives it.</summary>
public sealed class EndToEndTests
{
    /// <summary>Five tasks in a chain, each with an output.</summary>
    private const string Chain = """
        id: chain
        name: Five in a row
        tasks:
          a: { action: set, parameters: { values: { step: 1 } } }
          b: { action: set, parameters: { values: { step: 2 } }, dependencies: [a] }
          c: { action: set, parameters: { values: { step: 3 } }, dependencies: [b] }
          d: { action: set, parameters: { values: { step: 4 } }, dependencies: [c] }
          e: { action: noop, dependencies: [d] }
        """;

    /// <summary>One task that takes long enough to be paused, waited on or cancelled.</summary>
    private const string Slow = """
        id: slow
        tasks:
          wait: { action: delay, parameters: { seconds: 30 } }
          after: { action: noop, dependencies: [wait] }
        """;

    private const string Broken = """
        id: broken
        tasks:
          a: { action: noop, dependencies: [nowhere] }
          b: { action: no_such_action }
        """;

    [Fact]
    public async Task Submit_and_wait_runs_a_five_task_workflow_to_completion()
    {
        await using var server = await RealServer.StartAsync();
        await using var client = await server.ConnectAsync();

        var registered = await client.RegisterDefinitionAsync(Chain, "chain.yaml");
        Assert.Equal(("chain", 5), (registered.WorkflowId, registered.TaskCount));

        var run = await client.SubmitRunAsync(new SubmitRunMessage { WorkflowId = "chain", Wait = true, Priority = "high" });

        Assert.Equal("completed", run.Status);
        Assert.Equal("high", run.Priority);
        Assert.Equal(["a", "b", "c", "d", "e"], run.Tasks.Select(t => t.Id));
        Assert.All(run.Tasks, task => Assert.Equal(("completed", 1), (task.Status, task.Attempts)));
        Assert.NotNull(run.CompletedAt);

        var again = await client.GetRunAsync(run.RunId);
        Assert.Equal("completed", again.Status);
        Assert.Contains(await client.ListRunsAsync(workflowId: "chain"), summary => summary.RunId == run.RunId);
    }

    [Fact]
    public async Task Create_subscribe_start_streams_the_runs_events_in_order_and_ends_with_the_run()
    {
        await using var server = await RealServer.StartAsync();
        await using var client = await server.ConnectAsync();
        await client.RegisterDefinitionAsync(Chain);

        var created = await client.CreateRunAsync(new CreateRunMessage { WorkflowId = "chain" });
        Assert.Equal("pending", created.Status);
        await using var subscription = await client.SubscribeAsync(created.RunId);
        await client.StartRunAsync(created.RunId);

        var events = new List<EventMessage>();
        using var limit = new CancellationTokenSource(TimeSpan.FromSeconds(20));
        await foreach (var item in subscription.ReadAllAsync(limit.Token))
        {
            events.Add(item);
        }

        Assert.Equal("run_ended", subscription.Ended?.Reason);
        Assert.All(events, e => Assert.Equal(created.RunId, e.RunId));
        Assert.Equal("workflow.completed", events[^1].EventType);
        var completions = events.Where(e => e.EventType == "task.completed").Select(e => e.TaskId).ToList();
        Assert.Equal(["a", "b", "c", "d", "e"], completions);
        foreach (var task in completions)
        {
            var started = events.FindIndex(e => e.EventType == "task.started" && e.TaskId == task);
            var completed = events.FindIndex(e => e.EventType == "task.completed" && e.TaskId == task);
            Assert.InRange(started, 0, completed - 1);
        }

        var workflowStarted = events.FindIndex(e => e.EventType == "workflow.started");
        Assert.InRange(workflowStarted, 0, events.FindIndex(e => e.EventType == "task.started") - 1);
    }

    [Fact]
    public async Task Refusals_come_back_typed_with_their_codes_and_the_connection_stays_usable()
    {
        await using var server = await RealServer.StartAsync();
        await using var client = await server.ConnectAsync();

        var missing = await Assert.ThrowsAsync<FastFlowServerException>(() => client.GetRunAsync("no-such-run"));
        Assert.Equal((ErrorCode.NotFound, "not_found", "not_found"), (missing.Code, missing.Name, missing.Category));
        Assert.Contains("no-such-run", missing.Message, StringComparison.Ordinal);

        var invalid = await Assert.ThrowsAsync<FastFlowServerException>(() => client.RegisterDefinitionAsync(Broken, "broken.yaml"));
        Assert.Equal(ErrorCode.InvalidDefinition, invalid.Code);
        Assert.Equal("validation", invalid.Category);
        Assert.True(invalid.Details.Count >= 2, $"expected every finding, got {invalid.Details.Count}");
        Assert.All(invalid.Details, d => Assert.False(string.IsNullOrWhiteSpace(d.Message)));

        await client.RegisterDefinitionAsync(Chain);
        var done = await client.SubmitRunAsync(new SubmitRunMessage { WorkflowId = "chain", Wait = true });
        var state = await Assert.ThrowsAsync<FastFlowServerException>(() => client.ResumeRunAsync(done.RunId));
        Assert.Equal(ErrorCode.InvalidState, state.Code);

        await client.PingAsync();
    }

    [Fact]
    public async Task A_slow_run_can_be_waited_on_with_a_timeout_paused_resumed_and_cancelled()
    {
        await using var server = await RealServer.StartAsync();
        await using var client = await server.ConnectAsync();
        await client.RegisterDefinitionAsync(Slow);

        var run = await client.SubmitRunAsync(new SubmitRunMessage { WorkflowId = "slow" });
        var timedOut = await Assert.ThrowsAsync<FastFlowServerException>(() => client.WaitRunAsync(run.RunId, TimeSpan.FromMilliseconds(100)));
        Assert.Equal(ErrorCode.WaitTimeout, timedOut.Code);

        Assert.Equal("paused", (await client.PauseRunAsync(run.RunId)).Status);
        Assert.Equal("running", (await client.ResumeRunAsync(run.RunId)).Status);

        var waiting = client.WaitRunAsync(run.RunId);
        await client.CancelRunAsync(run.RunId, force: true);
        Assert.Equal("cancelled", (await waiting).Status);
    }

    [Fact]
    public async Task Many_callers_share_one_connection_and_each_gets_its_own_reply()
    {
        await using var server = await RealServer.StartAsync();
        await using var client = await server.ConnectAsync();
        await client.RegisterDefinitionAsync(Chain);

        var runs = await Task.WhenAll(Enumerable.Range(0, 20).Select(i =>
            client.SubmitRunAsync(new SubmitRunMessage { WorkflowId = "chain", RunId = $"run-{i}", Wait = true })));
        Assert.Equal(Enumerable.Range(0, 20).Select(i => $"run-{i}"), runs.Select(r => r.RunId));
        Assert.All(runs, run => Assert.Equal("completed", run.Status));

        await Task.WhenAll(Enumerable.Range(0, 200).Select(_ => client.PingAsync()));
        var health = await client.GetHealthAsync();
        Assert.Equal("ok", health.Status);
        Assert.True(health.Connections >= 1);
    }

    [Fact]
    public async Task A_wrong_token_is_refused_with_code_bad_token()
    {
        await using var server = await RealServer.StartAsync();

        var error = await Assert.ThrowsAsync<FastFlowConnectionException>(() =>
            FastFlowClient.ConnectAsync(server.Options with { Token = "wrong" }));
        Assert.Equal(ErrorCode.BadToken, error.Code);
        Assert.Contains("FASTFLOW_TOKEN", error.Message, StringComparison.Ordinal);

        var none = await Assert.ThrowsAsync<FastFlowConnectionException>(() =>
            FastFlowClient.ConnectAsync(server.Options with { Token = null }));
        Assert.True(none.Code is ErrorCode.BadToken or ErrorCode.NotAuthenticated, $"got {none.Code}");
    }

    [Fact]
    public async Task A_stopped_server_fails_pending_calls_and_ends_subscriptions_with_a_connection_error()
    {
        await using var server = await RealServer.StartAsync();
        await using var client = await server.ConnectAsync();
        await client.RegisterDefinitionAsync(Slow);
        var run = await client.SubmitRunAsync(new SubmitRunMessage { WorkflowId = "slow" });
        var subscription = await client.SubscribeAsync();
        var waiting = client.WaitRunAsync(run.RunId);

        await server.StopAsync();

        await Assert.ThrowsAnyAsync<FastFlowException>(() => waiting);
        var ended = await ReadToEndAsync(subscription);
        Assert.True(ended is FastFlowConnectionException || subscription.Ended?.Reason == "shutting_down",
            $"the subscription ended with {ended?.GetType().Name ?? subscription.Ended?.Reason ?? "nothing"}");
        await Assert.ThrowsAsync<FastFlowConnectionException>(() => client.PingAsync());
    }

    [Fact]
    public async Task History_comes_from_a_durable_server_and_an_in_memory_one_says_it_keeps_none()
    {
        await using (var durable = await RealServer.StartAsync(durable: true))
        {
            await using var client = await durable.ConnectAsync();
            await client.RegisterDefinitionAsync(Chain);
            var run = await client.SubmitRunAsync(new SubmitRunMessage { WorkflowId = "chain", Wait = true });

            var history = await client.GetHistoryAsync(run.RunId);

            Assert.Equal(run.RunId, history.RunId);
            Assert.Equal(history.Entries.OrderBy(e => e.Seq).Select(e => e.Seq), history.Entries.Select(e => e.Seq));
            Assert.Equal(["a", "b", "c", "d", "e"], history.Entries.Where(e => e.Kind == "task.completed").Select(e => e.TaskId));
        }

        await using var memory = await RealServer.StartAsync();
        await using var plain = await memory.ConnectAsync();
        await plain.RegisterDefinitionAsync(Chain);
        var done = await plain.SubmitRunAsync(new SubmitRunMessage { WorkflowId = "chain", Wait = true });
        var error = await Assert.ThrowsAsync<FastFlowServerException>(() => plain.GetHistoryAsync(done.RunId));
        Assert.Equal(ErrorCode.NotDurable, error.Code);
    }

    [Fact]
    public async Task After_the_server_restarts_on_its_port_the_client_reconnects_with_a_new_handshake()
    {
        var first = await RealServer.StartAsync();
        var port = first.Port;
        await using var client = await first.ConnectAsync();
        await client.PingAsync();
        await first.DisposeAsync();

        await using var second = await RealServer.StartAsync(port: port);
        try
        {
            // The first call may still meet the old connection before its loss is seen: that call
            // fails; the one after connects again.
            await client.PingAsync();
        }
        catch (FastFlowConnectionException)
        {
            await client.PingAsync();
        }

        // Served by the new server, over the one connection the client made to it.
        var health = await client.GetHealthAsync();
        Assert.Equal(("ok", 1), (health.Status, health.Connections));
    }

    private static async Task<Exception?> ReadToEndAsync(EventSubscription subscription)
    {
        try
        {
            using var limit = new CancellationTokenSource(TimeSpan.FromSeconds(10));
            await foreach (var _ in subscription.ReadAllAsync(limit.Token))
            {
            }

            return null;
        }
        catch (FastFlowConnectionException exception)
        {
            return exception;
        }
    }
}
