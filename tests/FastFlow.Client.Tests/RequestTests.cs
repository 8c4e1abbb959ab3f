using CsCheck;
using FastFlow.Client.Tests.Fakes;
using FastFlow.Protocol;
using FastFlow.Protocol.Messages;

namespace FastFlow.Client.Tests;

/// <summary>Calls over one connection: typed replies, pipelining, errors, cancellation.</summary>
public sealed class RequestTests
{
    [Fact]
    public async Task Pipelined_calls_each_get_their_own_reply_when_replies_come_in_reverse_order()
    {
        await using var server = new FakeServer();
        var (client, connection) = await server.ConnectAsync();
        await using var _ = client;

        var calls = Enumerable.Range(0, 8).Select(i => client.GetRunAsync($"run-{i}")).ToArray();
        var requests = new List<(uint Id, string RunId)>();
        for (var i = 0; i < calls.Length; i++)
        {
            var (frame, request) = await connection.ReadAsync<GetRunMessage>();
            requests.Add((frame.RequestId, request.RunId));
        }

        Assert.Equal(requests.Count, requests.Select(r => r.Id).Distinct().Count());
        Assert.DoesNotContain(requests, r => r.Id == 0);
        Assert.All(calls, call => Assert.False(call.IsCompleted));
        foreach (var (id, runId) in Enumerable.Reverse(requests))
        {
            await connection.SendAsync(new RunStateMessage { RunId = runId, WorkflowId = "wf", Status = "running", Priority = "normal" }, id);
        }

        for (var i = 0; i < calls.Length; i++)
        {
            Assert.Equal($"run-{i}", (await calls[i]).RunId);
        }
    }

    [Fact]
    public async Task An_error_frame_fails_only_its_call_with_the_servers_code_and_the_connection_goes_on()
    {
        await using var server = new FakeServer();
        var (client, connection) = await server.ConnectAsync();
        await using var _ = client;

        var failing = client.GetRunAsync("missing");
        var (frame, _) = await connection.ReadAsync<GetRunMessage>();
        await connection.SendAsync(new ErrorMessage
        {
            Code = (int)ErrorCode.InvalidDefinition,
            Name = "invalid_definition",
            Category = "validation",
            Message = "The definition has 1 error.",
            Details = [new Diagnostic { Code = "FF1003", Severity = "error", Path = "tasks[0].id", Message = "A task has no id.", Line = 3, Column = 5 }],
        }, frame.RequestId);

        var error = await Assert.ThrowsAsync<FastFlowServerException>(() => failing);
        Assert.Equal(ErrorCode.InvalidDefinition, error.Code);
        Assert.Equal("invalid_definition", error.Name);
        Assert.Equal("validation", error.Category);
        Assert.Equal("The definition has 1 error.", error.Message);
        Assert.False(error.Fatal);
        var detail = Assert.Single(error.Details);
        Assert.Equal(("FF1003", 3, 5), (detail.Code, detail.Line, detail.Column));

        var ping = client.PingAsync();
        var (pingFrame, _) = await connection.ReadAsync<PingMessage>();
        await connection.SendAsync(PongMessage.Instance, pingFrame.RequestId);
        await ping;
    }

    [Fact]
    public async Task A_cancelled_call_ends_alone_and_its_late_reply_is_dropped()
    {
        await using var server = new FakeServer();
        var (client, connection) = await server.ConnectAsync();
        await using var _ = client;

        using var cancel = new CancellationTokenSource();
        var abandoned = client.WaitRunAsync("slow", cancellationToken: cancel.Token);
        var other = client.GetRunAsync("other");
        var (waitFrame, _) = await connection.ReadAsync<WaitRunMessage>();
        var (getFrame, _) = await connection.ReadAsync<GetRunMessage>();

        await cancel.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => abandoned);
        Assert.False(other.IsCompleted);

