using FastFlow.Protocol;
using FastFlow.Protocol.Framing;
using FastFlow.Protocol.Messages;
using FastFlow.Agents;
using FastFlow.Server.Requests;
using FastFlow.Server.Tests.Support;

namespace FastFlow.Server.Tests.Operations;

/// <summary>The operations through a real server on loopback, as a client in another language
/// would drive them: frames on a socket, replies under their request ids, pushes under the
/// subscription's.</summary>
public sealed class OperationsOverTcpTests
{
    private const string Chain = "id: chain\ntasks:\n  a: { action: noop }\n  b: { action: noop, dependencies: [a] }\n";

    [Fact]
    public async Task Submits_pipelined_in_one_write_are_all_answered_and_a_subscription_streams_a_run_to_its_end()
    {
        await using var server = await TestServer.StartAsync();
        await using var connection = await server.ConnectAuthenticatedAsync();
        await connection.SendAsync(new RegisterDefinitionMessage { Source = Chain, FileName = "chain.yaml" }, 10);
        Assert.IsType<DefinitionRegisteredMessage>((await connection.ReadFrameAsync()).Message);

        // 100 submits in one write: the server reads them all before any reply is out.
        var batch = Enumerable.Range(0, 100)
            .SelectMany(i => RawConnection.Encode(new SubmitRunMessage { WorkflowId = "chain", RunId = $"p{i}", Wait = true }, (uint)(100 + i)))
            .ToArray();
        await connection.SendRawAsync(batch);
        var replies = new Dictionary<uint, RunStateMessage>();
        while (replies.Count < 100)
        {
            var frame = await connection.ReadFrameAsync();
            replies.Add(frame.RequestId, Assert.IsType<RunStateMessage>(frame.Message));
        }

        for (var i = 0; i < 100; i++)
        {
            Assert.Equal($"p{i}", replies[(uint)(100 + i)].RunId);
            Assert.Equal("completed", replies[(uint)(100 + i)].Status);
        }

        await connection.SendAsync(new CreateRunMessage { WorkflowId = "chain", RunId = "watched" }, 300);
        Assert.Equal("pending", Assert.IsType<RunStateMessage>((await connection.ReadFrameAsync()).Message).Status);
        await connection.SendAsync(new SubscribeMessage { RunId = "watched" }, 301);
        var subscribed = await connection.ReadFrameAsync();
        Assert.Equal(301L, Assert.IsType<SubscribedMessage>(subscribed.Message).Subscription);
        await connection.SendAsync(new StartRunMessage { RunId = "watched" }, 302);

        var events = new List<string>();
        var started = false;
        while (true)
        {
            var frame = await connection.ReadFrameAsync();
            if (frame.RequestId == 302)
            {
                Assert.IsType<RunStateMessage>(frame.Message);
                started = true;
                continue;
            }

            Assert.Equal(301u, frame.RequestId);
            Assert.True((frame.Header.Flags & FrameFlags.Push) != 0, "a subscription's frames are pushes");
            if (frame.Message is SubscriptionEndedMessage ended)
            {
                Assert.Equal("run_ended", ended.Reason);
                break;
            }

            var pushed = Assert.IsType<EventMessage>(frame.Message);
            events.Add(pushed.TaskId is null ? pushed.EventType : $"{pushed.EventType} {pushed.TaskId}");
        }

        Assert.True(started);
        Assert.Equal(["workflow.started", "task.started a", "task.completed a", "task.started b", "task.completed b", "workflow.completed"], events);
    }

    [Fact]
    public async Task A_subscriber_that_does_not_read_is_dropped_as_too_slow_and_runs_keep_completing()
    {
        await using var server = await TestServer.StartAsync(o => o with { OutputPauseBytes = 16 * 1024 });
        // Each failed run raises two events carrying an 8 KB message: 600 runs are ~10 MB of
        // events, more than the socket buffers (4 MB at most here) and the output pipe can hold.
        var bulk = new string('x', 8 * 1024);
        server.Engine.RegisterHandler("bulky", _ => TaskResult.Failure(ErrorCategory.Permanent, bulk));
        await using var slow = await RawConnection.ConnectAsync(server.EndPoint, static socket => socket.ReceiveBufferSize = 4096);
        await slow.HandshakeAsync();
        await using var driver = await server.ConnectAuthenticatedAsync();
        await driver.SendAsync(new RegisterDefinitionMessage { Source = "id: bulky\ntasks:\n  a: { handler: bulky }\n" }, 2);
        Assert.IsType<DefinitionRegisteredMessage>((await driver.ReadFrameAsync()).Message);
        await slow.SendAsync(new SubscribeMessage { Buffer = 16 }, 5);
        Assert.IsType<SubscribedMessage>((await slow.ReadFrameAsync()).Message);

        // The slow connection reads nothing from here on; the driver's runs are not held up.
        for (var i = 0; i < 600; i++)
        {
            await driver.SendAsync(new SubmitRunMessage { WorkflowId = "bulky", Wait = true }, (uint)(10 + i));
            var reply = Assert.IsType<RunStateMessage>((await driver.ReadFrameAsync()).Message);
            Assert.Equal("failed", reply.Status);
        }

        var events = 0;
        SubscriptionEndedMessage? end = null;
        while (end is null)
        {
            var frame = await slow.ReadFrameAsync();
            Assert.Equal(5u, frame.RequestId);
            if (frame.Message is EventMessage)
            {
                events++;
            }
            else
            {
                end = Assert.IsType<SubscriptionEndedMessage>(frame.Message);
            }
        }

        Assert.Equal("too_slow", end.Reason);
        Assert.True(events < 1200, $"{events} of the 1200 events reached the slow subscriber; it should have been dropped well before the end");
        // The connection itself stays usable.
        await slow.SendAsync(HealthMessage.Instance, 6);
        var health = Assert.IsType<HealthReportMessage>((await slow.ReadFrameAsync()).Message);
        Assert.Equal(0, health.Subscriptions);
    }

