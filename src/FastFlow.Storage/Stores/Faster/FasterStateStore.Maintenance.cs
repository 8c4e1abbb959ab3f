using FASTER.core;

namespace FastFlow.Storage.Stores.Faster;

public sealed partial class FasterStateStore
{
    /// <summary>Why maintenance runs.</summary>
    private enum MaintenanceReason
    {
        /// <summary>The log grew past <see cref="StateStoreOptions.CheckpointLogBytes"/>.</summary>
        LogGrown,

        /// <summary><see cref="CompactAsync"/>: compact whatever can be, then checkpoint.</summary>
        Requested,

        /// <summary>Open replayed entries (or skipped damaged ones): checkpoint the result.</summary>
        AfterRecovery,

        /// <summary>Disposal: checkpoint so the next open replays nothing.</summary>
        Shutdown,
    }

    /// <inheritdoc />
    public async ValueTask CompactAsync(CancellationToken cancellationToken = default)
    {
        _gate.Enter(this);
        try
        {
            await MaintainAsync(MaintenanceReason.Requested, cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            _gate.Exit();
        }
    }

    /// <summary>
    /// Compacts the state log when due, then checkpoints the state and truncates the write-ahead log
    /// before the position the checkpoint covers. In this order:
    /// <list type="number">
    /// <item>Compaction copies the live records below the state log's read-only address to its tail
    /// and moves its begin address; the files below are deleted by the checkpoint that follows, so a
    /// crash in between recovers the previous checkpoint with its files intact.</item>
    /// <item>The covered position is read: every log entry before it was applied to the state before
    /// the checkpoint starts, so the checkpoint (a CPR prefix, which includes every operation completed
    /// before it began) contains them. Entries after it may be in the checkpoint too; replaying them
    /// again is harmless, since every entry sets or deletes whole keys, in log order.</item>
    /// <item>The log is committed up to that position, so a checkpoint never covers writes that the
    /// log would lose (the log's next writes would take their positions).</item>
    /// <item>FasterKV takes a fold-over checkpoint carrying the position as its commit cookie.</item>
    /// <item>Once it is durable, the log is truncated before the position (whole pages) and
    /// committed, which persists the truncation and lets FasterLog delete whole segment files.</item>
    /// </list>
    /// </summary>
    private async Task MaintainAsync(MaintenanceReason reason, CancellationToken cancellationToken = default)
    {
        await _maintenanceGate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            if (reason == MaintenanceReason.Requested ? CanCompact() : ShouldCompact())
            {
                var until = _state.Log.SafeReadOnlyAddress;
                _maintenanceSession.Compact(until);
                _sizeAfterCompaction = _state.Log.TailAddress - _state.Log.BeginAddress;
                _compactedSinceCheckpoint = true;
                Interlocked.Increment(ref _compactions);
            }

            var covered = Volatile.Read(ref _appliedUntil);
            if (covered == Volatile.Read(ref _checkpointPosition) && !_compactedSinceCheckpoint
                && reason != MaintenanceReason.AfterRecovery)
            {
                // Nothing changed since the last checkpoint; still make everything durable.
                if (_committer.DurablePosition < covered)
                {
                    await _committer.CommitNowAsync(cancellationToken).ConfigureAwait(false);
                }

                return;
            }

            if (_committer.DurablePosition < covered)
            {
                await _committer.CommitNowAsync(cancellationToken).ConfigureAwait(false);
            }

            _state.CommitCookie = CheckpointCookie.Encode(covered);
            var (started, _) = await _state.TakeHybridLogCheckpointAsync(CheckpointType.FoldOver,
                cancellationToken: cancellationToken).ConfigureAwait(false);
            if (!started)
            {
                throw new InvalidOperationException("FASTER did not start a state checkpoint (another state machine was running).");
            }

            Interlocked.Increment(ref _checkpoints);
            _compactedSinceCheckpoint = false;
            Volatile.Write(ref _checkpointPosition, covered);
            _wal.TruncateUntilPageStart(covered);
            await _committer.CommitNowAsync(cancellationToken).ConfigureAwait(false);
            Volatile.Write(ref _maintenanceError, null);
        }
        finally
        {
            _maintenanceGate.Release();
        }
    }

    /// <summary>Whether the state log has grown past twice its size after the last compaction (and
    /// past <see cref="StateStoreOptions.CompactionMinimumBytes"/>), and has something to compact.</summary>
    private bool ShouldCompact()
    {
        var size = _state.Log.TailAddress - _state.Log.BeginAddress;
        return size > Math.Max(_options.CompactionMinimumBytes, 2 * _sizeAfterCompaction) && CanCompact();
    }

    /// <summary>Whether there are records below the read-only address (only those can be compacted).</summary>
    private bool CanCompact() => _state.Log.SafeReadOnlyAddress > _state.Log.BeginAddress;

    /// <summary>Starts background maintenance unless it runs already. Called by writers under the
    /// write lock, inside the operation gate, so disposal sees the task.</summary>
    private void ScheduleMaintenance()
    {
        if (Interlocked.CompareExchange(ref _maintenanceScheduled, 1, 0) == 0)
        {
            Volatile.Write(ref _maintenanceTask, Task.Run(RunBackgroundMaintenanceAsync));
        }
    }

    private async Task RunBackgroundMaintenanceAsync()
    {
        try
        {
            // Writers schedule maintenance only while none runs: go again if they wrote enough
            // meanwhile, so the log does not stay long after the last write.
            do
            {
                await MaintainAsync(MaintenanceReason.LogGrown).ConfigureAwait(false);
            }
            while (!_gate.IsClosed
                && Volatile.Read(ref _appliedUntil) - Volatile.Read(ref _checkpointPosition) >= _options.CheckpointLogBytes);
        }
#pragma warning disable CA1031 // Kept for the statistics; the next maintenance tries again.
        catch (Exception ex)
#pragma warning restore CA1031
        {
            Volatile.Write(ref _maintenanceError, ex.GetType().Name + ": " + ex.Message);
        }
        finally
        {
            Volatile.Write(ref _maintenanceScheduled, 0);
        }
    }

    private async Task AwaitBackgroundMaintenanceAsync()
    {
        // It never throws (RunBackgroundMaintenanceAsync catches).
        await Volatile.Read(ref _maintenanceTask).ConfigureAwait(false);
    }
}
