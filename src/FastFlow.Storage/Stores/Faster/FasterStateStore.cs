using System.Runtime.ExceptionServices;
using FASTER.core;

namespace FastFlow.Storage.Stores.Faster;

/// <summary>
/// The durable <see cref="IStateStore"/>: FASTER in a data directory. Every write is appended to a
/// write-ahead log (FasterLog, committed per <see cref="StoreDurability"/>) and applied to the
/// current state (FasterKV); the state is checkpointed now and then, recording the log position it
/// covers, and the log before that position is truncated. Opening replays the log after the last
/// checkpoint. docs/storage.md describes the design.
/// </summary>
/// <remarks>
/// Writes are serialized by one lock: it orders the log entry, the sequence number of an appended
/// entry and the state update the same way for every writer. Under it a write only copies memory
/// (the log commit happens elsewhere, on <see cref="GroupCommitter"/>'s loop), so the lock is held
/// for microseconds; when FasterLog's memory is full of pages still being flushed, the write leaves
/// the lock and waits. Reads take no store lock: each uses a FASTER session of its own from a pool.
/// Background maintenance pauses writers for a moment at each checkpoint (its cut must be exact)
/// and for the length of a compaction. FASTER's file I/O runs on threads of the store's own
/// (<see cref="FileDevice"/>), never on the thread pool.
/// </remarks>
public sealed partial class FasterStateStore : IStateStore
{
    /// <summary>The directory, as a full path.</summary>
    private readonly string _directory;

    private readonly StateStoreOptions _options;

    /// <summary>The lock on <see cref="_directory"/>, held until disposal.</summary>
    private readonly DataDirectoryLock _directoryLock;

    /// <summary>FasterLog, FasterKV and their devices.</summary>
    private readonly FasterFiles _files;

    /// <summary>The write-ahead log (<see cref="FasterFiles.Wal"/>).</summary>
    private readonly FasterLog _wal;

    /// <summary>The state (<see cref="FasterFiles.State"/>).</summary>
    private readonly FasterKV<SpanByte, SpanByte> _state;

    /// <summary>The writers' session, used under <see cref="_writeLock"/> (and by recovery before
    /// the store is returned).</summary>
    private readonly KvSession _writer;

    /// <summary>The session of compaction, used under <see cref="_maintenanceGate"/>.</summary>
    private readonly KvSession _maintenanceSession;

    /// <summary>Readers' sessions.</summary>
    private readonly KvSessionPool _readers;

    /// <summary>Commits the log and releases waiters.</summary>
    private readonly GroupCommitter _committer;

    /// <summary>Serializes writes.</summary>
    private readonly Lock _writeLock = new();

    /// <summary>Guards <see cref="_keys"/> and <see cref="_streams"/> for readers; writers change
    /// them under both locks and may read them under <see cref="_writeLock"/> alone.</summary>
    private readonly Lock _indexLock = new();

    /// <summary>Every record key, for prefix scans (FasterKV is a hash index: it has no order).</summary>
    private readonly OrdinalKeySet _keys = new();

    /// <summary>The length of every stream.</summary>
    private readonly Dictionary<string, long> _streams = new(StringComparer.Ordinal);

    /// <summary>Set while writers are paused (<see cref="PauseWriters"/>); completed to resume them.</summary>
    private TaskCompletionSource? _writersPaused;

    /// <summary>Tells when a checkpoint has switched FasterKV's version.</summary>
    private readonly VersionSwitchSignal _versionSwitch = new();

    /// <summary>Closed by disposal.</summary>
    private readonly OperationGate _gate = new();

    /// <summary>One checkpoint or compaction at a time.</summary>
    private readonly SemaphoreSlim _maintenanceGate = new(1, 1);

    /// <summary>Pinned scratch memory where writers lay out log entries; the state's key and value are
    /// slices of it. Pinned because FASTER keeps raw pointers during a call.</summary>
    private byte[] _entryScratch = GC.AllocateUninitializedArray<byte>(4096, pinned: true);

    /// <summary>Pinned scratch memory for the keys of a stream's entries when it is deleted.</summary>
    private readonly byte[] _keyScratch = GC.AllocateUninitializedArray<byte>(KvKeys.MaxLength, pinned: true);

    /// <summary>How many stream entries exist.</summary>
    private long _streamEntries;

    /// <summary>The log position before which every entry is applied to the state.</summary>
    private long _appliedUntil;

    /// <summary>The position of the last write (the ticket).</summary>
    private long _lastTicket;

    /// <summary>The log position the last checkpoint covers.</summary>
    private long _checkpointPosition;

    /// <summary>About how many bytes of the state log are live: measured by the scan at open, then
    /// the log's size after each compaction. Compaction comes when the log is twice this.</summary>
    private long _liveStateBytes;

    /// <summary>Whether a compaction ran since the last checkpoint.</summary>
    private bool _compactedSinceCheckpoint;

    /// <summary>1 while background maintenance is scheduled or running.</summary>
    private int _maintenanceScheduled;

    /// <summary>The background maintenance running, if any.</summary>
    private Task _maintenanceTask = Task.CompletedTask;

    private long _checkpoints;
    private long _compactions;
    private string? _maintenanceError;

