using CsCheck;
using FastFlow.Storage.Stores;
using FastFlow.Storage.Stores.Faster;

namespace FastFlow.Storage.Tests.Stores;

/// <summary>
/// Random sequences of operations applied to a store and to a plain model (a dictionary and lists)
/// give the same reads; for the FASTER store the sequences also dispose and reopen the store, and
/// "crash" it (close it with no checkpoint and no last commit, after waiting for durability), so
/// every later read also checks recovery.
/// </summary>
public sealed class StateStoreModelTests
{
    private static readonly string[] s_keys = ["a", "a/1", "a/2", "a/10", "ab", "b", "b/x", "é", "run/1/state"];
    private static readonly string[] s_streams = ["s", "s/1", "run/1/history"];

    public enum Kind
    {
        Put,
        Delete,
        Append,
        DeleteStream,
        Reopen,
        Crash,
        Compact,
    }

    public sealed record Operation(Kind Kind, int Name, byte[] Value)
    {
        public override string ToString() => Kind switch
        {
            Kind.Put => $"Put({s_keys[Name]}, {Value.Length} bytes)",
            Kind.Delete => $"Delete({s_keys[Name]})",
            Kind.Append => $"Append({s_streams[Name]}, {Value.Length} bytes)",
            Kind.DeleteStream => $"DeleteStream({s_streams[Name]})",
            _ => Kind.ToString(),
        };
    }

    private static Gen<Operation[]> Operations(bool durable)
    {
        var value = Gen.Byte.Array[0, 300];
        var put = Gen.Select(Gen.Int[0, s_keys.Length - 1], value, (k, v) => new Operation(Kind.Put, k, v));
        var delete = Gen.Int[0, s_keys.Length - 1].Select(k => new Operation(Kind.Delete, k, []));
        var append = Gen.Select(Gen.Int[0, s_streams.Length - 1], value, (s, v) => new Operation(Kind.Append, s, v));
        var deleteStream = Gen.Int[0, s_streams.Length - 1].Select(s => new Operation(Kind.DeleteStream, s, []));
        var operation = durable
            ? Gen.Frequency(
                (30, put), (12, delete), (25, append), (4, deleteStream),
                (3, Gen.Const(new Operation(Kind.Reopen, 0, []))),
                (3, Gen.Const(new Operation(Kind.Crash, 0, []))),
                (2, Gen.Const(new Operation(Kind.Compact, 0, []))))
            : Gen.Frequency((30, put), (12, delete), (25, append), (4, deleteStream), (2, Gen.Const(new Operation(Kind.Compact, 0, []))));
        return operation.Array[1, 80];
    }

    [Fact]
    public void The_in_memory_store_reads_like_the_model()
    {
        Operations(durable: false).Sample(operations =>
            Run(operations, () => new InMemoryStateStore(), _ => throw new InvalidOperationException()).GetAwaiter().GetResult(),
            iter: 300);
    }

    [Fact]
    public void The_faster_store_reads_like_the_model_across_reopens_and_crashes()
    {
        using var root = new TestDirectory();
        var stores = 0;
        Operations(durable: true).Sample(operations =>
        {
            var path = Path.Combine(root.Path, "s" + Interlocked.Increment(ref stores));
            var options = FasterTestOptions.Create(StoreDurability.Batched, checkpointLogBytes: 8 * 1024);
            Run(operations, () => FasterStateStore.Open(path, options), async store =>
            {
                var faster = (FasterStateStore)store;
                await faster.WaitDurableAsync(faster.LastTicket);
                await faster.CrashAsync();
                return FasterStateStore.Open(path, options);
            }).GetAwaiter().GetResult();
        }, iter: 40, threads: 2);
    }

    private static async Task Run(Operation[] operations, Func<IStateStore> open, Func<IStateStore, Task<IStateStore>> crash)
    {
        var records = new Dictionary<string, byte[]>(StringComparer.Ordinal);
        var streams = new Dictionary<string, List<byte[]>>(StringComparer.Ordinal);
        var store = open();
        try
        {
            foreach (var operation in operations)
            {
                switch (operation.Kind)
                {
                    case Kind.Put:
                        store.Put(s_keys[operation.Name], operation.Value);
                        records[s_keys[operation.Name]] = operation.Value;
                        break;
                    case Kind.Delete:
                        Assert.Equal(records.Remove(s_keys[operation.Name]), store.Delete(s_keys[operation.Name]));
                        break;
                    case Kind.Append:
                        var name = s_streams[operation.Name];
                        if (!streams.TryGetValue(name, out var entries))
                        {
                            streams[name] = entries = [];
                        }

                        Assert.Equal(entries.Count, store.Append(name, operation.Value));
                        entries.Add(operation.Value);
                        break;
                    case Kind.DeleteStream:
                        store.DeleteStream(s_streams[operation.Name]);
                        streams.Remove(s_streams[operation.Name]);
                        break;
                    case Kind.Reopen:
                        await store.DisposeAsync();
                        store = open();
                        AssertSame(store, records, streams);
                        break;
                    case Kind.Crash:
                        store = await crash(store);
                        AssertSame(store, records, streams);
                        break;
                    case Kind.Compact:
                        await store.CompactAsync();
                        break;
                }
            }

            AssertSame(store, records, streams);
        }
        finally
        {
            await store.DisposeAsync();
        }
    }

    private static void AssertSame(IStateStore store, Dictionary<string, byte[]> records, Dictionary<string, List<byte[]>> streams)
    {
        foreach (var key in s_keys)
        {
            Assert.Equal(records.TryGetValue(key, out var expected), store.TryGet(key, out var actual));
            Assert.Equal(expected, actual);
        }

        foreach (var prefix in (string[])["", "a", "a/", "b", "run/", "zz"])
        {
            var expected = records.Where(p => p.Key.StartsWith(prefix, StringComparison.Ordinal))
                .OrderBy(p => p.Key, StringComparer.Ordinal).ToArray();
            var actual = store.Scan(prefix);
            Assert.Equal(expected.Select(p => p.Key), actual.Select(p => p.Key));
            Assert.Equal(expected.Select(p => p.Value), actual.Select(p => p.Value));
        }

        foreach (var name in s_streams)
        {
            var expected = streams.TryGetValue(name, out var entries) ? entries : [];
            Assert.Equal(expected.Count, store.GetStreamLength(name));
            var read = store.Read(name);
            Assert.Equal(Enumerable.Range(0, expected.Count).Select(i => (long)i), read.Select(e => e.Sequence));
            Assert.Equal(expected, read.Select(e => e.Data));
            Assert.Equal(expected.Skip(1), store.Read(name, 1).Select(e => e.Data));
        }

        var statistics = store.GetStatistics();
        Assert.Equal(records.Count, statistics.RecordCount);
        Assert.Equal(streams.Count, statistics.StreamCount);
        Assert.Equal(streams.Values.Sum(e => e.Count), statistics.StreamEntryCount);
    }
}
