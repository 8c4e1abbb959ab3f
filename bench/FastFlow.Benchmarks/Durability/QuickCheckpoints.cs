using System.Diagnostics;
using FastFlow.Storage.Records;
using FastFlow.Storage.Stores;

namespace FastFlow.Benchmarks.Durability;

/// <summary><see cref="FlowEngine.CheckpointAsync"/> of an active 100-task run, per checkpoint
/// level, on a store in <see cref="StoreDurability.None"/> mode (the checkpoint's writes alone) and
/// in <see cref="StoreDurability.Batched"/> mode (until the checkpoint is durable, group commit
/// window included), and in <see cref="StoreDurability.Immediate"/> mode (a commit of its own). Beside each, the store's own write of the same bytes, as a floor.</summary>
internal static class QuickCheckpoints
{
    public static readonly CheckpointLevel[] Levels = [CheckpointLevel.Minimal, CheckpointLevel.Standard, CheckpointLevel.Comprehensive, CheckpointLevel.Debug];

    public static async Task RunAsync(int runs, int checkpointsPerRun)
    {
        Console.WriteLine($"checkpoint latency, {CheckpointPool.Tasks}-task chain waiting at task {CheckpointPool.GatedTask}: {runs} runs × {checkpointsPerRun} checkpoints per configuration (a fresh batch of runs, so the history a comprehensive checkpoint copies stays about the same)");
        Console.WriteLine("store put = IStateStore.Put of the bytes the checkpoint stored, under another key, and a wait for durability as CheckpointAsync waits");
        Console.WriteLine();
        foreach (var durability in new[] { StoreDurability.None, StoreDurability.Batched, StoreDurability.Immediate })
        {
            foreach (var level in Levels)
            {
                await using var pool = new CheckpointPool(durability, level);
                await pool.WarmUpAsync();

                pool.StartBatch(runs);
                var checkpoint = FsyncProbe.NewHistogram();
                for (var round = 0; round < checkpointsPerRun; round++)
                {
                    foreach (var id in pool.RunIds)
                    {
                        var start = Stopwatch.GetTimestamp();
                        await pool.Engine.CheckpointAsync(id);
                        checkpoint.RecordValue(FsyncProbe.ElapsedNanoseconds(start));
                    }
                }

                var bytes = pool.LatestCheckpointBytes(pool.RunIds[0]);
                var put = FsyncProbe.NewHistogram();
                for (var i = 0; i < runs * checkpointsPerRun; i++)
                {
                    var start = Stopwatch.GetTimestamp();
                    var ticket = pool.Store.Put($"bench/{i % 16}", bytes);
                    await pool.Store.WaitDurableAsync(ticket);
                    put.RecordValue(FsyncProbe.ElapsedNanoseconds(start));
                }

                var name = $"{durability.ToString().ToLowerInvariant()}, {level.ToString().ToLowerInvariant()}";
                Console.WriteLine($"{name,-24} checkpoint {FsyncProbe.Summary(checkpoint)}   record {bytes.Length,6:N0} B");
                Console.WriteLine($"{"",-24} store put  {FsyncProbe.Summary(put)}");
            }
        }
    }
}