    private FasterStateStore(string directory, StateStoreOptions options, DataDirectoryLock directoryLock, FasterFiles files)
    {
        _directory = directory;
        _options = options;
        _directoryLock = directoryLock;
        _files = files;
        _wal = files.Wal;
        _state = files.State;
        _writer = new KvSession(_state);
        _maintenanceSession = new KvSession(_state);
        _readers = new KvSessionPool(_state);
        _state.UnsafeRegisterCallback(_versionSwitch);
        Recovery = Recover();
        _committer = new GroupCommitter(CommitLogAsync, options.Durability, options.BatchWindow, options.FlushInterval,
            _wal.CommittedUntilAddress);
    }

    /// <summary>The data directory, as a full path.</summary>
    public string DataDirectory => _directory;

    /// <summary>What opening found and did.</summary>
    public StoreRecovery Recovery { get; }

    /// <inheritdoc />
    public StoreDurability Durability => _options.Durability;

    /// <inheritdoc />
    public StoreTicket LastTicket => new(Volatile.Read(ref _lastTicket));

    /// <summary>
    /// Opens the store in <paramref name="dataDirectory"/>, creating the directory if needed, and
    /// recovers what was committed there: the last state checkpoint, then the write-ahead log after it.
    /// </summary>
    /// <exception cref="StateStoreInUseException">Another store, in this process or another, has the directory open.</exception>
    /// <exception cref="StateStoreCorruptException">The files cannot be recovered consistently.</exception>
    public static FasterStateStore Open(string dataDirectory, StateStoreOptions? options = null)
    {
        ArgumentException.ThrowIfNullOrEmpty(dataDirectory);
        options ??= new StateStoreOptions();
        options.Validate();
        var directory = Path.GetFullPath(dataDirectory);
        Directory.CreateDirectory(directory);
        var directoryLock = DataDirectoryLock.Acquire(directory);
        FasterFiles? files = null;
        try
        {
            StoreFormat.CheckOrCreate(directory, options);
            files = FasterFiles.Open(directory, options);
            var store = new FasterStateStore(directory, options, directoryLock, files);
            if (store.Recovery.CheckpointedAtOpen)
            {
                // Off the caller's thread: Open is synchronous, FASTER's checkpoint is not.
                Task.Run(() => store.MaintainAsync(MaintenanceReason.AfterRecovery)).GetAwaiter().GetResult();
            }

            return store;
        }
        catch
        {
            files?.Dispose();
            directoryLock.Dispose();
            throw;
        }
    }

    /// <inheritdoc />
    public StoreStatistics GetStatistics()
    {
        _gate.Enter(this);
        try
        {
            long records, streams, entries;
            lock (_indexLock)
            {
                records = _keys.Count;
                streams = _streams.Count;
                entries = _streamEntries;
            }

            return new StoreStatistics
            {
                RecordCount = records,
                StreamCount = streams,
                StreamEntryCount = entries,
                LastTicket = LastTicket,
                DurableTicket = new StoreTicket(Math.Min(_committer.DurablePosition, Volatile.Read(ref _lastTicket))),
                Commits = _committer.Commits,
                Checkpoints = Interlocked.Read(ref _checkpoints),
                Compactions = Interlocked.Read(ref _compactions),
                LogBytes = _wal.TailAddress - _wal.BeginAddress,
                StateLogBytes = _state.Log.TailAddress - _state.Log.BeginAddress,
                LastMaintenanceError = Volatile.Read(ref _maintenanceError),
            };
        }
        finally
        {
            _gate.Exit();
        }
    }

    /// <summary>Commits what is pending, checkpoints the state (so the next open replays nothing),
    /// and closes the directory.</summary>
    public async ValueTask DisposeAsync()
    {
        if (!_gate.Close())
        {
            return;
        }

        Exception? failure = null;
        try
        {
            await AwaitBackgroundMaintenanceAsync().ConfigureAwait(false);
            await MaintainAsync(MaintenanceReason.Shutdown).ConfigureAwait(false);
        }
#pragma warning disable CA1031 // Reported after the files are closed.
        catch (Exception ex)
#pragma warning restore CA1031
        {
            failure = ex;
        }

        try
        {
            await _committer.DisposeAsync().ConfigureAwait(false);
        }
#pragma warning disable CA1031 // Reported after the files are closed.
        catch (Exception ex)
#pragma warning restore CA1031
        {
            failure ??= ex;
        }

        CloseFiles();
        if (failure is not null)
        {
            ExceptionDispatchInfo.Throw(failure);
        }
    }

    /// <summary>Closes the store the way a crash would, for tests: no last commit, no checkpoint;
    /// only what was committed survives. The directory lock is released.</summary>
    internal async ValueTask CrashAsync()
    {
        if (!_gate.Close())
        {
            return;
        }

        await AwaitBackgroundMaintenanceAsync().ConfigureAwait(false);
        await _committer.AbandonAsync().ConfigureAwait(false);
        CloseFiles();
    }

    private void CloseFiles()
    {
        _readers.Dispose();
        _writer.Dispose();
        _maintenanceSession.Dispose();
        _files.Dispose();
        _maintenanceGate.Dispose();
        _versionSwitch.Switched.Dispose();
        _directoryLock.Dispose();
    }

    private async ValueTask<long> CommitLogAsync()
    {
        await _wal.CommitAsync().ConfigureAwait(false);
        return _wal.CommittedUntilAddress;
    }
}
