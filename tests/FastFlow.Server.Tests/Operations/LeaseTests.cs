using FastFlow.Agents;
using FastFlow.Protocol;
using FastFlow.Protocol.Messages;
using FastFlow.Server.Requests;

namespace FastFlow.Server.Tests.Operations;

/// <summary>lease_tasks, heartbeat and complete_lease for an agent with a remote transport: a
/// worker takes the attempt (long polling until one is there), its result is the task's output,
/// a reported failure keeps its category, and a lease that lapses fails the attempt as transient.</summary>
public sealed class LeaseTests
{
    private const string Analysis = """
        id: analysis
        inputs:
          source: { type: string, default: sales }
        tasks:
          analyze: { action: agent_task, agent_id: analyst, parameters: { depth: 2 } }
        """;

    private static async Task<DispatcherHarness> WithRemoteAgent(TimeSpan? leaseDuration = null)
    {
        var harness = DispatcherHarness.Create();
        harness.Engine.Registry.RegisterAgent(new AgentDescriptor("analyst"), new RemoteAgentTransport("analyst", leaseDuration));
        harness.Engine.Registry.RegisterAgent("local", (_, _) => new(TaskResult.Success("local")));
        await harness.RegisterAsync(Analysis);
        return harness;
    }

    [Fact]
    public async Task A_long_polling_worker_gets_the_attempt_and_its_result_is_the_tasks_output()
    {
        await using var harness = await WithRemoteAgent();
        // The worker asks first: the poll waits until the run dispatches its task.
        var pollId = harness.Send(new LeaseTasksMessage { AgentId = "analyst", Max = 4, WaitMs = 10_000 });
        var waitId = harness.Send(new SubmitRunMessage { WorkflowId = "analysis", RunId = "r", Wait = true });

        var leases = Assert.IsType<LeasesMessage>(await harness.ReplyAsync(pollId));
        var leased = Assert.Single(leases.Leases);
        Assert.Equal("analyst", leased.AgentId);
        Assert.Equal("r", leased.RunId);
        Assert.Equal("analysis", leased.WorkflowId);
        Assert.Equal("analyze", leased.TaskId);
        Assert.Equal(1, leased.Attempt);
        Assert.Equal("r/analyze/1", leased.IdempotencyKey);
        Assert.Equal("agent_task", leased.Action);
        Assert.Equal(2L, leased.Parameters!["depth"]);
        Assert.Equal("sales", leased.Inputs!["source"]);
        Assert.True(leased.ExpiresAt > DateTimeOffset.UtcNow);
        Assert.Equal(1, (await harness.ExpectAsync<HealthReportMessage>(HealthMessage.Instance)).Leases);

        var renewed = await harness.ExpectAsync<LeaseRenewedMessage>(new HeartbeatMessage { LeaseId = leased.LeaseId });
        Assert.Equal(leased.LeaseId, renewed.LeaseId);
        Assert.True(renewed.ExpiresAt >= leased.ExpiresAt);
        await harness.ExpectAsync<OkMessage>(new CompleteLeaseMessage
        {
            LeaseId = leased.LeaseId,
            Ok = true,
            Output = new Dictionary<string, object?> { ["summary"] = "up 4%" },
        });

        var run = Assert.IsType<RunStateMessage>(await harness.ReplyAsync(waitId));
        Assert.Equal("completed", run.Status);
        Assert.Equal("up 4%", Assert.IsType<Dictionary<string, object?>>(run.Tasks[0].Output)["summary"]);
        Assert.Equal(0, (await harness.ExpectAsync<HealthReportMessage>(HealthMessage.Instance)).Leases);
        // The lease is spent: a second result or heartbeat is not found.
        await harness.ExpectErrorAsync(new CompleteLeaseMessage { LeaseId = leased.LeaseId, Ok = true }, ErrorCode.NotFound);
        await harness.ExpectErrorAsync(new HeartbeatMessage { LeaseId = leased.LeaseId }, ErrorCode.NotFound);
    }

    [Fact]
    public async Task A_failure_reported_by_the_worker_keeps_its_category_and_message()
    {
        await using var harness = await WithRemoteAgent();
        var waitId = harness.Send(new SubmitRunMessage { WorkflowId = "analysis", RunId = "r", Wait = true });
        var leased = Assert.Single((await harness.ExpectAsync<LeasesMessage>(new LeaseTasksMessage { AgentId = "analyst", WaitMs = 10_000 })).Leases);

        var badCategory = await harness.ExpectErrorAsync(new CompleteLeaseMessage
        {
            LeaseId = leased.LeaseId,
            Ok = false,
            Error = new ErrorInfo { Category = "catastrophic", Message = "x" },
        }, ErrorCode.InvalidRequest);
        Assert.Contains("transient", badCategory.Message);
        await harness.ExpectAsync<OkMessage>(new CompleteLeaseMessage
        {
            LeaseId = leased.LeaseId,
            Ok = false,
            Error = new ErrorInfo { Category = "business", Message = "the data is not there" },
        });

        var run = Assert.IsType<RunStateMessage>(await harness.ReplyAsync(waitId));
        Assert.Equal("failed", run.Status);
        Assert.Equal("business", run.Tasks[0].Error!.Category);
        Assert.Equal("the data is not there", run.Tasks[0].Error!.Message);
    }

