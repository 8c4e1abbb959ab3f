using System.Buffers;
using System.Buffers.Binary;
using FastFlow.Client.Tests.Fakes;
using FastFlow.Protocol;
using FastFlow.Protocol.Framing;
using FastFlow.Protocol.Messages;
using FastFlow.Protocol.Payloads;
using FastFlow.Protocol.Tests.Vectors;

namespace FastFlow.Client.Tests;

/// <summary>The shared frames of docs/protocol-vectors.json through the client as users call it:
/// each client vector is what the client's own call puts on the wire, byte for byte, and each
/// server vector, sent by a server, is what the client returns.</summary>
public sealed class ProtocolVectorTests
{
    public static TheoryData<string> ClientVectors() => Names(v => v.Direction == "client" && v.IsValid && (v.Flags & (byte)FrameFlags.Compressed) == 0);

    public static TheoryData<string> ReplyVectors() => Names(v => v.Direction == "server" && v.IsValid && (v.Flags & (byte)FrameFlags.Push) == 0);

    private static TheoryData<string> Names(Func<ProtocolVectors.Vector, bool> filter)
    {
        var data = new TheoryData<string>();
        foreach (var vector in ProtocolVectors.Load().Where(filter))
        {
            data.Add(vector.Name);
        }

        return data;
    }

    [Fact]
    public void The_vectors_file_has_frames_in_both_directions()
    {
        Assert.NotEmpty(ClientVectors());
        Assert.NotEmpty(ReplyVectors());
        Assert.Contains(ProtocolVectors.Load(), v => v.Direction == "server" && (v.Flags & (byte)FrameFlags.Push) != 0);
    }

    [Theory]
    [MemberData(nameof(ClientVectors))]
    public async Task The_client_writes_each_client_vector_byte_for_byte(string name)
    {
        var vector = ProtocolVectors.Get(name);
        var message = Decode(vector);
        await using var server = new FakeServer();

        if (message is HelloMessage hello)
        {
            var options = server.Options() with { Token = hello.Token, ClientName = hello.Client ?? "" };
            var connecting = FastFlowClient.ConnectAsync(options);
            var connection = await server.AcceptAsync();
            var frame = await connection.ReadFrameAsync();
            Assert.Equal(WithRequestId(vector.Bytes, frame.RequestId), frame.Bytes);
            await connection.DisposeAsync();
            await Assert.ThrowsAsync<FastFlowConnectionException>(() => connecting);
            return;
        }

        var (client, fake) = await server.ConnectAsync();
        var call = Call(client, message);
        var sent = await fake.ReadFrameAsync();
        Assert.Equal(Convert.ToHexString(WithRequestId(vector.Bytes, sent.RequestId)), Convert.ToHexString(sent.Bytes));
        await client.DisposeAsync();
        await Assert.ThrowsAsync<FastFlowConnectionException>(() => call);
    }

    [Theory]
    [MemberData(nameof(ReplyVectors))]
    public async Task The_client_returns_each_server_reply_vector_as_sent(string name)
    {
        var vector = ProtocolVectors.Get(name);
        var message = Decode(vector);
        await using var server = new FakeServer();

        if (message is WelcomeMessage || (message is ErrorMessage { Code: (int)ErrorCode.BadToken }))
        {
            var connecting = FastFlowClient.ConnectAsync(server.Options());
            var connection = await server.AcceptAsync();
            var hello = await connection.ReadFrameAsync();
            await connection.SendBytesAsync(WithRequestId(vector.Bytes, hello.RequestId));
            if (message is WelcomeMessage)
            {
                await using var client = await connecting;
                Assert.Equal(Payload(vector.Bytes), Encode(client.Welcome));
            }
            else
            {
                var refused = await Assert.ThrowsAsync<FastFlowConnectionException>(() => connecting);
                Assert.Equal(ErrorCode.BadToken, refused.Code);
                Assert.Contains(((ErrorMessage)message).Message.TrimEnd('.'), refused.Message, StringComparison.Ordinal);
            }

            return;
        }

        var (user, fake) = await server.ConnectAsync(reconnect: false);
        await using var _ = user;
        var call = user.SendAsync(PingMessage.Instance);
        var request = await fake.ReadFrameAsync();
        var replyId = vector.RequestId == 0 ? 0 : request.RequestId;
        await fake.SendBytesAsync(WithRequestId(vector.Bytes, replyId));

        if (message is not ErrorMessage error)
        {
            var reply = await call;
            Assert.Equal(message.Type, reply.Type);
            Assert.Equal(Convert.ToHexString(Payload(vector.Bytes)), Convert.ToHexString(Encode(reply)));
        }
        else if (vector.RequestId == 0 || error.Fatal)
        {
            var closed = await Assert.ThrowsAsync<FastFlowConnectionException>(() => call);
            Assert.Equal((ErrorCode)error.Code, closed.Code);
            Assert.Contains(error.Message.TrimEnd('.'), closed.Message, StringComparison.Ordinal);
        }
        else
        {
            var refused = await Assert.ThrowsAsync<FastFlowServerException>(() => call);
            Assert.Equal((ErrorCode)error.Code, refused.Code);
            Assert.Equal((error.Name, error.Category, error.Message, error.Fatal), (refused.Name, refused.Category, refused.Message, refused.Fatal));
            Assert.Equal(error.Details.Select(d => (d.Code, d.Path, d.Line)), refused.Details.Select(d => (d.Code, d.Path, d.Line)));
        }
    }

