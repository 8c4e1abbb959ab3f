using System.Runtime.CompilerServices;
using FastFlow.Storage.Stores;

namespace FastFlow.Benchmarks.Durability;

/// <summary>Fills a store with runs in flight: <c>count</c> runs of <see cref="DurableFlows.BlockedFiveTaskYaml"/>,
/// each with its first task started (and blocked for good), everything durable. A crash after
/// this leaves every run for recovery to resume.</summary>
internal static class InFlightRuns
{
    /// <summary>Registers the blocking and no-op handlers; <paramref name="entered"/> counts entries into the blocking one.</summary>
    public static void RegisterHandlers(FlowEngine engine, StrongBox<int> entered)
    {
        var never = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        engine.RegisterHandler("block", (TaskHandler)(async _ =>
        {
            Interlocked.Increment(ref entered.Value);
            await never.Task.ConfigureAwait(false);
            return TaskResult.Success(null);
        }));
        engine.RegisterHandler("noop", static (TaskContext _) => { });
    }

    /// <summary>Starts the runs on an engine over <paramref name="store"/> and returns it with every
    /// run's first task under way and the store durable up to its last write.</summary>
    public static async Task<FlowEngine> FillAsync(IStateStore store, int count)
    {
        var engine = DurableFlows.CreateEngine(store);
        var entered = new StrongBox<int>();
        RegisterHandlers(engine, entered);
        var compiled = engine.Compile(DurableFlows.LoadYaml(DurableFlows.BlockedFiveTaskYaml));
        await DurableFlows.StartManyAsync(engine, compiled, count, concurrency: 512);
        DurableFlows.Until(() => Volatile.Read(ref entered.Value) >= count, TimeSpan.FromMinutes(5), $"{count:N0} first tasks to start");
        // Each task.started entry was appended before its handler was entered, so this covers them all.
        await store.WaitDurableAsync(store.LastTicket);
        return engine;
    }
}
