using System.Net.Sockets;
using FastFlow.Protocol.Messages;
using FastFlow.Server.Tests.Support;

namespace FastFlow.Server.Tests.Transport;

/// <summary>Runs alone: it measures the whole process's allocations.</summary>
[CollectionDefinition(nameof(AllocationTests), DisableParallelization = true)]
public sealed class AllocationTestsCollection;

/// <summary>A warm connection answers pings without allocating.</summary>
[Collection(nameof(AllocationTests))]
public sealed class AllocationTests
{
    [Fact]
    public async Task Pings_on_a_warm_connection_allocate_next_to_nothing()
    {
        await using var server = await TestServer.StartAsync();
        await using var client = await server.ConnectAuthenticatedAsync();
        const int pings = 20_000;
        var batch = Enumerable.Range(0, pings).SelectMany(id => RawConnection.Encode(PingMessage.Instance, (uint)id)).ToArray();
        var receive = new byte[pings * 11];

        async Task RoundAsync()
        {
            await client.SendRawAsync(batch);
            var received = 0;
            while (received < receive.Length)
            {
                var n = await client.Socket.ReceiveAsync(receive.AsMemory(received), SocketFlags.None);
                Assert.True(n > 0, "The server closed the connection.");
                received += n;
            }
        }

        await RoundAsync();
        var before = GC.GetTotalAllocatedBytes(precise: true);
        await RoundAsync();
        var allocated = GC.GetTotalAllocatedBytes(precise: true) - before;

        // The test's own awaits and socket operations allocate a little; a per-ping allocation on
        // the server would be at least 24 bytes per ping (480 KB).
        Assert.True(allocated < pings * 4, $"{pings} pings allocated {allocated} bytes ({(double)allocated / pings:0.0} per ping).");
    }

    [Fact]
    public async Task One_ping_round_trip_at_a_time_allocates_next_to_nothing()
    {
        await using var server = await TestServer.StartAsync();
        await using var client = await server.ConnectAuthenticatedAsync();
        const int pings = 2_000;
        var ping = RawConnection.Encode(PingMessage.Instance, 1);
        var pong = new byte[11];

        async Task RoundsAsync()
        {
            for (var i = 0; i < pings; i++)
            {
                await client.Socket.SendAsync(ping.AsMemory(), SocketFlags.None);
                var received = 0;
                while (received < pong.Length)
                {
                    var n = await client.Socket.ReceiveAsync(pong.AsMemory(received), SocketFlags.None);
                    Assert.True(n > 0, "The server closed the connection.");
                    received += n;
                }
            }
        }

        await RoundsAsync();
        // The whole process is measured, so a one-off allocation elsewhere (a thread-pool thread
        // starting, a timer) can land in a round; a per-reply allocation lands in every round, so
        // the quietest of three rounds is the one that says.
        var allocated = long.MaxValue;
        for (var round = 0; round < 3; round++)
        {
            var before = GC.GetTotalAllocatedBytes(precise: true);
            await RoundsAsync();
            allocated = Math.Min(allocated, GC.GetTotalAllocatedBytes(precise: true) - before);
        }

        // A work item or task per reply would be 24 bytes or more per ping.
        Assert.True(allocated < pings * 4, $"{pings} pings allocated {allocated} bytes ({(double)allocated / pings:0.0} per ping).");
    }
}
