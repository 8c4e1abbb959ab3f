using FastFlow.Definitions;

namespace FastFlow.Core.Tests.Semantics.Support;

/// <summary>One engine per test: a fake clock, a fixed jitter seed, two workers by default, and
/// (unless <c>observe</c> is false) an event log.</summary>
internal sealed class Harness : IAsyncDisposable
{
    public const int JitterSeed = 1234;

    public Harness(int workers = 2, bool observe = true, Action<FlowEngineOptions>? configure = null)
    {
        var options = new FlowEngineOptions { WorkerCount = workers, JitterSeed = JitterSeed };
        configure?.Invoke(options);
        Engine = new FlowEngine(options, timeProvider: Clock);
        Events = observe ? new EventLog(Engine) : null;
    }

    public TestClock Clock { get; } = new();

    public FlowEngine Engine { get; }

    /// <summary>The events; null when the harness does not observe.</summary>
    public EventLog? Events { get; }

    /// <summary>The event log of an observing harness.</summary>
    public EventLog Log => Events ?? throw new InvalidOperationException("This harness does not observe events.");

    public Task<RunHandle> StartAsync(WorkflowBuilder flow, IReadOnlyDictionary<string, object?>? inputs = null) =>
        StartAsync(flow.Build(), inputs);

    public Task<RunHandle> StartAsync(WorkflowDefinition definition, IReadOnlyDictionary<string, object?>? inputs = null) =>
        Engine.StartAsync(definition, inputs).Guarded();

    /// <summary>Runs to the end (bounded) with <see cref="FlowEngine.RunAsync(WorkflowDefinition, IReadOnlyDictionary{string, object?}?, RunOptions?, CancellationToken)"/>
    /// called from a pool thread, as a service would: the run's first tasks run on that thread
    /// (<see cref="FlowEngineOptions.RunOnCallingThread"/>), so every rule is checked that way too.</summary>
    public Task<RunResult> RunAsync(WorkflowBuilder flow, IReadOnlyDictionary<string, object?>? inputs = null) =>
        RunAsync(flow.Build(), inputs);

    public Task<RunResult> RunAsync(WorkflowDefinition definition, IReadOnlyDictionary<string, object?>? inputs = null) =>
        Task.Run(() => Engine.RunAsync(definition, inputs).AsTask()).Guarded();

    public ValueTask DisposeAsync()
    {
        Events?.Dispose();
        return Engine.DisposeAsync();
    }
}
