using FastFlow.Client.Tests.Fakes;
using FastFlow.Protocol.Messages;

namespace FastFlow.Client.Tests;

/// <summary>Many callers at once, some cancelling: writers share flushes, so a frame left for a
/// writer that then gave up must still reach the server.</summary>
public sealed class PipeliningStressTests
{
    [Fact]
    public async Task Concurrent_calls_with_cancellations_mixed_in_all_end_and_none_is_left_unsent()
    {
        await using var server = new FakeServer();
        var (client, connection) = await server.ConnectAsync();
        await using var _ = client;
        using var stop = new CancellationTokenSource();
        var answering = AnswerEveryGetRunAsync(connection, stop.Token);

        var calls = Enumerable.Range(0, 600).Select(async i =>
        {
            await Task.Yield();
            using var cancel = new CancellationTokenSource();
            if (i % 3 == 0)
            {
                cancel.CancelAfter(TimeSpan.FromTicks(i * 7919 % 20_000));
            }

            try
            {
                var run = await client.GetRunAsync($"run-{i}", cancel.Token);
                Assert.Equal($"run-{i}", run.RunId);
                return true;
            }
            catch (OperationCanceledException) when (i % 3 == 0)
            {
                return false;
            }
        }).ToArray();

        var completed = await Task.WhenAll(calls).WaitAsync(TimeSpan.FromSeconds(20));
        Assert.True(completed.Count(c => c) >= 400, "every call that was not cancelled got its reply");

        // Still in order afterwards: one more call goes straight through.
        Assert.Equal("last", (await client.GetRunAsync("last").WaitAsync(TimeSpan.FromSeconds(10))).RunId);
        await stop.CancelAsync();
        await connection.DisposeAsync();
        await answering;
    }

    private static async Task AnswerEveryGetRunAsync(FakeConnection connection, CancellationToken stop)
    {
        try
        {
            while (!stop.IsCancellationRequested)
            {
                var (frame, request) = await connection.ReadAsync<GetRunMessage>();
                await connection.SendAsync(new RunStateMessage { RunId = request.RunId, Status = "running" }, frame.RequestId);
            }
        }
        catch (Exception exception) when (exception is IOException or OperationCanceledException or ObjectDisposedException)
        {
            // The test closed the connection.
        }
    }

    [Fact]
    public async Task A_call_cancelled_behind_a_backed_up_connection_ends_at_once_and_the_connection_recovers()
    {
        await using var server = new FakeServer();
        var (client, connection) = await server.ConnectAsync(maxFrame: 64 * 1024 * 1024);
        await using var _ = client;

        // The server does not read: 16 MiB cannot all fit in the socket buffers, so this send blocks.
        var source = new string('#', 16 * 1024 * 1024);
        var big = client.RegisterDefinitionAsync(source);
        using var cancel = new CancellationTokenSource();
        var queued = client.GetRunAsync("queued", cancel.Token);
        await cancel.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => queued.WaitAsync(TimeSpan.FromSeconds(10)));
        Assert.False(big.IsCompleted);

        var (bigFrame, register) = await connection.ReadAsync<RegisterDefinitionMessage>();
        Assert.Equal(source.Length, register.Source.Length);
        await connection.SendAsync(new DefinitionRegisteredMessage { WorkflowId = "big" }, bigFrame.RequestId);
        Assert.Equal("big", (await big).WorkflowId);

        // The abandoned call's frame went out whole (the stream is intact); its reply is dropped.
        var (queuedFrame, _) = await connection.ReadAsync<GetRunMessage>();
        await connection.SendAsync(new RunStateMessage { RunId = "queued" }, queuedFrame.RequestId);
        var ping = client.PingAsync();
        var (pingFrame, _) = await connection.ReadAsync<PingMessage>();
        await connection.SendAsync(PongMessage.Instance, pingFrame.RequestId);
        await ping;
    }
}
