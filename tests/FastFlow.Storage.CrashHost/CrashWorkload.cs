using System.Globalization;
using System.Text;
using FastFlow.Storage.Stores;

namespace FastFlow.Storage.CrashHost;

/// <summary>
/// The crash tests' workload: operation n is a pure function of n (puts, deletes, appends and now
/// and then a stream deletion over a few keys and streams), and every value starts with
/// <c>n=&lt;n&gt;;</c>. Since one thread writes it in order and the store's log keeps that order,
/// what a store holds after a crash must be exactly the workload's state after some number of
/// operations M, with M past every acknowledged one (<see cref="FindAppliedCount"/>).
/// </summary>
public static class CrashWorkload
{
    /// <summary>How many record keys the workload uses.</summary>
    public const int KeyCount = 40;

    /// <summary>How many streams the workload uses.</summary>
    public const int StreamCount = 6;

    /// <summary>Small sizes and thresholds, so that checkpoints, log truncation, compaction and
    /// segment deletion all happen within a few seconds of writing.</summary>
    public static StateStoreOptions Options(StoreDurability durability) => new()
    {
        Durability = durability,
        PageSizeBytes = 16 * 1024,
        StateMemoryBytes = 256 * 1024,
        LogMemoryBytes = 64 * 1024,
        SegmentSizeBytes = 64 * 1024,
        IndexSizeBytes = 64 * 1024,
        CheckpointLogBytes = 64 * 1024,
        CompactionMinimumBytes = 64 * 1024,
    };

    /// <summary>The name of stream <paramref name="index"/>.</summary>
    public static string StreamName(int index) => "s/" + index.ToString(CultureInfo.InvariantCulture);

    /// <summary>Operation <paramref name="n"/>.</summary>
    public static StoreOperation Operation(long n)
    {
        var mix = Mix(n);
        var key = "k/" + (mix % KeyCount).ToString(CultureInfo.InvariantCulture);
        var stream = StreamName((int)(mix % StreamCount));
        return (n % 10) switch
        {
            6 or 7 => new StoreOperation(StoreOperationKind.Append, stream, Value(n, mix)),
            8 => new StoreOperation(StoreOperationKind.Delete, key, null),
            9 when n % 100 == 99 => new StoreOperation(StoreOperationKind.DeleteStream, stream, null),
            _ => new StoreOperation(StoreOperationKind.Put, key, Value(n, mix)),
        };
    }

    /// <summary>Applies an operation to a store; returns its ticket, and for an append the entry's
    /// sequence number (-1 otherwise).</summary>
    public static (StoreTicket Ticket, long Sequence) Apply(IStateStore store, StoreOperation operation)
    {
        switch (operation.Kind)
        {
            case StoreOperationKind.Put:
                return (store.Put(operation.Name, operation.Value), -1);
            case StoreOperationKind.Delete:
                store.Delete(operation.Name, out var deleted);
                return (deleted, -1);
            case StoreOperationKind.Append:
                var sequence = store.Append(operation.Name, operation.Value, out var appended);
                return (appended, sequence);
            default:
                return (store.DeleteStream(operation.Name), -1);
        }
    }

    /// <summary>
    /// The number M of workload operations whose result the store holds exactly. The highest
    /// operation number found in a value, L, was applied, so M is at least L + 1; the operations
    /// after L that leave no value (deletes) are tried one by one.
    /// </summary>
    /// <exception cref="InvalidDataException">The store holds no prefix of the workload: something
    /// was lost, reordered or damaged.</exception>
    public static long FindAppliedCount(IStateStore store)
    {
        var snapshot = WorkloadSnapshot.Read(store);
        var model = new WorkloadModel();
        var highest = snapshot.HighestEvidence();
        while (model.Applied <= highest)
        {
            model.Apply(Operation(model.Applied));
        }

        string? first = null;
        for (var tries = 0; tries < 20; tries++)
        {
            var difference = model.Difference(snapshot);
            if (difference is null)
            {
                return model.Applied;
            }

            first ??= difference;
            model.Apply(Operation(model.Applied));
        }

        throw new InvalidDataException("The store holds no prefix of the workload; " + first);
    }

    private static byte[] Value(long n, ulong mix)
    {
        var prefix = Encoding.ASCII.GetBytes("n=" + n.ToString(CultureInfo.InvariantCulture) + ";");
        var value = new byte[prefix.Length + (int)(mix % 200)];
        prefix.CopyTo(value, 0);
        for (var i = prefix.Length; i < value.Length; i++)
        {
            value[i] = (byte)(n * 31 + i);
        }

        return value;
    }

    /// <summary>SplitMix64: spreads operation numbers over keys and streams.</summary>
    private static ulong Mix(long n)
    {
        var z = (ulong)n + 0x9E3779B97F4A7C15UL;
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
        return z ^ (z >> 31);
    }
}
