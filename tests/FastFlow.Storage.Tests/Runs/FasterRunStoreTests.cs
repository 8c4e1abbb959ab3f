using FastFlow.Storage.Runs;
using FastFlow.Storage.Stores;
using FastFlow.Storage.Stores.Faster;
using FastFlow.Storage.Tests.Stores;

namespace FastFlow.Storage.Tests.Runs;

/// <summary>The run store's behaviour over FASTER, and that what it wrote is there after a reopen.</summary>
public sealed class FasterRunStoreTests : RunStoreContractTests, IDisposable
{
    private readonly TestDirectory _directory = new();
    private int _stores;

    protected override IStateStore CreateStore() => FasterStateStore.Open(NewPath(), FasterTestOptions.Create());

    public void Dispose() => _directory.Dispose();

    private string NewPath() => Path.Combine(_directory.Path, "store" + Interlocked.Increment(ref _stores));

    [Fact]
    public async Task Everything_is_there_after_dispose_and_reopen()
    {
        var path = NewPath();
        await using (var store = FasterStateStore.Open(path, FasterTestOptions.Create()))
        {
            var runs = new RunStore(store);
            runs.SaveDefinition(new DefinitionRecord { WorkflowId = "orders", Revision = "a", Format = "yaml", Text = "x", StoredAt = T0 });
            runs.SaveDefinition(new DefinitionRecord { WorkflowId = "orders", Revision = "b", Format = "yaml", Text = "y", StoredAt = T0 });
            runs.SaveRun(Run("r-1", "running", T0));
            runs.SaveRun(Run("r-2", "completed", T0, T0.AddMinutes(2)));
            for (var i = 0; i < 200; i++)
            {
                var entry = Entry("task.progress", "t", i);
                entry.Value = new Dictionary<string, object?> { ["i"] = (long)i, ["pi"] = 3.14 };
                runs.AppendHistory("r-" + (1 + (i % 2)), entry, out _);
            }

            for (var id = 1; id <= 4; id++)
            {
                runs.SaveCheckpoint(Checkpoint("r-1", id, "comprehensive"), 3);
            }

            await store.WaitDurableAsync(store.LastTicket);
        }

        await using (var store = FasterStateStore.Open(path, FasterTestOptions.Create()))
        {
            var runs = new RunStore(store);
            Assert.Equal([1, 2], runs.ListDefinitions("orders").Select(static d => d.Number));
            Assert.Equal("y", runs.GetDefinition("orders", "b")!.Text);
            Assert.Equal(["r-1"], runs.ListActiveRunIds());
            Assert.Equal("completed", runs.GetRun("r-2")!.Status);
            Assert.Equal(42L, runs.GetRun("r-1")!.Inputs["order"]);

            var history = runs.ReadHistory("r-1");
            Assert.Equal(100, history.Count);
            Assert.Equal(198, history[^1].Attempt);
            Assert.Equal(99, history[^1].Sequence);
            Assert.Equal(3.14, ((Dictionary<string, object?>)history[^1].Value!)["pi"]);

            Assert.Equal([2L, 3, 4], runs.ListCheckpoints("r-1").Select(static c => c.CheckpointId));
            Assert.Equal(5, runs.NextCheckpointId("r-1"));
            Assert.Equal(4, runs.GetLatestGoodCheckpoint("r-1", out var skipped)!.CheckpointId);
            Assert.Empty(skipped);
            Assert.True(runs.Verify() is { AllGood: true, RecordsChecked: 7, HistoryEntriesChecked: 200 });

            // Numbering and history continue where they were.
            var third = new DefinitionRecord { WorkflowId = "orders", Revision = "c", Format = "yaml", StoredAt = T0 };
            runs.SaveDefinition(third);
            Assert.Equal(3, third.Number);
            Assert.Equal(100, runs.AppendHistory("r-1", Entry("task.completed"), out _));
        }
    }
}