    [Fact]
    public async Task The_client_routes_each_pushed_vector_to_its_subscription()
    {
        var pushes = ProtocolVectors.Load().Where(v => v.Direction == "server" && v.IsValid && (v.Flags & (byte)FrameFlags.Push) != 0).ToList();
        var events = pushes.Where(v => v.Type == "event").ToList();
        var end = pushes.First(v => v.Type == "subscription_ended");
        Assert.NotEmpty(events);

        await using var server = new FakeServer();
        var (client, fake) = await server.ConnectAsync();
        await using var _ = client;
        var subscribing = client.SubscribeAsync("r1");
        var (frame, _) = await fake.ReadAsync<SubscribeMessage>();
        var subscribed = ProtocolVectors.Load().First(v => v.Type == "subscribed");
        await fake.SendBytesAsync(WithRequestId(subscribed.Bytes, frame.RequestId));
        var subscription = await subscribing;

        foreach (var push in events.Append(end))
        {
            await fake.SendBytesAsync(WithRequestId(push.Bytes, frame.RequestId));
        }

        var received = new List<string>();
        await foreach (var item in subscription.ReadAllAsync())
        {
            received.Add(Convert.ToHexString(Encode(item)));
        }

        Assert.Equal(events.Select(v => Convert.ToHexString(Payload(v.Bytes))), received);
        Assert.Equal(Convert.ToHexString(Payload(end.Bytes)), Convert.ToHexString(Encode(subscription.Ended!)));
    }

    /// <summary>The call a user makes to send <paramref name="message"/>, through the typed API.</summary>
    private static Task Call(FastFlowClient client, Message message) => message switch
    {
        PingMessage => client.PingAsync(),
        RegisterDefinitionMessage m => client.RegisterDefinitionAsync(m.Source, m.FileName),
        CreateRunMessage m => client.CreateRunAsync(m),
        StartRunMessage m => client.StartRunAsync(m.RunId),
        SubmitRunMessage m => client.SubmitRunAsync(m),
        GetRunMessage m => client.GetRunAsync(m.RunId),
        ListRunsMessage m => client.ListRunsAsync(m.Status, m.WorkflowId, m.Limit),
        WaitRunMessage m => client.WaitRunAsync(m.RunId, m.TimeoutMs is { } ms ? TimeSpan.FromMilliseconds(ms) : null),
        PauseRunMessage m => client.PauseRunAsync(m.RunId),
        ResumeRunMessage m => client.ResumeRunAsync(m.RunId),
        CancelRunMessage m => client.CancelRunAsync(m.RunId, m.Force),
        RollbackRunMessage m => client.RollbackRunAsync(m.RunId, m.Checkpoint),
        GetHistoryMessage m => client.GetHistoryAsync(m.RunId),
        HealthMessage => client.GetHealthAsync(),
        SubscribeMessage m => client.SubscribeAsync(m.RunId, m.Buffer),
        UnsubscribeMessage m => client.SendAsync(m),
        LeaseTasksMessage m => client.LeaseTasksAsync(m.AgentId, m.Max, m.WaitMs > 0 ? TimeSpan.FromMilliseconds(m.WaitMs) : null),
        HeartbeatMessage m => client.HeartbeatAsync(m.LeaseId),
        CompleteLeaseMessage m => client.CompleteLeaseAsync(m.LeaseId, m.Ok, m.Output, m.Error),
        _ => throw new InvalidOperationException($"No client call sends {message}; add it here."),
    };

    private static Message Decode(ProtocolVectors.Vector vector)
    {
        var bytes = vector.Bytes;
        var header = FrameHeader.Read(bytes);
        return MessageCodec.Decode(new Frame(header, new ReadOnlySequence<byte>(bytes, FrameHeader.Size, bytes.Length - FrameHeader.Size)), DecodeLimits.Default);
    }

    private static byte[] WithRequestId(byte[] frame, uint requestId)
    {
        var copy = (byte[])frame.Clone();
        BinaryPrimitives.WriteUInt32BigEndian(copy.AsSpan(7), requestId);
        return copy;
    }

    private static byte[] Payload(byte[] frame) => frame[FrameHeader.Size..];

    private static byte[] Encode(Message message)
    {
        var buffer = new ArrayBufferWriter<byte>();
        new FrameWriter().Write(buffer, message, 0);
        return buffer.WrittenSpan[FrameHeader.Size..].ToArray();
    }
}
