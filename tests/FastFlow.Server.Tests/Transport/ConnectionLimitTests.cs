using FastFlow.Protocol;
using FastFlow.Server.Tests.Support;

namespace FastFlow.Server.Tests.Transport;

/// <summary>Connections over the configured maximum are refused with an error frame; the
/// server keeps serving the rest.</summary>
public sealed class ConnectionLimitTests
{
    [Fact]
    public async Task A_connection_over_the_maximum_is_refused_and_the_others_are_still_served()
    {
        await using var server = await TestServer.StartAsync(options => options with { MaxConnections = 3 });
        var open = new List<RawConnection>();
        try
        {
            for (var i = 0; i < 3; i++)
            {
                // Idle connections count: only the first two say hello.
                open.Add(i < 2 ? await server.ConnectAuthenticatedAsync() : await server.ConnectAsync());
            }

            await using var refused = await server.ConnectAsync();

            var error = await refused.ExpectErrorAsync(ErrorCode.TooManyConnections, requestId: 0);
            Assert.True(error.Fatal);
            Assert.Equal("capacity", error.Category);
            Assert.Contains("3", error.Message, StringComparison.Ordinal);
            Assert.Contains("MaxConnections", error.Message, StringComparison.Ordinal);
            await refused.ExpectClosedAsync();
            await open[0].PingAsync(1);
            await open[1].PingAsync(2);
            await open[2].HandshakeAsync();
            Assert.Equal(3, Volatile.Read(ref server.Counters.Connections));

            // A place freed is a place taken again.
            await open[0].DisposeAsync();
            await server.WaitForConnectionsAsync(2);
            await using var again = await server.ConnectAuthenticatedAsync();
            await again.PingAsync();
        }
        finally
        {
            foreach (var connection in open)
            {
                await connection.DisposeAsync();
            }
        }
    }
}
