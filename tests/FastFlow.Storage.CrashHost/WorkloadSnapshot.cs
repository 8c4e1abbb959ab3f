using FastFlow.Storage.Stores;

namespace FastFlow.Storage.CrashHost;

/// <summary>Everything a store holds of the workload, read once.</summary>
public sealed class WorkloadSnapshot
{
    private WorkloadSnapshot(Dictionary<string, byte[]> records, Dictionary<string, List<byte[]>> streams)
    {
        Records = records;
        Streams = streams;
    }

    /// <summary>The records.</summary>
    public IReadOnlyDictionary<string, byte[]> Records { get; }

    /// <summary>The entries of every workload stream (empty when the stream does not exist).</summary>
    public IReadOnlyDictionary<string, List<byte[]>> Streams { get; }

    /// <summary>Reads the store; checks that the stream entries are numbered 0, 1, 2, ….</summary>
    public static WorkloadSnapshot Read(IStateStore store)
    {
        var records = store.Scan("").ToDictionary(pair => pair.Key, pair => pair.Value, StringComparer.Ordinal);
        var streams = new Dictionary<string, List<byte[]>>(StringComparer.Ordinal);
        for (var s = 0; s < CrashWorkload.StreamCount; s++)
        {
            var name = CrashWorkload.StreamName(s);
            var entries = store.Read(name);
            for (var i = 0; i < entries.Count; i++)
            {
                if (entries[i].Sequence != i)
                {
                    throw new InvalidDataException($"Entry {i} of {name} has sequence number {entries[i].Sequence}.");
                }
            }

            if (entries.Count != store.GetStreamLength(name))
            {
                throw new InvalidDataException($"{name} reads {entries.Count} entries but its length is {store.GetStreamLength(name)}.");
            }

            streams[name] = entries.Select(e => e.Data).ToList();
        }

        return new WorkloadSnapshot(records, streams);
    }

    /// <summary>The highest operation number whose value is in the store, or -1.</summary>
    public long HighestEvidence()
    {
        var highest = -1L;
        foreach (var value in Records.Values.Concat(Streams.Values.SelectMany(entries => entries)))
        {
            highest = Math.Max(highest, WorkloadText.OperationOf(value)
                ?? throw new InvalidDataException("A value was not written by the workload: " + WorkloadText.Describe(value)));
        }

        return highest;
    }
}
