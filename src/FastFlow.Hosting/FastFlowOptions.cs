using FastFlow.Registry;

namespace FastFlow.Hosting;

/// <summary>How <see cref="FastFlowServiceCollectionExtensions.AddFastFlow"/> builds the engine.</summary>
public sealed class FastFlowOptions
{
    private readonly List<Action<FlowEngine>> _setup = [];

    /// <summary>The engine's settings (workers, capacity, exec and file permissions...).</summary>
    public FlowEngineOptions Engine { get; } = new();

    /// <summary>Whether the I/O actions (api_call, exec, file_operation) are registered. They stay
    /// governed by <see cref="FlowEngineOptions.AllowHttp"/>, <see cref="FlowEngineOptions.AllowExec"/>
    /// and <see cref="FlowEngineOptions.FileRoot"/>. Default true.</summary>
    public bool RegisterIoActions { get; set; } = true;

    /// <summary>How long stopping the host waits for active runs to end before abandoning them.</summary>
    public TimeSpan ShutdownGrace { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>Registers a handler under a name when the engine is built.</summary>
    public FastFlowOptions AddHandler(string name, TaskHandler handler)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        ArgumentNullException.ThrowIfNull(handler);
        _setup.Add(engine => engine.RegisterHandler(name, handler));
        return this;
    }

    /// <summary>Registers synchronous code whose return value is the output.</summary>
    public FastFlowOptions AddHandler(string name, Func<TaskContext, object?> handler)
    {
        ArgumentNullException.ThrowIfNull(handler);
        _setup.Add(engine => engine.RegisterHandler(name, handler));
        return this;
    }

    /// <summary>Runs <paramref name="configure"/> on the engine once it is built (register
    /// actions, agents, definitions...).</summary>
    public FastFlowOptions Configure(Action<FlowEngine> configure)
    {
        ArgumentNullException.ThrowIfNull(configure);
        _setup.Add(configure);
        return this;
    }

    /// <summary>Runs <paramref name="configure"/> on the engine's registry once it is built.</summary>
    public FastFlowOptions ConfigureRegistry(Action<FlowRegistry> configure)
    {
        ArgumentNullException.ThrowIfNull(configure);
        _setup.Add(engine => configure(engine.Registry));
        return this;
    }

    internal void Apply(FlowEngine engine)
    {
        foreach (var setup in _setup)
        {
            setup(engine);
        }
    }
}