    [Fact]
    public async Task Refused_actions_and_invalid_definitions_come_back_as_error_frames_and_the_connection_goes_on()
    {
        await using var server = await TestServer.StartAsync(o => o with { RefusedActions = new HashSet<string>(["exec"]) });
        await using var connection = await server.ConnectAuthenticatedAsync();

        await connection.SendAsync(new RegisterDefinitionMessage
        {
            Source = "id: shell\ntasks:\n  build: { action: exec, parameters: { command: [make] } }\n",
            FileName = "shell.yaml",
        }, 2);
        var refused = await connection.ExpectErrorAsync(ErrorCode.Refused, 2);
        Assert.Equal("permission", refused.Category);
        Assert.False(refused.Fatal);
        Assert.Contains("task 'build'", refused.Message);
        Assert.Contains("--allow-program", refused.Message);

        await connection.SendAsync(new RegisterDefinitionMessage { Source = "id: bad\ntasks:\n  a: { dependencies: [z] }\n  b: { action: nope }\n" }, 3);
        var invalid = await connection.ExpectErrorAsync(ErrorCode.InvalidDefinition, 3);
        Assert.Contains(invalid.Details, static d => d.Path == "tasks.a.dependencies[0]" && d.Severity == "error");
        Assert.Contains(invalid.Details, static d => d.Path == "tasks.b.action" && d.Severity == "error");

        await connection.SendAsync(new GetRunMessage { RunId = "nobody" }, 4);
        await connection.ExpectErrorAsync(ErrorCode.NotFound, 4);
        await connection.PingAsync();
    }

    [Fact]
    public async Task Health_over_the_wire_counts_connections_and_subscriptions()
    {
        await using var server = await TestServer.StartAsync(o => o with { ServerName = "fastflow/tcp-test" });
        await using var first = await server.ConnectAuthenticatedAsync();
        await using var second = await server.ConnectAuthenticatedAsync();
        await second.SendAsync(new SubscribeMessage(), 9);
        Assert.IsType<SubscribedMessage>((await second.ReadFrameAsync()).Message);

        await first.SendAsync(HealthMessage.Instance, 2);
        var health = Assert.IsType<HealthReportMessage>((await first.ReadFrameAsync()).Message);

        Assert.Equal("ok", health.Status);
        Assert.Equal("fastflow/tcp-test", health.Server);
        Assert.Equal(2, health.Connections);
        Assert.Equal(1, health.Subscriptions);
        await second.DisposeAsync();
        await server.WaitForConnectionsAsync(1);
        await first.SendAsync(HealthMessage.Instance, 3);
        var after = Assert.IsType<HealthReportMessage>((await first.ReadFrameAsync()).Message);
        Assert.Equal(1, after.Connections);
    }

    [Fact]
    public async Task A_remote_worker_on_its_own_connection_leases_the_task_and_completes_the_run()
    {
        await using var server = await TestServer.StartAsync();
        server.Engine.Registry.RegisterAgent(new AgentDescriptor("worker"), new RemoteAgentTransport("worker"));
        await using var client = await server.ConnectAuthenticatedAsync();
        await using var worker = await server.ConnectAuthenticatedAsync();
        await worker.SendAsync(new LeaseTasksMessage { AgentId = "worker", WaitMs = 10_000 }, 2);
        await client.SendAsync(new SubmitRunMessage
        {
            Source = "id: remote\ntasks:\n  ask: { action: agent_task, agent_id: worker, parameters: { q: 6 } }\n",
            Wait = true,
            RunId = "remote-1",
        }, 3);

        var leases = Assert.IsType<LeasesMessage>((await worker.ReadFrameAsync()).Message);
        var leased = Assert.Single(leases.Leases);
        Assert.Equal("remote-1/ask/1", leased.IdempotencyKey);
        await worker.SendAsync(new HeartbeatMessage { LeaseId = leased.LeaseId }, 4);
        Assert.IsType<LeaseRenewedMessage>((await worker.ReadFrameAsync()).Message);
        await worker.SendAsync(new CompleteLeaseMessage { LeaseId = leased.LeaseId, Ok = true, Output = 7L * Convert.ToInt64(leased.Parameters!["q"], System.Globalization.CultureInfo.InvariantCulture) }, 5);
        Assert.IsType<OkMessage>((await worker.ReadFrameAsync()).Message);

        var run = Assert.IsType<RunStateMessage>((await client.ReadFrameAsync()).Message);
        Assert.Equal("completed", run.Status);
        Assert.Equal(42L, run.Tasks[0].Output);
    }
}
