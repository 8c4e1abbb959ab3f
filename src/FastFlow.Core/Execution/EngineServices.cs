using FastFlow.Registry;
using FastFlow.Scheduling;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace FastFlow.Execution;

/// <summary>What every run of an engine shares besides the scheduler: logging, the clock, the
/// timer queue, the registry and the options.</summary>
internal sealed class EngineServices(
    FlowEngineOptions options,
    FlowRegistry registry,
    ILogger logger,
    TimeProvider timeProvider,
    TimerQueue timers,
    IServiceProvider? serviceProvider)
{
    public FlowEngineOptions Options { get; } = options;

    public FlowRegistry Registry { get; } = registry;

    public ILogger Logger { get; } = logger;

    public TimeProvider TimeProvider { get; } = timeProvider;

    public TimerQueue Timers { get; } = timers;

    public IServiceProvider? ServiceProvider { get; } = serviceProvider;

    /// <summary>Services for a context outside any engine (unit tests of handlers).</summary>
    public static EngineServices CreateDefault(FlowEngineOptions? options = null, TimeProvider? timeProvider = null)
    {
        var time = timeProvider ?? TimeProvider.System;
        return new EngineServices(options ?? new FlowEngineOptions(), new FlowRegistry(), NullLogger.Instance, time, new TimerQueue(time), null);
    }
}