    [Fact]
    public async Task A_lease_without_heartbeats_lapses_and_the_attempt_fails_as_transient()
    {
        await using var harness = await WithRemoteAgent(TimeSpan.FromMilliseconds(100));
        var waitId = harness.Send(new SubmitRunMessage { WorkflowId = "analysis", RunId = "r", Wait = true });
        var leased = Assert.Single((await harness.ExpectAsync<LeasesMessage>(new LeaseTasksMessage { AgentId = "analyst", WaitMs = 10_000 })).Leases);

        // The worker goes silent: the run ends when the lease lapses, with nothing sent by it.
        var run = Assert.IsType<RunStateMessage>(await harness.ReplyAsync(waitId));

        Assert.Equal("failed", run.Status);
        Assert.Equal("transient", run.Tasks[0].Error!.Category);
        Assert.Contains("lapsed", run.Tasks[0].Error!.Message);
        await harness.ExpectErrorAsync(new CompleteLeaseMessage { LeaseId = leased.LeaseId, Ok = true }, ErrorCode.NotFound);
    }

    [Fact]
    public async Task A_poll_with_nothing_waiting_answers_empty_at_once_or_after_its_wait()
    {
        await using var harness = await WithRemoteAgent();

        Assert.Empty((await harness.ExpectAsync<LeasesMessage>(new LeaseTasksMessage { AgentId = "analyst" })).Leases);
        Assert.Empty((await harness.ExpectAsync<LeasesMessage>(new LeaseTasksMessage { AgentId = "analyst", WaitMs = 20 })).Leases);
    }

    [Fact]
    public async Task Unknown_or_local_agents_and_bad_limits_are_refused_with_what_to_do()
    {
        await using var harness = await WithRemoteAgent();

        var unknown = await harness.ExpectErrorAsync(new LeaseTasksMessage { AgentId = "nobody" }, ErrorCode.NotFound);
        Assert.Contains("analyst", unknown.Message);
        var local = await harness.ExpectErrorAsync(new LeaseTasksMessage { AgentId = "local" }, ErrorCode.Refused);
        Assert.Contains("transport: remote", local.Message);
        await harness.ExpectErrorAsync(new LeaseTasksMessage { AgentId = "analyst", Max = -1 }, ErrorCode.InvalidRequest);
        await harness.ExpectErrorAsync(new LeaseTasksMessage { AgentId = "analyst", WaitMs = -5 }, ErrorCode.InvalidRequest);
        await harness.ExpectErrorAsync(new HeartbeatMessage { LeaseId = "analyst/none" }, ErrorCode.NotFound);
    }

    [Fact]
    public async Task A_server_without_remote_agents_says_so()
    {
        await using var harness = DispatcherHarness.Create();

        var error = await harness.ExpectErrorAsync(new LeaseTasksMessage { AgentId = "analyst" }, ErrorCode.NotFound);

        Assert.Contains("No remote agents are configured", error.Message);
    }

    [Fact]
    public async Task A_long_poll_ends_with_its_connection_and_takes_nothing_after()
    {
        await using var harness = await WithRemoteAgent();
        harness.Send(new LeaseTasksMessage { AgentId = "analyst", WaitMs = 60_000 });

        harness.Channel.Close();

        // Another connection's run and poll: the dead poll must not take the attempt.
        var other = new RecordingChannel();
        await harness.Dispatcher.DispatchAsync(new SubmitRunMessage { WorkflowId = "analysis", RunId = "r" }, 1, other);
        await harness.Dispatcher.DispatchAsync(new LeaseTasksMessage { AgentId = "analyst", WaitMs = 10_000 }, 2, other);
        var leases = Assert.IsType<LeasesMessage>((await other.WaitForAsync(static f => f.RequestId == 2, "the second poll's reply")).Message);
        Assert.Equal("r", Assert.Single(leases.Leases).RunId);
        Assert.DoesNotContain(harness.Channel.Frames, static f => f.Message is LeasesMessage);
        other.Close();
    }
}
