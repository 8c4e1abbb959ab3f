using FastFlow.Protocol;
using FastFlow.Protocol.Messages;
using FastFlow.Server.Tests.Support;

namespace FastFlow.Server.Tests.Transport;

/// <summary>Requests are pipelined: the connection does not wait for one request's reply before
/// taking the next, and replies carry their request's id in whatever order they are ready.</summary>
public sealed class MultiplexingTests
{
    [Fact]
    public async Task A_later_request_is_answered_while_an_earlier_one_waits_and_ids_in_flight_are_unique()
    {
        await using var server = await TestServer.StartAsync();
        var release = new TaskCompletionSource<object?>(TaskCreationOptions.RunContinuationsAsynchronously);
        server.Engine.RegisterHandler("hold", _ => release.Task);
        try
        {
            await using var client = await server.ConnectAuthenticatedAsync();
            var submit = RawConnection.Encode(new SubmitRunMessage { Source = "id: held\ntasks:\n  a: { handler: hold }\n", RunId = "m1", Wait = true }, 1);
            var ping = RawConnection.Encode(PingMessage.Instance, 2);
            var duplicate = RawConnection.Encode(new GetRunMessage { RunId = "m1" }, 1);

            await client.SendRawAsync(submit.Concat(ping).Concat(duplicate).ToArray());

            var first = await client.ReadFrameAsync();
            Assert.Equal(2u, first.RequestId);
            Assert.IsType<PongMessage>(first.Message);
            var error = await client.ExpectErrorAsync(ErrorCode.DuplicateRequest, requestId: 1);
            Assert.False(error.Fatal);
            release.SetResult("done");
            var last = await client.ReadFrameAsync();
            Assert.Equal(1u, last.RequestId);
            Assert.Equal("completed", Assert.IsType<RunStateMessage>(last.Message).Status);
            // The id is free again once its reply went out.
            await client.SendAsync(new GetRunMessage { RunId = "m1" }, 1);
            var again = await client.ReadFrameAsync();
            Assert.Equal(1u, again.RequestId);
            Assert.IsType<RunStateMessage>(again.Message);
        }
        finally
        {
            release.TrySetResult(null);
        }
    }
}
