using System.Collections.Concurrent;
using FastFlow.Storage.Stores;

namespace FastFlow.Core.Tests.Durability;

/// <summary>Recovery over a damaged history: a history entry whose bytes were flipped is never
/// used; a good checkpoint that covers past it stands in, or the report names exactly the
/// transitions lost and their tasks run again.</summary>
public sealed class CorruptHistoryTests
{
    private const string Chain = """
        id: damaged
        tasks:
          a: { handler: step }
          b: { handler: step, dependencies: [a] }
          c: { handler: step, dependencies: [b] }
          d: { handler: step, dependencies: [c] }
        """;

    [Theory]
    [InlineData(1, true)]
    [InlineData(0, false)]
    public async Task A_corrupt_history_entry_is_reported_and_recovery_falls_back(int checkpointEvery, bool checkpointCoversIt)
    {
        var (store, runId) = await CrashedAtTaskC(checkpointEvery);
        var history = store.Read($"run/{runId}");
        // The entry of b's completion: a bit flipped in the middle of its bytes.
        var damagedAt = Sequence(history, "b");
        var damaged = CopyWithFlippedBit(store, runId, damagedAt);

        await using var engine = DurableEngine.Create(damaged);
        var ran = new ConcurrentQueue<string>();
        engine.RegisterHandler("step", ctx =>
        {
            ran.Enqueue(ctx.TaskId);
            return ctx.TaskId;
        });
        var report = await engine.RecoverAsync();

        var problem = Assert.Single(report.CorruptRecords);
        Assert.Equal($"run/{runId}#{damagedAt}", problem.Where);
        Assert.True(engine.TryGetRun(runId, out var run));
        var result = await run!.Completion.WaitAsync(TimeSpan.FromSeconds(10));
        Assert.Equal(RunStatus.Completed, result.Status);
        if (checkpointCoversIt)
        {
            // A checkpoint taken after b completed stands in for the damaged entry: b does not run again.
            Assert.Contains("Recovered from checkpoint", problem.Message);
            Assert.Equal(["c", "d"], ran);
        }
        else
        {
            // Nothing covers it: the report says from which entry the history was lost, and b runs again.
            Assert.Contains($"transitions from sequence {damagedAt} on are lost", problem.Message);
            Assert.Equal(["b", "c", "d"], ran);
        }
    }

    private static async Task<(InMemoryStateStore Store, string RunId)> CrashedAtTaskC(int checkpointEvery)
    {
        var store = new InMemoryStateStore();
        var engine = DurableEngine.Create(store, configure: o => o.CheckpointEveryTransitions = checkpointEvery);
        var reachedC = new TaskCompletionSource();
        engine.RegisterHandler("step", async ctx =>
        {
            if (ctx.TaskId == "c")
            {
                reachedC.TrySetResult();
                await Task.Delay(Timeout.Infinite, CancellationToken.None);
            }

            return (object?)ctx.TaskId;
        });
        var handle = await engine.StartAsync(DurableEngine.Load(Chain));
        await reachedC.Task.WaitAsync(TimeSpan.FromSeconds(10));
        await DurableEngine.Until(() => store.Read($"run/{handle.RunId}").Count > 0 &&
            engine.GetHistory(handle.RunId).Any(static e => e.Type == "task.started" && e.TaskId == "c"), "c to be recorded as started");
        engine.Dispose();
        return (store, handle.RunId);
    }

    private static long Sequence(IReadOnlyList<StreamEntry> history, string task)
    {
        var codec = Storage.Records.RecordCodec.Default;
        foreach (var entry in history)
        {
            var decoded = codec.Decode<Storage.Runs.HistoryEntry>(entry.Data, Storage.Records.RecordKind.RunEvent, "probe").Value;
            if (decoded.Type == "task.completed" && decoded.TaskId == task)
            {
                return entry.Sequence;
            }
        }

        throw new InvalidOperationException($"No completion of {task} in the history.");
    }

    /// <summary>The same store, with one bit of one history entry flipped.</summary>
    private static InMemoryStateStore CopyWithFlippedBit(InMemoryStateStore source, string runId, long sequence)
    {
        var copy = new InMemoryStateStore();
        foreach (var (key, value) in source.Scan(string.Empty))
        {
            copy.Put(key, value);
        }

        foreach (var entry in source.Read($"run/{runId}"))
        {
            var bytes = entry.Data.ToArray();
            if (entry.Sequence == sequence)
            {
                bytes[bytes.Length / 2] ^= 0x10;
            }

            copy.Append($"run/{runId}", bytes);
        }

        return copy;
    }
}
