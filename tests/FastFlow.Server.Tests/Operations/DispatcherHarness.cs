using FastFlow.Definitions;
using FastFlow.Definitions.Loading;
using FastFlow.Protocol;
using FastFlow.Protocol.Messages;
using FastFlow.Server.Requests;
using FastFlow.Storage.Stores;
using FastFlow.Storage.Stores.Faster;
using Microsoft.Extensions.Logging.Abstractions;

namespace FastFlow.Server.Tests.Operations;

/// <summary>An engine, the request dispatcher over it and one connection: requests go in as the
/// connection loop hands them over, replies and pushes are read back from the channel.</summary>
internal sealed class DispatcherHarness : IAsyncDisposable
{
    private uint _nextId;
    private IStateStore? _store;
    private string? _directory;

    private DispatcherHarness(FlowEngine engine, FastFlowServerOptions options)
    {
        Engine = engine;
        Counters = new ServerCounters { StartedAt = DateTimeOffset.UtcNow };
        Dispatcher = new RequestDispatcher(engine, options, Counters, NullLogger.Instance);
        Channel = new RecordingChannel();
    }

    public FlowEngine Engine { get; }

    public ServerCounters Counters { get; }

    public RequestDispatcher Dispatcher { get; }

    public RecordingChannel Channel { get; }

    /// <summary>An in-memory engine, or a durable one over an in-memory store.</summary>
    public static DispatcherHarness Create(bool durable = false, Action<FlowEngineOptions>? engine = null, FastFlowServerOptions? server = null) =>
        Create(durable ? StoreKind.InMemory : StoreKind.None, engine, server);

    /// <summary>An engine over a store of <paramref name="kind"/> (a FASTER store in a fresh temporary directory).</summary>
    public static DispatcherHarness Create(StoreKind kind, Action<FlowEngineOptions>? engine = null, FastFlowServerOptions? server = null)
    {
        var options = new FlowEngineOptions { WorkerCount = 2 };
        string? directory = null;
        options.Store = kind switch
        {
            StoreKind.InMemory => new InMemoryStateStore(),
            StoreKind.Faster => FasterStateStore.Open(directory = Directory.CreateTempSubdirectory("fastflow-server-tests-").FullName, new StateStoreOptions
            {
                Durability = StoreDurability.Batched,
                PageSizeBytes = 64 * 1024,
                StateMemoryBytes = 1024 * 1024,
                LogMemoryBytes = 256 * 1024,
                SegmentSizeBytes = 256 * 1024,
                IndexSizeBytes = 64 * 1024,
                CheckpointLogBytes = 1024 * 1024,
                CompactionMinimumBytes = 256 * 1024,
            }),
            _ => null,
        };
        engine?.Invoke(options);
        return new DispatcherHarness(new FlowEngine(options), server ?? new FastFlowServerOptions()) { _store = options.Store, _directory = directory };
    }

    /// <summary>Sends a request and returns its reply (not a push).</summary>
    public async Task<Message> RequestAsync(Message request)
    {
        var id = Send(request);
        return await ReplyAsync(id);
    }

    /// <summary>Sends a request and returns its id, without waiting for the reply.</summary>
    public uint Send(Message request)
    {
        var id = Interlocked.Increment(ref _nextId);
        var dispatched = Dispatcher.DispatchAsync(request, id, Channel);
        Assert.True(dispatched.IsCompleted, $"{request} kept the connection loop waiting; it must reply later through the channel instead.");
        dispatched.AsTask().GetAwaiter().GetResult();
        return id;
    }

    /// <summary>The reply to request <paramref name="id"/>.</summary>
    public async Task<Message> ReplyAsync(uint id) =>
        (await Channel.WaitForAsync(f => f.RequestId == id && !f.IsPush, $"the reply to request {id}")).Message;

    /// <summary>A request whose reply must be of type <typeparamref name="T"/>.</summary>
    public async Task<T> ExpectAsync<T>(Message request) where T : Message
    {
        var reply = await RequestAsync(request);
        return reply as T ?? throw new Xunit.Sdk.XunitException($"{request} got {Describe(reply)}, not {typeof(T).Name}.");
    }

    /// <summary>A request that must fail with <paramref name="code"/>.</summary>
    public async Task<ErrorMessage> ExpectErrorAsync(Message request, ErrorCode code)
    {
        var reply = await RequestAsync(request);
        var error = Assert.IsType<ErrorMessage>(reply);
        Assert.True((ErrorCode)error.Code == code, $"{request} failed with {error.Name} ({error.Message}), not {ErrorCodes.Name(code)}.");
        Assert.False(string.IsNullOrWhiteSpace(error.Message));
        return error;
    }

    public async Task<DefinitionRegisteredMessage> RegisterAsync(string yaml, string fileName = "test.yaml") =>
        await ExpectAsync<DefinitionRegisteredMessage>(new RegisterDefinitionMessage { Source = yaml, FileName = fileName });

    public async Task<RunStateMessage> SubmitAsync(string workflowId, bool wait = false, string? priority = null, IReadOnlyDictionary<string, object?>? inputs = null, string? runId = null) =>
        await ExpectAsync<RunStateMessage>(new SubmitRunMessage { WorkflowId = workflowId, Wait = wait, Priority = priority, Inputs = inputs, RunId = runId });

    public static WorkflowDefinition Load(string yaml)
    {
        var result = DefinitionLoader.Load(yaml, DefinitionFormat.Yaml, "test.yaml");
        Assert.True(result.Success, string.Join("\n", result.Diagnostics));
        return result.Definition!;
    }

    public static string Describe(Message message) => message is ErrorMessage error ? $"error {error.Name}: {error.Message}" : message.ToString();

    public async ValueTask DisposeAsync()
    {
        Channel.Close();
        await Dispatcher.DisposeAsync();
        await Engine.DisposeAsync();
        if (_store is IAsyncDisposable store)
        {
            await store.DisposeAsync();
        }

        if (_directory is not null)
        {
            Directory.Delete(_directory, recursive: true);
        }
    }
}

/// <summary>Where a test engine keeps its runs.</summary>
internal enum StoreKind
{
    /// <summary>Nowhere: in memory, no history.</summary>
    None,

    /// <summary>An in-memory store.</summary>
    InMemory,

    /// <summary>A FASTER store on disk.</summary>
    Faster,
}
