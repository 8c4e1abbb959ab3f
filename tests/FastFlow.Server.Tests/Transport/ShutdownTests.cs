using System.Net.Sockets;
using FastFlow.Protocol;
using FastFlow.Protocol.Messages;
using FastFlow.Server.Tests.Support;

namespace FastFlow.Server.Tests.Transport;

/// <summary>Stopping the server: no new connections, replies in flight go out within the grace,
/// then every connection gets shutting_down and is closed; the engine is left to its owner.</summary>
public sealed class ShutdownTests
{
    private const string Held = "id: held\ntasks:\n  a: { handler: hold }\n";

    [Fact]
    public async Task Stopping_lets_a_reply_in_flight_go_out_then_says_shutting_down()
    {
        await using var server = await TestServer.StartAsync();
        var started = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var release = new TaskCompletionSource<object?>(TaskCreationOptions.RunContinuationsAsynchronously);
        server.Engine.RegisterHandler("hold", _ =>
        {
            started.TrySetResult();
            return release.Task;
        });
        await using var busy = await server.ConnectAuthenticatedAsync();
        await using var idle = await server.ConnectAuthenticatedAsync();
        await busy.SendAsync(new SubmitRunMessage { Source = Held, RunId = "r1", Wait = true }, 6);
        await started.Task.WaitAsync(TimeSpan.FromSeconds(10));

        var stopping = server.Server.StopAsync(TimeSpan.FromSeconds(20));
        Assert.True(server.Counters.Draining);
        // No new connections once stopping.
        await Assert.ThrowsAnyAsync<SocketException>(async () => await RawConnection.ConnectAsync(server.EndPoint));
        Assert.False(stopping.IsCompleted);
        release.SetResult("finished");

        var reply = await busy.ReadFrameAsync();
        Assert.Equal(6u, reply.RequestId);
        Assert.Equal("completed", Assert.IsType<RunStateMessage>(reply.Message).Status);
        var error = await busy.ExpectErrorAsync(ErrorCode.ShuttingDown, requestId: 0);
        Assert.True(error.Fatal);
        await busy.ExpectClosedAsync();
        await idle.ExpectErrorAsync(ErrorCode.ShuttingDown, requestId: 0);
        await idle.ExpectClosedAsync();
        await stopping.WaitAsync(TimeSpan.FromSeconds(10));
        Assert.Equal(0, Volatile.Read(ref server.Counters.Connections));
        // The engine is not the server's: it still runs workflows.
        Assert.False(server.Engine.ActiveRuns.Any());
    }

    [Fact]
    public async Task A_request_still_in_flight_when_the_grace_ends_gets_shutting_down_instead()
    {
        await using var server = await TestServer.StartAsync();
        var started = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var release = new TaskCompletionSource<object?>(TaskCreationOptions.RunContinuationsAsynchronously);
        server.Engine.RegisterHandler("hold", _ =>
        {
            started.TrySetResult();
            return release.Task;
        });
        try
        {
            await using var busy = await server.ConnectAuthenticatedAsync();
            await busy.SendAsync(new SubmitRunMessage { Source = Held, RunId = "r2", Wait = true }, 6);
            await started.Task.WaitAsync(TimeSpan.FromSeconds(10));

            var stopping = server.Server.StopAsync(TimeSpan.FromMilliseconds(200));

            await busy.ExpectErrorAsync(ErrorCode.ShuttingDown, requestId: 0);
            await busy.ExpectClosedAsync();
            await stopping.WaitAsync(TimeSpan.FromSeconds(10));
        }
        finally
        {
            release.TrySetResult(null);
        }
    }
}
