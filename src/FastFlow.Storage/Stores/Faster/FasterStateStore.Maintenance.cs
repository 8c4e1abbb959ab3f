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

    /// <summary>For tests: maintenance commits no log, as if a crash came before its commits, so
    /// that a checkpoint ends up ahead of the log.</summary>
    internal bool SkipLogCommitsInMaintenance { get; set; }

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
    /// <item>Writers are paused (<see cref="PauseWriters"/>), so that the checkpoint's cut is exact:
    /// it holds every write before the covered position and none after it.</item>
    /// <item>Compaction, when due, copies the live records below the state log's read-only address
    /// to its tail and moves its begin address; the files below are deleted by the checkpoint that
    /// follows, so a crash in between recovers the previous checkpoint with its files intact.</item>
    /// <item>The covered position is read, and FasterKV starts a fold-over checkpoint carrying it as
    /// its commit cookie. Once FasterKV has switched versions (<see cref="VersionSwitchSignal"/>;
    /// with no session busy it happens within the call), writers resume: what they write belongs to
    /// the next version, which this checkpoint leaves out. The pause does no I/O and needs no other
    /// thread (only a compaction, when there is one, makes it longer).</item>
    /// <item>The log is committed up to the covered position, then the checkpoint is awaited. The
    /// checkpoint may be durable before the log is; a crash then leaves a checkpoint ahead of the
    /// log, which is still exactly the writes before its position: recovery replays nothing and
    /// takes a new checkpoint at the log's end before accepting writes (<see cref="Recover"/>).
    /// A cut that was not exact is what must never happen: a checkpoint holding some writes after
    /// its position that the log lost, with others replayed over them, is no prefix of the writes
    /// (the crash tests found this while writers ran through the checkpoint's start).</item>
    /// <item>Once the checkpoint is durable, the log is truncated before the position (whole pages)
    /// and committed, which persists the truncation and lets FasterLog delete whole segment files.</item>
    /// </list>
    /// </summary>
    private async Task MaintainAsync(MaintenanceReason reason, CancellationToken cancellationToken = default)
    {
        await _maintenanceGate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            var compact = reason == MaintenanceReason.Requested ? CanCompact() : ShouldCompact();
            if (!compact && !_compactedSinceCheckpoint && reason != MaintenanceReason.AfterRecovery
                && Volatile.Read(ref _appliedUntil) == Volatile.Read(ref _checkpointPosition))
            {
                // Nothing changed since the last checkpoint; still make everything durable.
                if (_committer.DurablePosition < Volatile.Read(ref _appliedUntil))
                {
                    await _committer.CommitNowAsync(cancellationToken).ConfigureAwait(false);
                }

                return;
            }

            long covered;
            ValueTask<(bool Started, Guid Token)> checkpoint;
            PauseWriters();
            try
            {
                if (compact)
                {
                    CompactStateLog();
                }

                covered = Volatile.Read(ref _appliedUntil);
                _state.CommitCookie = CheckpointCookie.Encode(covered);
                _versionSwitch.Switched.Reset();
                checkpoint = _state.TakeHybridLogCheckpointAsync(CheckpointType.FoldOver, cancellationToken: cancellationToken);

                // Usually switched already; when a reader held FASTER's epoch, drive it.
                while (!_versionSwitch.Switched.Wait(1) && !checkpoint.IsCompleted)
                {
                    _maintenanceSession.Refresh();
                }
            }
            finally
            {
                ResumeWriters();
            }

            if (_committer.DurablePosition < covered && !SkipLogCommitsInMaintenance)
            {
                await _committer.CommitNowAsync(cancellationToken).ConfigureAwait(false);
            }

            var (started, _) = await checkpoint.ConfigureAwait(false);
            if (!started)
            {
                throw new InvalidOperationException("FASTER did not start a state checkpoint (another state machine was running).");
            }

            Interlocked.Increment(ref _checkpoints);
            _compactedSinceCheckpoint = false;
            Volatile.Write(ref _checkpointPosition, covered);
            _wal.TruncateUntilPageStart(covered);
            if (!SkipLogCommitsInMaintenance)
            {
                await _committer.CommitNowAsync(cancellationToken).ConfigureAwait(false);
            }

            Volatile.Write(ref _maintenanceError, null);
        }
        finally
        {
            _maintenanceGate.Release();
        }
    }

    /// <summary>
    /// Copies the live records below the state log's read-only address to its tail and moves its
    /// begin address there. Called with writers paused: the store does not rely on FASTER's
    /// compaction being safe beside concurrent writes to the same keys. Readers go on. Compaction is
    /// rare (<see cref="ShouldCompact"/>) and costs one pass over the compacted range.
    /// </summary>
    private void CompactStateLog()
    {
        _maintenanceSession.Compact(_state.Log.SafeReadOnlyAddress);
        _liveStateBytes = _state.Log.TailAddress - _state.Log.BeginAddress;
        _compactedSinceCheckpoint = true;
        Interlocked.Increment(ref _compactions);
    }

    /// <summary>Whether the state log has grown past twice its live bytes (measured at open, or its
    /// size after the last compaction) and past <see cref="StateStoreOptions.CompactionMinimumBytes"/>,
    /// and has something to compact.</summary>
    private bool ShouldCompact()
    {
        var size = _state.Log.TailAddress - _state.Log.BeginAddress;
        return size > Math.Max(_options.CompactionMinimumBytes, 2 * _liveStateBytes) && CanCompact();
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
