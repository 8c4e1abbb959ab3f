using System.Net;
using System.Net.Sockets;
using FastFlow.Server.Tests.Support;

namespace FastFlow.Server.Tests.Transport;

/// <summary>Options checked up front, binding, and stopping a server that never started.</summary>
public sealed class ServerLifecycleTests
{
    [Fact]
    public async Task A_server_without_a_token_must_say_it_accepts_anyone()
    {
        await using var engine = new FlowEngine(new FlowEngineOptions { WorkerCount = 1 });

        var error = Assert.Throws<ArgumentException>(() => new FastFlowServer(engine, new FastFlowServerOptions { Token = null }));

        Assert.Contains("AllowUnauthenticated", error.Message, StringComparison.Ordinal);
        Assert.Contains("--insecure-no-auth", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(nameof(FastFlowServerOptions.MaxConnections))]
    [InlineData(nameof(FastFlowServerOptions.MaxFrameBytes))]
    [InlineData(nameof(FastFlowServerOptions.MaxDepth))]
    [InlineData(nameof(FastFlowServerOptions.FrameTimeout))]
    public async Task A_limit_below_its_minimum_is_named(string name)
    {
        await using var engine = new FlowEngine(new FlowEngineOptions { WorkerCount = 1 });
        var options = new FastFlowServerOptions { Token = "t" };
        options = name switch
        {
            nameof(FastFlowServerOptions.MaxConnections) => options with { MaxConnections = 0 },
            nameof(FastFlowServerOptions.MaxFrameBytes) => options with { MaxFrameBytes = 3 },
            nameof(FastFlowServerOptions.MaxDepth) => options with { MaxDepth = 0 },
            _ => options with { FrameTimeout = TimeSpan.Zero },
        };

        var error = Assert.Throws<ArgumentException>(() => new FastFlowServer(engine, options));

        Assert.Contains(name, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Port_0_binds_a_free_port_and_a_taken_port_fails_to_start()
    {
        await using var first = await TestServer.StartAsync();
        Assert.NotEqual(0, first.EndPoint.Port);
        await using var engine = new FlowEngine(new FlowEngineOptions { WorkerCount = 1 });
        await using var second = new FastFlowServer(engine, first.Options with { EndPoint = new IPEndPoint(IPAddress.Loopback, first.EndPoint.Port) });

        Assert.Throws<InvalidOperationException>(() => second.LocalEndPoint);
        var error = await Assert.ThrowsAsync<SocketException>(() => second.StartAsync());

        Assert.Equal(SocketError.AddressAlreadyInUse, error.SocketErrorCode);
    }

    [Fact]
    public async Task A_server_that_never_started_stops_at_once_and_stopping_twice_is_harmless()
    {
        await using var engine = new FlowEngine(new FlowEngineOptions { WorkerCount = 1 });
        var server = new FastFlowServer(engine, new FastFlowServerOptions { Token = "t" });

        await server.StopAsync(TimeSpan.FromSeconds(5)).WaitAsync(TimeSpan.FromSeconds(5));
        await server.DisposeAsync();

        Assert.True(server.Counters.Draining);
        await Assert.ThrowsAsync<InvalidOperationException>(() => server.StartAsync());
    }
}
