using FastFlow.Definitions;
using FastFlow.Definitions.Loading;
using FastFlow.Storage.Stores;

namespace FastFlow.Core.Tests.Durability;

/// <summary>Engines over one store, as a process and its restart would have them: the first is
/// "killed" (disposed with handlers still waiting, so nothing more reaches the store), the next
/// recovers from what the store holds.</summary>
internal static class DurableEngine
{
    public static FlowEngine Create(IStateStore store, TimeProvider? time = null, Action<FlowEngineOptions>? configure = null)
    {
        var options = new FlowEngineOptions { Store = store, WorkerCount = 2 };
        configure?.Invoke(options);
        return new FlowEngine(options, timeProvider: time);
    }

    public static WorkflowDefinition Load(string yaml)
    {
        var result = DefinitionLoader.Load(yaml, DefinitionFormat.Yaml, "test.yaml");
        Assert.True(result.Success, string.Join("\n", result.Diagnostics));
        return result.Definition!;
    }

    /// <summary>Waits until <paramref name="condition"/> holds, polling the state it reads (a run's
    /// statuses move on worker threads); fails after 10 s.</summary>
    public static async Task Until(Func<bool> condition, string what)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(10);
        while (!condition())
        {
            Assert.True(DateTime.UtcNow < deadline, $"Timed out waiting for {what}.");
            await Task.Delay(5);
        }
    }
}
