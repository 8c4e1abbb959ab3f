using FastFlow.Storage.Records;
using FastFlow.Storage.Stores;

namespace FastFlow.Storage.Runs;

public sealed partial class RunStore
{
    /// <summary>Stores a checkpoint under <c>ckpt/&lt;runId&gt;/&lt;checkpointId&gt;</c> (its record
    /// header at the checkpoint's level), then deletes the run's oldest checkpoints beyond
    /// <paramref name="maxCheckpointsPerRun"/>.</summary>
    /// <param name="checkpoint">The checkpoint; its id is usually <see cref="NextCheckpointId"/>.</param>
    /// <param name="maxCheckpointsPerRun">How many of the run's checkpoints to keep, at least 1.</param>
    /// <returns>The ticket of the last write made.</returns>
    /// <exception cref="ArgumentException">The level is not one of <c>"minimal"</c>,
    /// <c>"standard"</c>, <c>"comprehensive"</c>, <c>"debug"</c>, or the id is below 1.</exception>
    /// <remarks>Retention reads the run's stored checkpoints (the store has no key-only scan), so a
    /// save costs about <paramref name="maxCheckpointsPerRun"/> reads of a checkpoint's size.</remarks>
    public StoreTicket SaveCheckpoint(CheckpointRecord checkpoint, int maxCheckpointsPerRun)
    {
        ArgumentNullException.ThrowIfNull(checkpoint);
        CheckId(checkpoint.RunId, "checkpoint.RunId");
        ArgumentOutOfRangeException.ThrowIfLessThan(checkpoint.CheckpointId, 1, "checkpoint.CheckpointId");
        ArgumentOutOfRangeException.ThrowIfLessThan(maxCheckpointsPerRun, 1);
        if (!TryParseLevel(checkpoint.Level, out var level))
        {
            throw new ArgumentException(
                $"Unknown checkpoint level '{checkpoint.Level}': expected minimal, standard, comprehensive or debug.", nameof(checkpoint));
        }

        var ticket = PutRecord(RunKeys.Checkpoint(checkpoint.RunId, checkpoint.CheckpointId), RecordKind.Checkpoint, level, checkpoint);

        var stored = Checkpoints(checkpoint.RunId);
        for (var i = 0; i < stored.Count - maxCheckpointsPerRun; i++)
        {
            if (Store.Delete(stored[i].Key, out var deleted))
            {
                ticket = deleted;
            }
        }

        return ticket;
    }

    /// <summary>The id for the run's next checkpoint: one past the highest stored (damaged ones
    /// included), 1 when there is none. Ids are not reused while the run keeps checkpoints, since
    /// retention always keeps the newest.</summary>
    public long NextCheckpointId(string runId)
    {
        var stored = Checkpoints(runId);
        return stored.Count == 0 ? 1 : stored[^1].Id + 1;
    }

    /// <summary>The run's checkpoints, oldest first; damaged ones are listed with
    /// <see cref="CheckpointInfo.Corrupt"/> set and the problem.</summary>
    public IReadOnlyList<CheckpointInfo> ListCheckpoints(string runId)
    {
        var stored = Checkpoints(runId);
        var infos = new List<CheckpointInfo>(stored.Count);
        foreach (var (id, key, bytes) in stored)
        {
            infos.Add(TryDecode(bytes, RecordKind.Checkpoint, key, out CheckpointRecord? checkpoint, out var problem)
                ? new CheckpointInfo(id, checkpoint.Level, checkpoint.TakenAt, checkpoint.CoversSequence, checkpoint.RunStatus, checkpoint.Reason, false, null)
                : new CheckpointInfo(id, "", default, 0, "", null, true, problem.Problem));
        }

        return infos;
    }

    /// <summary>Reads one checkpoint.</summary>
    /// <returns>The checkpoint; <c>null</c> when it is not stored.</returns>
    /// <exception cref="CorruptRecordException">The stored record is damaged.</exception>
    public CheckpointRecord? GetCheckpoint(string runId, long checkpointId)
    {
        CheckId(runId);
        ArgumentOutOfRangeException.ThrowIfNegative(checkpointId);
        var key = RunKeys.Checkpoint(runId, checkpointId);
        return Store.TryGet(key, out var bytes)
            ? WithSequences(Codec.Decode<CheckpointRecord>(bytes, RecordKind.Checkpoint, key).Value)
            : null;
    }

    /// <summary>The run's newest checkpoint that is intact.</summary>
    /// <param name="runId">The run.</param>
    /// <param name="skipped">The newer checkpoints that were damaged, newest first; empty when none.</param>
    /// <returns>The checkpoint; <c>null</c> when the run has no intact checkpoint.</returns>
    public CheckpointRecord? GetLatestGoodCheckpoint(string runId, out IReadOnlyList<CorruptRecordReport> skipped)
    {
        var stored = Checkpoints(runId);
        List<CorruptRecordReport>? corrupt = null;
        for (var i = stored.Count - 1; i >= 0; i--)
        {
            var (_, key, bytes) = stored[i];
            if (TryDecode(bytes, RecordKind.Checkpoint, key, out CheckpointRecord? checkpoint, out var problem))
            {
                skipped = corrupt ?? (IReadOnlyList<CorruptRecordReport>)[];
                return WithSequences(checkpoint);
            }

            (corrupt ??= []).Add(problem);
        }

        skipped = corrupt ?? (IReadOnlyList<CorruptRecordReport>)[];
        return null;
    }

    /// <summary>The run's checkpoints as stored, oldest first: id, key and bytes.</summary>
    private List<(long Id, string Key, byte[] Bytes)> Checkpoints(string runId)
    {
        CheckId(runId);
        var prefix = RunKeys.CheckpointPrefix(runId);
        var checkpoints = new List<(long, string, byte[])>();
        foreach (var (key, bytes) in Store.Scan(prefix))
        {
            // Zero-padded ids: ordinal key order is id order.
            if (RunKeys.TryParseCheckpointId(key, prefix.Length, out var id))
            {
                checkpoints.Add((id, key, bytes));
            }
        }

        return checkpoints;
    }

    /// <summary>Numbers a checkpoint's history: it ends just before <see cref="CheckpointRecord.CoversSequence"/>.</summary>
    private static CheckpointRecord WithSequences(CheckpointRecord checkpoint)
    {
        if (checkpoint.History is { } history)
        {
            var first = checkpoint.CoversSequence - history.Count;
            for (var i = 0; i < history.Count; i++)
            {
                history[i].Sequence = first + i;
            }
        }

        return checkpoint;
    }

    /// <summary>The envelope's level for a level in wire form.</summary>
    private static bool TryParseLevel(string level, out CheckpointLevel parsed)
    {
        switch (level)
        {
            case "minimal":
                parsed = CheckpointLevel.Minimal;
                return true;
            case "standard":
                parsed = CheckpointLevel.Standard;
                return true;
            case "comprehensive":
                parsed = CheckpointLevel.Comprehensive;
                return true;
            case "debug":
                parsed = CheckpointLevel.Debug;
                return true;
            default:
                parsed = default;
                return false;
        }
    }
}