        // The late reply to the abandoned call must not complete anything else.
        await connection.SendAsync(new RunStateMessage { RunId = "slow", Status = "completed" }, waitFrame.RequestId);
        await connection.SendAsync(new RunStateMessage { RunId = "other", Status = "running" }, getFrame.RequestId);
        Assert.Equal("other", (await other).RunId);

        var ping = client.PingAsync();
        var (pingFrame, _) = await connection.ReadAsync<PingMessage>();
        await connection.SendAsync(PongMessage.Instance, pingFrame.RequestId);
        await ping;
    }

    [Fact]
    public async Task A_reply_of_the_wrong_type_fails_the_call_with_a_message_naming_both_types()
    {
        await using var server = new FakeServer();
        var (client, connection) = await server.ConnectAsync();
        await using var _ = client;

        var call = client.GetHealthAsync();
        var (frame, _) = await connection.ReadAsync<HealthMessage>();
        await connection.SendAsync(OkMessage.Instance, frame.RequestId);

        var error = await Assert.ThrowsAsync<FastFlowException>(() => call);
        Assert.Contains("health", error.Message, StringComparison.Ordinal);
        Assert.Contains("health_report", error.Message, StringComparison.Ordinal);
        Assert.Contains("ok", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_reply_whose_payload_cannot_be_read_fails_that_call_only()
    {
        await using var server = new FakeServer();
        var (client, connection) = await server.ConnectAsync();
        await using var _ = client;

        var call = client.GetRunAsync("r");
        var (frame, _) = await connection.ReadAsync<GetRunMessage>();
        // A run_state frame whose payload is the integer 7, not a map.
        var bad = new byte[] { 0, 0, 0, 8, 1, (byte)MessageType.RunState, 0, 0, 0, 0, 0, 7 };
        System.Buffers.Binary.BinaryPrimitives.WriteUInt32BigEndian(bad.AsSpan(7), frame.RequestId);
        await connection.SendBytesAsync(bad);

        var error = await Assert.ThrowsAsync<FastFlowException>(() => call);
        Assert.IsNotType<FastFlowConnectionException>(error);
        Assert.Contains("run_state", error.Message, StringComparison.Ordinal);

        var ping = client.PingAsync();
        var (pingFrame, _) = await connection.ReadAsync<PingMessage>();
        await connection.SendAsync(PongMessage.Instance, pingFrame.RequestId);
        await ping;
    }

    [Fact]
    public async Task Typed_calls_send_the_fields_they_are_given()
    {
        await using var server = new FakeServer();
        var (client, connection) = await server.ConnectAsync();
        await using var _ = client;

        var cancel = client.CancelRunAsync("r1", force: true);
        var (cancelFrame, cancelRequest) = await connection.ReadAsync<CancelRunMessage>();
        Assert.Equal(("r1", true), (cancelRequest.RunId, cancelRequest.Force));
        await connection.SendAsync(new RunStateMessage { RunId = "r1", Status = "cancelled" }, cancelFrame.RequestId);
        Assert.Equal("cancelled", (await cancel).Status);

        var rollback = client.RollbackRunAsync("r1", 42);
        var (rollbackFrame, rollbackRequest) = await connection.ReadAsync<RollbackRunMessage>();
        Assert.Equal(42, rollbackRequest.Checkpoint);
        await connection.SendAsync(new RunStateMessage { RunId = "r1", Status = "paused" }, rollbackFrame.RequestId);
        await rollback;

        var wait = client.WaitRunAsync("r1", TimeSpan.FromSeconds(1.5));
        var (waitFrame, waitRequest) = await connection.ReadAsync<WaitRunMessage>();
        Assert.Equal(1500, waitRequest.TimeoutMs);
        await connection.SendErrorAsync(waitFrame.RequestId, ErrorCode.WaitTimeout, "r1 did not end within 1500 ms");
        Assert.Equal(ErrorCode.WaitTimeout, (await Assert.ThrowsAsync<FastFlowServerException>(() => wait)).Code);

        var list = client.ListRunsAsync("failed", "wf", 5);
        var (listFrame, listRequest) = await connection.ReadAsync<ListRunsMessage>();
        Assert.Equal(("failed", "wf", 5), (listRequest.Status, listRequest.WorkflowId, listRequest.Limit));
        await connection.SendAsync(new RunListMessage { Runs = [new RunSummary { RunId = "a" }, new RunSummary { RunId = "b" }] }, listFrame.RequestId);
        Assert.Equal(["a", "b"], (await list).Select(r => r.RunId));

        var lease = client.LeaseTasksAsync("agent-1", 3, TimeSpan.FromMilliseconds(250));
        var (leaseFrame, leaseRequest) = await connection.ReadAsync<LeaseTasksMessage>();
        Assert.Equal(("agent-1", 3, 250L), (leaseRequest.AgentId, leaseRequest.Max, leaseRequest.WaitMs));
        await connection.SendAsync(new LeasesMessage { Leases = [new LeasedTask { LeaseId = "l1", TaskId = "t" }] }, leaseFrame.RequestId);
        Assert.Equal("l1", Assert.Single(await lease).LeaseId);

        var expires = DateTimeOffset.FromUnixTimeMilliseconds(1_800_000_000_000);
        var heartbeat = client.HeartbeatAsync("l1");
        var (heartbeatFrame, _) = await connection.ReadAsync<HeartbeatMessage>();
        await connection.SendAsync(new LeaseRenewedMessage { LeaseId = "l1", ExpiresAt = expires }, heartbeatFrame.RequestId);
        Assert.Equal(expires, await heartbeat);

        var complete = client.CompleteLeaseAsync("l1", ok: true, output: new Dictionary<string, object?> { ["n"] = 3L });
        var (completeFrame, completeRequest) = await connection.ReadAsync<CompleteLeaseMessage>();
        Assert.True(completeRequest.Ok);
        Assert.Equal(3L, Assert.IsAssignableFrom<IReadOnlyDictionary<string, object?>>(completeRequest.Output)["n"]);
        await connection.SendAsync(OkMessage.Instance, completeFrame.RequestId);
        await complete;
    }

    [Fact]
    public async Task Bad_arguments_are_refused_before_anything_is_sent()
    {
        await using var server = new FakeServer();
        var (client, connection) = await server.ConnectAsync();
        await using var _ = client;

        var empty = await Assert.ThrowsAsync<ArgumentException>(() => client.GetRunAsync(""));
        Assert.Equal("runId", empty.ParamName);
        await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() => client.ListRunsAsync(limit: -1));
        await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() => client.WaitRunAsync("r", TimeSpan.FromSeconds(-1)));
        await Assert.ThrowsAsync<ArgumentException>(() => client.SendAsync(PongMessage.Instance));
        await Assert.ThrowsAsync<ArgumentException>(() => client.SendAsync(new HelloMessage { Protocol = 1 }));

        // The first frame after them is the ping: none of the refused calls reached the wire.
        var ping = client.PingAsync();
        var (pingFrame, _) = await connection.ReadAsync<PingMessage>();
        await connection.SendAsync(PongMessage.Instance, pingFrame.RequestId);
        await ping;
    }

    [Fact]
    public async Task A_request_over_the_servers_frame_limit_is_refused_locally_and_the_connection_goes_on()
    {
        await using var server = new FakeServer();
        var (client, connection) = await server.ConnectAsync(maxFrame: 200);
        await using var _ = client;

        var source = "id: big\ntasks:\n" + string.Concat(Enumerable.Range(0, 20).Select(i => $"  t{i}: {{ action: noop }}\n"));
        var error = await Assert.ThrowsAsync<FastFlowException>(() => client.RegisterDefinitionAsync(source));
        Assert.IsNotType<FastFlowConnectionException>(error);
        Assert.Contains("register_definition", error.Message, StringComparison.Ordinal);
        Assert.Contains("max_frame 200", error.Message, StringComparison.Ordinal);

        // A request at the limit still goes, and it is the next frame the server sees.
        var small = client.GetRunAsync("r");
        var (frame, request) = await connection.ReadAsync<GetRunMessage>();
        Assert.Equal("r", request.RunId);
        await connection.SendAsync(new RunStateMessage { RunId = "r" }, frame.RequestId);
        await small;
    }

    [Fact]
    public async Task Replies_in_any_order_with_errors_mixed_in_reach_their_own_calls()
    {
        // One client and connection for every sample: the property is that the table of pending
        // calls never mixes them up, whatever the order and kind of the replies.
        await using var server = new FakeServer();
        var (client, connection) = await server.ConnectAsync();
        await using var _ = client;

        var cases = Gen.Int[1, 24].SelectMany(count => Gen.Select(Gen.Int.Array[count], Gen.Bool.Array[count]));
        await cases.SampleAsync((order, fail) => RunCase(client, connection, order, fail), iter: 60, threads: 1);
    }

    private static async Task RunCase(FastFlowClient client, FakeConnection connection, int[] order, bool[] fail)
    {
        var calls = Enumerable.Range(0, order.Length).Select(i => client.GetRunAsync($"run-{i}")).ToArray();
        var received = new List<(uint Id, string RunId)>();
        for (var i = 0; i < calls.Length; i++)
        {
            var (frame, request) = await connection.ReadAsync<GetRunMessage>();
            received.Add((frame.RequestId, request.RunId));
        }

        // Reply in the order the generated keys sort the requests.
        foreach (var (id, runId) in received.Select((r, i) => (r, key: order[i])).OrderBy(x => x.key).Select(x => x.r))
        {
            var index = int.Parse(runId["run-".Length..], System.Globalization.CultureInfo.InvariantCulture);
            if (fail[index])
            {
                await connection.SendErrorAsync(id, ErrorCode.NotFound, $"No run has id '{runId}'");
            }
            else
            {
                await connection.SendAsync(new RunStateMessage { RunId = runId, Status = "running" }, id);
            }
        }

        for (var i = 0; i < calls.Length; i++)
        {
            if (fail[i])
            {
                var error = await Assert.ThrowsAsync<FastFlowServerException>(() => calls[i]);
                Assert.Contains($"'run-{i}'", error.Message, StringComparison.Ordinal);
            }
            else
            {
                Assert.Equal($"run-{i}", (await calls[i]).RunId);
            }
        }
    }

    [Fact]
    public async Task A_compressed_reply_is_inflated()
    {
        await using var server = new FakeServer();
        var (client, connection) = await server.ConnectAsync();
        await using var _ = client;

        var list = client.ListRunsAsync();
        var (frame, _) = await connection.ReadAsync<ListRunsMessage>();
        var runs = Enumerable.Range(0, 500).Select(i => new RunSummary { RunId = $"run-{i:D4}", WorkflowId = "wf", Status = "completed", Priority = "normal" }).ToList();
        var buffer = new System.Buffers.ArrayBufferWriter<byte>();
        new FastFlow.Protocol.Framing.FrameWriter(compressAbove: 64).Write(buffer, new RunListMessage { Runs = runs }, frame.RequestId);
        Assert.Equal((byte)FastFlow.Protocol.Framing.FrameFlags.Compressed, buffer.WrittenSpan[6]);
        await connection.SendBytesAsync(buffer.WrittenMemory);

        Assert.Equal(runs.Select(r => r.RunId), (await list).Select(r => r.RunId));
    }

    [Fact]
    public async Task A_push_for_no_open_subscription_is_ignored()
    {
        await using var server = new FakeServer();
        var (client, connection) = await server.ConnectAsync();
        await using var _ = client;

        await connection.SendAsync(new EventMessage { Subscription = 99, EventType = "task.started", RunId = "r", WorkflowId = "wf" }, 99, FastFlow.Protocol.Framing.FrameFlags.Push);
        var ping = client.PingAsync();
        var (frame, _) = await connection.ReadAsync<PingMessage>();
        await connection.SendAsync(PongMessage.Instance, frame.RequestId);
        await ping;
    }
}
