using System.Numerics;
using FASTER.core;

namespace FastFlow.Storage.Stores.Faster;

/// <summary>
/// The FASTER objects of a data directory: the write-ahead log (FasterLog in <c>wal/</c>), the state
/// (FasterKV in <c>state/</c>, checkpoints in <c>checkpoints/</c>) and their devices. Opening them
/// recovers FasterLog to its last commit and FasterKV to its last checkpoint; replaying the log
/// after that checkpoint is the store's job.
/// </summary>
internal sealed class FasterFiles : IDisposable
{
    /// <summary>FASTER's first valid log address (<c>Constants.kFirstValidAddress</c>, internal to
    /// FASTER): where a log that was never truncated begins.</summary>
    public const long FirstLogAddress = 64;

    private FasterFiles(IDevice walDevice, FasterLog wal, IDevice stateDevice, FasterKV<SpanByte, SpanByte> state)
    {
        WalDevice = walDevice;
        Wal = wal;
        StateDevice = stateDevice;
        State = state;
    }

    /// <summary>The device under <see cref="Wal"/>.</summary>
    public IDevice WalDevice { get; }

    /// <summary>The write-ahead log.</summary>
    public FasterLog Wal { get; }

    /// <summary>The device under <see cref="State"/>.</summary>
    public IDevice StateDevice { get; private set; }

    /// <summary>The current state.</summary>
    public FasterKV<SpanByte, SpanByte> State { get; private set; }

    /// <summary>Whether a checkpoint was recovered.</summary>
    public bool RecoveredCheckpoint { get; private set; }

    /// <summary>The log position the recovered checkpoint covers; <see cref="FirstLogAddress"/> without one.</summary>
    public long CheckpointPosition { get; private set; } = FirstLogAddress;

    /// <summary>Whether no checkpoint could be read and the state starts empty, to be rebuilt from
    /// the whole log.</summary>
    public bool StateReset { get; private set; }

    /// <summary>Opens (or creates) the files of <paramref name="directory"/> and recovers them.</summary>
    public static FasterFiles Open(string directory, StateStoreOptions options)
    {
        var walDirectory = Path.Combine(directory, "wal");
        Directory.CreateDirectory(walDirectory);
        var walDevice = new FileDevice(Path.Combine(walDirectory, "wal.log"), recover: true, dedicatedThread: true);
        FasterLog? wal = null;
        IDevice? stateDevice = null;
        FasterKV<SpanByte, SpanByte>? state = null;
        try
        {
            wal = new FasterLog(new FasterLogSettings
            {
                LogDevice = walDevice,
                PageSizeBits = Bits(options.PageSizeBytes),
                MemorySizeBits = Bits(options.LogMemoryBytes),
                SegmentSizeBits = Bits(options.SegmentSizeBytes),
                LogChecksum = LogChecksumType.PerEntry,
                LogCommitManager = new DeviceLogCommitCheckpointManager(new FileDeviceFactory(),
                    new DefaultCheckpointNamingScheme(walDirectory), removeOutdated: true),
                TryRecoverLatest = true,
            });
            var hasCheckpoint = HasCheckpoint(directory);
            if (!hasCheckpoint)
            {
                if (wal.BeginAddress > FirstLogAddress)
                {
                    throw new StateStoreCorruptException(
                        $"The state store in '{directory}' has no state checkpoint, but its write-ahead log was truncated (it begins at {wal.BeginAddress}): the state before that cannot be rebuilt. Restore the directory from a backup.");
                }

                // Whatever the state log holds (written before a crash that came before the first
                // checkpoint) is not needed: the log has every write.
                DeleteState(directory);
            }

            (stateDevice, state) = CreateState(directory, options);
            var files = new FasterFiles(walDevice, wal, stateDevice, state);
            if (hasCheckpoint)
            {
                files.RecoverState(directory, options);
            }

            return files;
        }
        catch
        {
            state?.Dispose();
            stateDevice?.Dispose();
            wal?.Dispose();
            walDevice.Dispose();
            throw;
        }
    }

    /// <inheritdoc />
    public void Dispose()
    {
        State.Dispose();
        StateDevice.Dispose();
        Wal.Dispose();
        WalDevice.Dispose();
    }

    private static (IDevice Device, FasterKV<SpanByte, SpanByte> State) CreateState(string directory, StateStoreOptions options)
    {
        var stateDirectory = Path.Combine(directory, "state");
        Directory.CreateDirectory(stateDirectory);
        var device = new FileDevice(Path.Combine(stateDirectory, "state.log"), recover: true, dedicatedThread: true);
        try
        {
            var state = new FasterKV<SpanByte, SpanByte>(new FasterKVSettings<SpanByte, SpanByte>
            {
                LogDevice = device,
                IndexSize = options.IndexSizeBytes,
                PageSize = options.PageSizeBytes,
                MemorySize = options.StateMemoryBytes,
                SegmentSize = options.SegmentSizeBytes,
                CheckpointManager = new DeviceLogCommitCheckpointManager(new FileDeviceFactory(),
                    new DefaultCheckpointNamingScheme(Path.Combine(directory, "checkpoints")), removeOutdated: true),
                TryRecoverLatest = false,
                ReadCopyOptions = ReadCopyOptions.None,
            });
            return (device, state);
        }
        catch
        {
            device.Dispose();
            throw;
        }
    }

    private static bool HasCheckpoint(string directory)
    {
        var checkpoints = Path.Combine(directory, "checkpoints");
        return Directory.Exists(checkpoints) && Directory.EnumerateFiles(checkpoints, "*", SearchOption.AllDirectories).Any();
    }

    private static void DeleteState(string directory)
    {
        foreach (var name in (ReadOnlySpan<string>)["checkpoints", "state"])
        {
            var path = Path.Combine(directory, name);
            if (Directory.Exists(path))
            {
                Directory.Delete(path, recursive: true);
            }
        }
    }

    private void RecoverState(string directory, StateStoreOptions options)
    {
        var checkpoints = Path.Combine(directory, "checkpoints");
        try
        {
            State.Recover();
            RecoveredCheckpoint = true;
            CheckpointPosition = CheckpointCookie.Decode(State.RecoveredCommitCookie);
        }
        catch (FasterException ex)
        {
            if (Wal.BeginAddress > FirstLogAddress)
            {
                throw new StateStoreCorruptException(
                    $"The state checkpoint in '{checkpoints}' cannot be read ({ex.Message}), and the write-ahead log was truncated after an earlier checkpoint (it begins at {Wal.BeginAddress}): the state cannot be rebuilt. Restore the directory from a backup.", ex);
            }

            // No checkpoint ever completed (a crash during the first one): the log still holds every
            // write since the directory was created, so the state starts empty and is rebuilt from it.
            State.Dispose();
            StateDevice.Dispose();
            DeleteState(directory);
            (StateDevice, State) = CreateState(directory, options);
            StateReset = true;
        }
    }

    private static int Bits(long powerOfTwo) => BitOperations.Log2((ulong)powerOfTwo);
}
