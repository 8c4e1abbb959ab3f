using System.Globalization;

namespace FastFlow.Storage.CrashHost;

/// <summary>What a store holds after a prefix of the workload: records and streams in plain
/// collections.</summary>
public sealed class WorkloadModel
{
    private readonly Dictionary<string, byte[]> _records = new(StringComparer.Ordinal);
    private readonly Dictionary<string, List<byte[]>> _streams = new(StringComparer.Ordinal);

    /// <summary>How many operations were applied.</summary>
    public long Applied { get; private set; }

    /// <summary>Applies the next operation.</summary>
    public void Apply(StoreOperation operation)
    {
        switch (operation.Kind)
        {
            case StoreOperationKind.Put:
                _records[operation.Name] = operation.Value!;
                break;
            case StoreOperationKind.Delete:
                _records.Remove(operation.Name);
                break;
            case StoreOperationKind.Append:
                if (!_streams.TryGetValue(operation.Name, out var entries))
                {
                    entries = [];
                    _streams.Add(operation.Name, entries);
                }

                entries.Add(operation.Value!);
                break;
            case StoreOperationKind.DeleteStream:
                _streams.Remove(operation.Name);
                break;
        }

        Applied++;
    }

    /// <summary>Why <paramref name="snapshot"/> differs from the model, or <c>null</c> when it does not.</summary>
    public string? Difference(WorkloadSnapshot snapshot)
    {
        if (snapshot.Records.Count != _records.Count)
        {
            return Describe($"{snapshot.Records.Count} records instead of {_records.Count}");
        }

        foreach (var (key, value) in snapshot.Records)
        {
            if (!_records.TryGetValue(key, out var expected))
            {
                return Describe($"record {key} should not exist");
            }

            if (!expected.AsSpan().SequenceEqual(value))
            {
                return Describe($"record {key} holds {WorkloadText.Describe(value)} instead of {WorkloadText.Describe(expected)}");
            }
        }

        foreach (var (stream, entries) in snapshot.Streams)
        {
            var expected = _streams.TryGetValue(stream, out var list) ? list : [];
            if (entries.Count != expected.Count)
            {
                return Describe($"stream {stream} has {entries.Count} entries instead of {expected.Count}");
            }

            for (var i = 0; i < entries.Count; i++)
            {
                if (!expected[i].AsSpan().SequenceEqual(entries[i]))
                {
                    return Describe($"entry {i} of {stream} holds {WorkloadText.Describe(entries[i])} instead of {WorkloadText.Describe(expected[i])}");
                }
            }
        }

        return null;
    }

    private string Describe(string difference) =>
        string.Create(CultureInfo.InvariantCulture, $"after {Applied} operations: {difference}");
}
