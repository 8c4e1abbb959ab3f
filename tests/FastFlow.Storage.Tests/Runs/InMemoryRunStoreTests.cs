using FastFlow.Storage.Runs;
using FastFlow.Storage.Stores;

namespace FastFlow.Storage.Tests.Runs;

public sealed class InMemoryRunStoreTests : RunStoreContractTests
{
    protected override IStateStore CreateStore() => new InMemoryStateStore();

    [Fact]
    public async Task Appending_history_allocates_nothing_beyond_what_the_store_allocates_for_the_entry()
    {
        const int Warmup = 2000;
        const int Appends = 1000;
        await using var store = CreateStore();
        var runs = new RunStore(store);
        var entry = Entry("task.completed", "fetch", 1);
        entry.Status = "completed";
        entry.Output = "ok";
        for (var i = 0; i < Warmup; i++)
        {
            runs.AppendHistory("r-1", entry, out _);
        }

        var before = GC.GetAllocatedBytesForCurrentThread();
        for (var i = 0; i < Appends; i++)
        {
            runs.AppendHistory("r-1", entry, out _);
        }

        var perAppend = (GC.GetAllocatedBytesForCurrentThread() - before) / Appends;

        // The store's own cost: the same bytes appended straight to a stream of the same length.
        var bytes = store.Read("run/r-1", 0)[0].Data;
        for (var i = 0; i < Warmup; i++)
        {
            store.Append("baseline", bytes, out _);
        }

        before = GC.GetAllocatedBytesForCurrentThread();
        for (var i = 0; i < Appends; i++)
        {
            store.Append("baseline", bytes, out _);
        }

        var storePerAppend = (GC.GetAllocatedBytesForCurrentThread() - before) / Appends;
        Assert.True(perAppend <= storePerAppend + 8, $"AppendHistory allocates {perAppend} bytes per entry; the store alone {storePerAppend}.");
    }
}
