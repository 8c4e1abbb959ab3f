using System.Net;
using System.Security.Cryptography;
using FastFlow.Server;
using FastFlow.Storage.Stores;
using FastFlow.Storage.Stores.Faster;

namespace FastFlow.LoadGen;

/// <summary>An engine and a server on a loopback port in this process, with a store in a
/// temporary directory for the durable modes; removed on dispose.</summary>
internal sealed class InProcessServer : IAsyncDisposable
{
    private readonly FlowEngine _engine;
    private readonly FastFlowServer _server;
    private readonly IStateStore? _store;
    private readonly string? _directory;

    private InProcessServer(FlowEngine engine, FastFlowServer server, IStateStore? store, string? directory, string token)
    {
        _engine = engine;
        _server = server;
        _store = store;
        _directory = directory;
        Token = token;
    }

    /// <summary>The server's address.</summary>
    public IPEndPoint EndPoint => _server.LocalEndPoint;

    /// <summary>The token clients must send.</summary>
    public string Token { get; }

    /// <summary>Starts an engine with the <paramref name="durability"/> store and a server for it.</summary>
    public static async Task<InProcessServer> StartAsync(string durability, int maxConnections)
    {
        string? directory = null;
        IStateStore? store = null;
        if (durability != "none")
        {
            directory = Path.Combine(Path.GetTempPath(), "fastflow-loadgen-" + Guid.NewGuid().ToString("N"));
            store = FasterStateStore.Open(directory, new StateStoreOptions
            {
                Durability = durability == "immediate" ? StoreDurability.Immediate : StoreDurability.Batched,
            });
        }

        var engine = new FlowEngine(new FlowEngineOptions
        {
            Store = store,
            MaxActiveRuns = 1_000_000,
            MaxQueuedRuns = 1_000_000,
            RetainFinishedRuns = 1_024,
            RetainCompletedRuns = store is null ? null : 10_000,
        });
        var token = Convert.ToBase64String(RandomNumberGenerator.GetBytes(24));
        var server = new FastFlowServer(engine, new FastFlowServerOptions
        {
            EndPoint = new IPEndPoint(IPAddress.Loopback, 0),
            Token = token,
            MaxConnections = maxConnections + 8,
            Durability = durability,
        });
        await server.StartAsync().ConfigureAwait(false);
        return new InProcessServer(engine, server, store, directory, token);
    }

    /// <inheritdoc/>
    public async ValueTask DisposeAsync()
    {
        await _server.StopAsync(TimeSpan.FromSeconds(2)).ConfigureAwait(false);
        await _engine.DisposeAsync().ConfigureAwait(false);
        if (_store is not null)
        {
            await _store.DisposeAsync().ConfigureAwait(false);
        }
        if (_directory is not null)
        {
            try
            {
                Directory.Delete(_directory, recursive: true);
            }
            catch (IOException)
            {
                // A temporary directory left behind is harmless.
            }
        }
    }
}
