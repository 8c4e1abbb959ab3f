using FastFlow.Storage.Records;
using FastFlow.Storage.Runs;
using FastFlow.Storage.Stores;

namespace FastFlow.Storage.Tests.Runs;

/// <summary>The behaviour of <see cref="RunStore"/>; run over every <see cref="IStateStore"/>.</summary>
public abstract class RunStoreContractTests
{
    protected static readonly DateTime T0 = new(2026, 11, 24, 8, 0, 0, DateTimeKind.Utc);

    /// <summary>A new, empty store; the test disposes it.</summary>
    protected abstract IStateStore CreateStore();

    protected static RunRecord Run(string runId, string status, DateTime createdAt, DateTime? completedAt = null) => new()
    {
        RunId = runId,
        WorkflowId = "orders",
        DefinitionRevision = "rev-a",
        Status = status,
        Priority = "normal",
        Inputs = new() { ["order"] = 42L, ["express"] = true },
        CreatedAt = createdAt,
        UpdatedAt = completedAt ?? createdAt,
        CompletedAt = completedAt,
    };

    protected static HistoryEntry Entry(string type, string? taskId = null, int attempt = 0) => new()
    {
        At = T0,
        Type = type,
        TaskId = taskId,
        Attempt = attempt,
        Actor = "engine",
    };

    protected static CheckpointRecord Checkpoint(string runId, long id, string level = "standard") => new()
    {
        RunId = runId,
        CheckpointId = id,
        Level = level,
        TakenAt = T0.AddMinutes(id),
        CoversSequence = id * 2,
        RunStatus = "running",
        Tasks = [new TaskRecord { TaskId = "fetch", Status = "completed", Attempts = 1, Output = new Dictionary<string, object?> { ["rows"] = id } }],
        Context = new() { ["step"] = id },
        Reason = "periodic",
    };

    /// <summary>The keys of the done/ index.</summary>
    protected static string[] DoneKeys(IStateStore store) => [.. store.Scan("done/").Select(static p => p.Key)];

    protected static string Ticks(DateTime time) => time.Ticks.ToString("D19", System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>Flips one bit in the middle of a stored record.</summary>
    protected static void FlipABit(IStateStore store, string key)
    {
        Assert.True(store.TryGet(key, out var bytes));
        bytes[bytes.Length / 2] ^= 0x10;
        store.Put(key, bytes);
    }

    [Fact]
    public async Task Definitions_are_numbered_per_workflow_and_a_stored_revision_is_not_written_again()
    {
        await using var store = CreateStore();
        var runs = new RunStore(store);
        var first = new DefinitionRecord { WorkflowId = "orders", Revision = "aaa", Format = "yaml", Text = "name: orders", File = "orders.yaml", StoredAt = T0 };
        runs.SaveDefinition(first);
        runs.SaveDefinition(new DefinitionRecord { WorkflowId = "orders", Revision = "bbb", Format = "json", Text = "{}", StoredAt = T0.AddHours(1) });
        runs.SaveDefinition(new DefinitionRecord { WorkflowId = "billing", Revision = "aaa", Format = "code", StoredAt = T0 });
        runs.SaveDefinition(new DefinitionRecord { WorkflowId = "orders/eu", Revision = "ccc", Format = "yaml", StoredAt = T0 });
        Assert.Equal(1, first.Number);

        var last = store.LastTicket;
        var again = new DefinitionRecord { WorkflowId = "orders", Revision = "aaa", Format = "yaml", Text = "changed?", StoredAt = T0.AddDays(1) };
        Assert.Equal(last, runs.SaveDefinition(again));
        Assert.Equal(last, store.LastTicket);
        Assert.Equal(1, again.Number);

        Assert.Equal([1, 2], runs.ListDefinitions("orders").Select(static d => d.Number));
        Assert.Equal(["bbb"], runs.ListDefinitions("orders").Skip(1).Select(static d => d.Revision));
        Assert.Equal([("billing", 1), ("orders", 1), ("orders", 2), ("orders/eu", 1)],
            runs.ListDefinitions().Select(static d => (d.WorkflowId, d.Number)));

        var read = runs.GetDefinition("orders", "aaa")!;
        Assert.Equal(("yaml", "name: orders", "orders.yaml", T0, DateTimeKind.Utc), (read.Format, read.Text, read.File, read.StoredAt, read.StoredAt.Kind));
        Assert.Null(runs.GetDefinition("orders", "zzz"));
        Assert.True(store.TryGet("def/orders/aaa", out _));
    }

    [Fact]
    public async Task A_run_reads_back_with_every_field()
    {
        await using var store = CreateStore();
        var runs = new RunStore(store);
        var run = Run("r-1", "completed", T0, T0.AddMinutes(5));
        run.StartedAt = T0.AddSeconds(1);
        run.Error = new ErrorRecord { Category = "transient", Message = "retried" };
        run.Outputs = new() { ["total"] = 12.5, ["lines"] = new List<object?> { "a", null, -3L } };
        run.CheckpointLevel = "comprehensive";
        run.Tasks =
        [
            new TaskRecord
            {
                TaskId = "fetch", Status = "completed", Attempts = 2, Output = "ok",
                Error = new ErrorRecord { Category = "timeout", Message = "first attempt" },
                StartedAt = T0.AddSeconds(1), EndedAt = T0.AddSeconds(4), Parameters = new Dictionary<string, object?> { ["url"] = "https://x" },
            },
        ];
        runs.SaveRun(run);

        var back = runs.GetRun("r-1")!;
        Assert.Equal((run.RunId, run.WorkflowId, run.DefinitionRevision, run.Status, run.Priority, run.CheckpointLevel),
            (back.RunId, back.WorkflowId, back.DefinitionRevision, back.Status, back.Priority, back.CheckpointLevel));
        Assert.Equal((run.CreatedAt, run.StartedAt, run.CompletedAt, run.UpdatedAt), (back.CreatedAt, back.StartedAt, back.CompletedAt, back.UpdatedAt));
        Assert.Equal(DateTimeKind.Utc, back.CreatedAt.Kind);
        Assert.Equal(("transient", "retried"), (back.Error!.Category, back.Error.Message));
        Assert.Null(PlainData.Difference(run.Inputs, back.Inputs, "Inputs"));
        Assert.Null(PlainData.Difference(run.Outputs, back.Outputs, "Outputs"));
        var task = Assert.Single(back.Tasks!);
        Assert.Equal(("fetch", "completed", 2, "ok", "timeout"), (task.TaskId, task.Status, task.Attempts, task.Output, task.Error!.Category));
        Assert.Equal((T0.AddSeconds(1), T0.AddSeconds(4)), (task.StartedAt, task.EndedAt));
        Assert.Null(PlainData.Difference(run.Tasks[0].Parameters, task.Parameters, "Parameters"));
        Assert.Null(runs.GetRun("r-2"));
    }

    [Fact]
    public async Task The_active_marker_and_done_entry_follow_a_run_through_failure_retry_and_completion()
    {
        await using var store = CreateStore();
        var runs = new RunStore(store);
        var other = Run("other", "running", T0);
        runs.SaveRun(other);

        var run = Run("r-1", "pending", T0);
        runs.SaveRun(run);
        Assert.Equal(["other", "r-1"], runs.ListActiveRunIds());
        Assert.Empty(DoneKeys(store));

        run.Status = "running";
        run.StartedAt = T0.AddSeconds(1);
        runs.SaveRun(run);
        Assert.Equal(["other", "r-1"], runs.ListActiveRunIds());
        Assert.Empty(DoneKeys(store));

        var failedAt = T0.AddMinutes(1);
        run.Status = "failed";
        run.CompletedAt = failedAt;
        var ticket = runs.SaveRun(run);
        Assert.Equal(store.LastTicket, ticket);
        Assert.Equal(["other"], runs.ListActiveRunIds());
        Assert.Equal(["done/" + Ticks(failedAt) + "/r-1"], DoneKeys(store));

        // Retried: active again, and no longer in the terminal index.
        run.Status = "running";
        run.CompletedAt = null;
        runs.SaveRun(run);
        Assert.Equal(["other", "r-1"], runs.ListActiveRunIds());
        Assert.Empty(DoneKeys(store));

        var completedAt = T0.AddMinutes(3);
        run.Status = "completed";
        run.CompletedAt = completedAt;
        runs.SaveRun(run);
        Assert.Equal(["other"], runs.ListActiveRunIds());
        Assert.Equal(["done/" + Ticks(completedAt) + "/r-1"], DoneKeys(store));
        Assert.Equal("completed", runs.GetRun("r-1")!.Status);

        // Saved again as terminal with another time: one entry, at the new time.
        run.CompletedAt = completedAt.AddSeconds(5);
        runs.SaveRun(run);
        Assert.Equal(["done/" + Ticks(completedAt.AddSeconds(5)) + "/r-1"], DoneKeys(store));
    }

    [Fact]
    public async Task A_run_saved_terminal_at_once_is_indexed_by_completion_or_else_update_time()
    {
        await using var store = CreateStore();
        var runs = new RunStore(store);
        runs.SaveRun(Run("a", "cancelled", T0, T0.AddMinutes(2)));
        var noCompletion = Run("b", "failed", T0);
        noCompletion.UpdatedAt = T0.AddMinutes(1);
        runs.SaveRun(noCompletion);

        Assert.Empty(runs.ListActiveRunIds());
        Assert.Equal(["done/" + Ticks(T0.AddMinutes(1)) + "/b", "done/" + Ticks(T0.AddMinutes(2)) + "/a"], DoneKeys(store));
    }

    [Fact]
    public async Task ListRuns_filters_by_status_and_returns_the_newest_first_up_to_the_limit()
    {
        await using var store = CreateStore();
        var runs = new RunStore(store);
        runs.SaveRun(Run("r-1", "completed", T0, T0.AddMinutes(1)));
        runs.SaveRun(Run("r-2", "running", T0.AddMinutes(2)));
        runs.SaveRun(Run("r-3", "completed", T0.AddMinutes(4), T0.AddMinutes(5)));
        runs.SaveRun(Run("r-4", "pending", T0.AddMinutes(3)));
        runs.SaveRun(Run("r-5", "completed", T0.AddMinutes(3), T0.AddMinutes(9)));

        Assert.Equal(["r-3", "r-4", "r-5", "r-2", "r-1"], runs.ListRuns().Select(static r => r.RunId));
        Assert.Equal(["r-3", "r-5", "r-1"], runs.ListRuns("completed").Select(static r => r.RunId));
        Assert.Equal(["r-3", "r-5"], runs.ListRuns("completed", limit: 2).Select(static r => r.RunId));
        Assert.Equal(["r-3"], runs.ListRuns(limit: 1).Select(static r => r.RunId));
        Assert.Empty(runs.ListRuns("cancelled"));
        Assert.Empty(runs.ListRuns(limit: 0));
        Assert.Throws<ArgumentOutOfRangeException>(() => runs.ListRuns(limit: -1));
    }

    [Fact]
    public async Task History_reads_back_in_order_with_sequences_from_any_point()
    {
        await using var store = CreateStore();
        var runs = new RunStore(store);
        Assert.Equal(0, runs.GetHistoryLength("r-1"));
        Assert.Empty(runs.ReadHistory("r-1"));

        var created = Entry("workflow.created");
        Assert.Equal(0, runs.AppendHistory("r-1", created, out var firstTicket));
        Assert.Equal(0, created.Sequence);
        runs.AppendHistory("r-1", Entry("task.started", "fetch", 1), out _);
        var completed = Entry("task.completed", "fetch", 1);
        completed.Status = "completed";
        completed.Output = new Dictionary<string, object?> { ["rows"] = 3L };
        completed.DueAt = T0.AddHours(1);
        completed.CheckpointId = 7;
        completed.Reason = "done";
        runs.AppendHistory("r-1", completed, out var lastTicket);
        var set = Entry("context.set");
        set.Key = "total";
        set.Value = 12.25;
        set.Error = new ErrorRecord { Category = "validation", Message = "m" };
        Assert.Equal(3, runs.AppendHistory("r-1", set, out _));
        runs.AppendHistory("r-2", Entry("workflow.created"), out _);
        Assert.True(lastTicket > firstTicket);

        var history = runs.ReadHistory("r-1");
        Assert.Equal(["workflow.created", "task.started", "task.completed", "context.set"], history.Select(static e => e.Type));
        Assert.Equal([0L, 1, 2, 3], history.Select(static e => e.Sequence));
        var read = history[2];
        Assert.Equal(("fetch", 1, "engine", "completed", "done", T0.AddHours(1), 7L), (read.TaskId, read.Attempt, read.Actor, read.Status, read.Reason, read.DueAt, read.CheckpointId));
        Assert.Null(PlainData.Difference(completed.Output, read.Output, "Output"));
        Assert.Equal(("total", 12.25, "validation"), (history[3].Key, history[3].Value, history[3].Error!.Category));

        Assert.Equal([2L, 3], runs.ReadHistory("r-1", 2).Select(static e => e.Sequence));
        Assert.Empty(runs.ReadHistory("r-1", 4));
        Assert.Equal(4, runs.GetHistoryLength("r-1"));
        Assert.Equal(1, runs.GetHistoryLength("r-2"));
        var tolerant = runs.ReadHistoryTolerant("r-1", 1);
        Assert.True(tolerant.Complete);
        Assert.Equal([1L, 2, 3], tolerant.Entries.Select(static e => e.Sequence));
    }

    [Fact]
    public async Task Appends_from_several_threads_to_several_runs_keep_every_entry_once_in_each_threads_order()
    {
        const int Threads = 6;
        const int Runs = 4;
        const int PerThreadAndRun = 150;
        await using var store = CreateStore();
        var runs = new RunStore(store);
        using var start = new Barrier(Threads);
        var workers = Enumerable.Range(0, Threads).Select(thread => Task.Factory.StartNew(() =>
        {
            start.SignalAndWait();
            for (var i = 0; i < PerThreadAndRun; i++)
            {
                for (var r = 0; r < Runs; r++)
                {
                    var entry = Entry("task.progress", "t" + thread, thread);
                    entry.Value = (long)i;
                    var sequence = runs.AppendHistory("run-" + r, entry, out _);
                    Assert.Equal(sequence, entry.Sequence);
                }
            }
        }, TaskCreationOptions.LongRunning)).ToArray();
        await Task.WhenAll(workers);

        for (var r = 0; r < Runs; r++)
        {
            var history = runs.ReadHistory("run-" + r);
            Assert.Equal(Threads * PerThreadAndRun, history.Count);
            Assert.Equal(Enumerable.Range(0, history.Count).Select(static i => (long)i), history.Select(static e => e.Sequence));
            for (var thread = 0; thread < Threads; thread++)
            {
                var mine = history.Where(e => e.Attempt == thread).Select(static e => (long)e.Value!);
                Assert.Equal(Enumerable.Range(0, PerThreadAndRun).Select(static i => (long)i), mine);
            }
        }
    }

    [Fact]
    public async Task Checkpoints_beyond_the_retention_are_deleted_oldest_first_and_ids_keep_growing()
    {
        await using var store = CreateStore();
        var runs = new RunStore(store);
        Assert.Equal(1, runs.NextCheckpointId("r-1"));
        Assert.Empty(runs.ListCheckpoints("r-1"));
        Assert.Null(runs.GetLatestGoodCheckpoint("r-1", out var none));
        Assert.Empty(none);

        for (var i = 0; i < 5; i++)
        {
            var id = runs.NextCheckpointId("r-1");
            Assert.Equal(i + 1, id);
            var ticket = runs.SaveCheckpoint(Checkpoint("r-1", id), maxCheckpointsPerRun: 3);
            Assert.Equal(store.LastTicket, ticket);
        }

        runs.SaveCheckpoint(Checkpoint("r-10", 1), maxCheckpointsPerRun: 3);

        var infos = runs.ListCheckpoints("r-1");
        Assert.Equal([3L, 4, 5], infos.Select(static c => c.CheckpointId));
        Assert.All(infos, static c => Assert.False(c.Corrupt));
        Assert.Equal(new CheckpointInfo(5, "standard", T0.AddMinutes(5), 10, "running", "periodic", false, null), infos[^1]);
        Assert.Equal(6, runs.NextCheckpointId("r-1"));
        Assert.Null(runs.GetCheckpoint("r-1", 2));
        Assert.Equal([1L], runs.ListCheckpoints("r-10").Select(static c => c.CheckpointId));

        var four = runs.GetCheckpoint("r-1", 4)!;
        Assert.Equal(("r-1", 4L, "running", 8L), (four.RunId, four.CheckpointId, four.RunStatus, four.CoversSequence));
        Assert.Equal(4L, ((Dictionary<string, object?>)four.Tasks[0].Output!)["rows"]);
        Assert.Equal(4L, four.Context!["step"]);

        // Retention down to one keeps the newest.
        runs.SaveCheckpoint(Checkpoint("r-1", 6), maxCheckpointsPerRun: 1);
        Assert.Equal([6L], runs.ListCheckpoints("r-1").Select(static c => c.CheckpointId));
        Assert.Equal(7, runs.NextCheckpointId("r-1"));
    }

    [Fact]
    public async Task A_checkpoint_record_carries_its_level_in_the_header_and_numbers_its_history()
    {
        await using var store = CreateStore();
        var runs = new RunStore(store);
        var checkpoint = Checkpoint("r-1", 1, "comprehensive");
        checkpoint.CoversSequence = 12;
        checkpoint.History = [Entry("task.started", "a"), Entry("task.completed", "a")];
        runs.SaveCheckpoint(checkpoint, 5);

        Assert.True(store.TryGet("ckpt/r-1/0000000000000000001", out var bytes));
        var decoded = runs.Codec.Decode<CheckpointRecord>(bytes, RecordKind.Checkpoint);
        Assert.Equal(CheckpointLevel.Comprehensive, decoded.Header.Level);
        Assert.Equal([10L, 11], runs.GetCheckpoint("r-1", 1)!.History!.Select(static e => e.Sequence));

        runs.SaveRun(Run("r-1", "running", T0));
        Assert.True(store.TryGet("run/r-1", out var runBytes));
        Assert.Equal(CheckpointLevel.Standard, runs.Codec.Decode<RunRecord>(runBytes, RecordKind.RunState).Header.Level);

        Assert.Throws<ArgumentException>(() => runs.SaveCheckpoint(Checkpoint("r-1", 2, "verbose"), 5));
        Assert.Throws<ArgumentOutOfRangeException>(() => runs.SaveCheckpoint(Checkpoint("r-1", 0), 5));
        Assert.Throws<ArgumentOutOfRangeException>(() => runs.SaveCheckpoint(Checkpoint("r-1", 2), 0));
        Assert.Null(runs.GetCheckpoint("r-1", 2));
    }

    [Fact]
    public async Task A_damaged_checkpoint_is_skipped_for_the_previous_one_and_reported_by_its_key()
    {
        await using var store = CreateStore();
        var runs = new RunStore(store);
        for (var id = 1; id <= 3; id++)
        {
            runs.SaveCheckpoint(Checkpoint("r-1", id), 5);
        }

        FlipABit(store, "ckpt/r-1/0000000000000000003");

        var good = runs.GetLatestGoodCheckpoint("r-1", out var skipped);
        Assert.Equal(2, good!.CheckpointId);
        var report = Assert.Single(skipped);
        Assert.Equal("ckpt/r-1/0000000000000000003", report.Where);
        Assert.Equal("Checkpoint", report.Kind);
        Assert.Null(report.Sequence);
        Assert.Contains("Hash", report.Problem, StringComparison.Ordinal);

        var infos = runs.ListCheckpoints("r-1");
        Assert.Equal([false, false, true], infos.Select(static c => c.Corrupt));
        Assert.Equal(report.Problem, infos[2].Problem);
        Assert.Equal(4, runs.NextCheckpointId("r-1"));

        var ex = Assert.Throws<CorruptRecordException>(() => runs.GetCheckpoint("r-1", 3));
        Assert.Equal("ckpt/r-1/0000000000000000003", ex.RecordName);
        Assert.Equal(RecordCheck.Hash, ex.Check);

        var verify = runs.Verify();
        Assert.False(verify.AllGood);
        Assert.Equal(["ckpt/r-1/0000000000000000003"], verify.Corrupt.Select(static c => c.Where));

        // Every checkpoint damaged: none to fall back to, all reported newest first.
        FlipABit(store, "ckpt/r-1/0000000000000000002");
        FlipABit(store, "ckpt/r-1/0000000000000000001");
        Assert.Null(runs.GetLatestGoodCheckpoint("r-1", out var all));
        Assert.Equal(["ckpt/r-1/0000000000000000003", "ckpt/r-1/0000000000000000002", "ckpt/r-1/0000000000000000001"], all.Select(static c => c.Where));
    }

    [Fact]
    public async Task A_damaged_history_entry_stops_a_tolerant_read_and_is_reported_with_its_sequence()
    {
        await using var store = CreateStore();
        var runs = new RunStore(store);
        runs.SaveRun(Run("r-1", "running", T0));
        for (var i = 0; i < 3; i++)
        {
            runs.AppendHistory("r-1", Entry("task.started", "t" + i), out _);
        }

        Assert.Equal(3, store.Append("run/r-1", "garbage, not a record"u8));
        runs.AppendHistory("r-1", Entry("task.completed", "t0"), out _);

        var read = runs.ReadHistoryTolerant("r-1");
        Assert.False(read.Complete);
        Assert.Equal([0L, 1, 2], read.Entries.Select(static e => e.Sequence));
        Assert.Equal(new CorruptRecordReport("run/r-1#3", "RunEvent", read.StoppedAt!.Problem, 3), read.StoppedAt);
        Assert.Contains("run/r-1#3", read.StoppedAt.Problem, StringComparison.Ordinal);

        var ex = Assert.Throws<CorruptRecordException>(() => runs.ReadHistory("r-1"));
        Assert.Equal("run/r-1#3", ex.RecordName);
        Assert.Equal(RecordCheck.Magic, ex.Check);
        Assert.Equal(["task.completed"], runs.ReadHistory("r-1", 4).Select(static e => e.Type));

        var verify = runs.Verify();
        Assert.Equal(1, verify.RecordsChecked);
        Assert.Equal(5, verify.HistoryEntriesChecked);
        var report = Assert.Single(verify.Corrupt);
        Assert.Equal(("run/r-1#3", 3L), (report.Where, report.Sequence));
    }

    [Fact]
    public async Task A_damaged_run_record_is_left_out_of_lists_thrown_by_GetRun_and_reported_by_Verify()
    {
        await using var store = CreateStore();
        var runs = new RunStore(store);
        runs.SaveDefinition(new DefinitionRecord { WorkflowId = "orders", Revision = "a", Format = "yaml", StoredAt = T0 });
        runs.SaveRun(Run("r-1", "running", T0));
        runs.SaveRun(Run("r-2", "running", T0.AddMinutes(1)));
        runs.AppendHistory("r-2", Entry("workflow.created"), out _);
        runs.SaveCheckpoint(Checkpoint("r-2", 1), 3);
        Assert.True(runs.Verify() is { AllGood: true, RecordsChecked: 4, HistoryEntriesChecked: 1 });

        FlipABit(store, "run/r-2");
        FlipABit(store, "def/orders/a");

        Assert.Equal(["r-1"], runs.ListRuns().Select(static r => r.RunId));
        Assert.Empty(runs.ListDefinitions());
        Assert.Equal("run/r-2", Assert.Throws<CorruptRecordException>(() => runs.GetRun("r-2")).RecordName);
        Assert.Throws<CorruptRecordException>(() => runs.GetDefinition("orders", "a"));

        var verify = runs.Verify();
        Assert.Equal([("def/orders/a", "Definition"), ("run/r-2", "RunState")], verify.Corrupt.Select(static c => (c.Where, c.Kind)));
        Assert.Equal(4, verify.RecordsChecked);
        Assert.Equal(1, verify.HistoryEntriesChecked);

        // Saving the same revision again repairs it under a fresh number.
        var again = new DefinitionRecord { WorkflowId = "orders", Revision = "a", Format = "yaml", StoredAt = T0 };
        runs.SaveDefinition(again);
        Assert.Equal(1, again.Number);
        Assert.NotNull(runs.GetDefinition("orders", "a"));
    }

    [Fact]
    public async Task Pruning_keeps_the_newest_terminal_runs_and_leaves_active_ones_alone()
    {
        await using var store = CreateStore();
        var runs = new RunStore(store);
        // Completion order differs from creation and id order on purpose.
        var completions = new[] { 5, 1, 4, 2, 3 };
        for (var i = 0; i < completions.Length; i++)
        {
            var id = "done-" + i;
            runs.SaveRun(Run(id, "running", T0.AddMinutes(i)));
            runs.AppendHistory(id, Entry("workflow.created"), out _);
            runs.SaveCheckpoint(Checkpoint(id, 1), 3);
            runs.SaveRun(Run(id, i % 2 == 0 ? "completed" : "failed", T0.AddMinutes(i), T0.AddHours(completions[i])));
        }

        runs.SaveRun(Run("active-1", "running", T0));
        runs.SaveRun(Run("active-2", "pending", T0));
        runs.AppendHistory("active-1", Entry("workflow.created"), out _);

        Assert.Equal(3, runs.PruneTerminalRuns(keep: 2));

        // Kept: completed at hours 5 and 4, that is done-0 and done-2.
        Assert.Equal(["active-1", "active-2", "done-0", "done-2"], runs.ListRuns().Select(static r => r.RunId).Order(StringComparer.Ordinal));
        Assert.Equal(["active-1", "active-2"], runs.ListActiveRunIds());
        Assert.Equal(["done/" + Ticks(T0.AddHours(4)) + "/done-2", "done/" + Ticks(T0.AddHours(5)) + "/done-0"], DoneKeys(store));
        foreach (var gone in new[] { "done-1", "done-3", "done-4" })
        {
            Assert.Equal(0, runs.GetHistoryLength(gone));
            Assert.Empty(runs.ListCheckpoints(gone));
        }

        Assert.Equal(1, runs.GetHistoryLength("done-0"));
        Assert.Equal(1, runs.GetHistoryLength("active-1"));
        Assert.Equal(0, runs.PruneTerminalRuns(keep: 2));
        Assert.Equal(2, runs.PruneTerminalRuns(keep: 0));
        Assert.Equal(["active-1", "active-2"], runs.ListRuns().Select(static r => r.RunId).Order(StringComparer.Ordinal));
        Assert.True(runs.Verify().AllGood);
    }

    [Fact]
    public async Task Pruning_drops_a_stale_index_entry_of_a_run_indexed_again_without_deleting_the_run()
    {
        await using var store = CreateStore();
        var runs = new RunStore(store);
        runs.SaveRun(Run("r-1", "completed", T0, T0.AddMinutes(1)));

        // As a crash between writes could leave it: an older entry that no longer applies.
        store.Put("done/" + Ticks(T0) + "/r-1", []);
        Assert.Equal(2, DoneKeys(store).Length);

        Assert.Equal(0, runs.PruneTerminalRuns(keep: 1));
        Assert.Equal(["done/" + Ticks(T0.AddMinutes(1)) + "/r-1"], DoneKeys(store));
        Assert.NotNull(runs.GetRun("r-1"));
    }

    [Fact]
    public async Task DeleteRun_removes_the_record_indexes_checkpoints_and_history_of_that_run_only()
    {
        await using var store = CreateStore();
        var runs = new RunStore(store);
        foreach (var id in new[] { "r-1", "r-1/x", "r-10" })
        {
            runs.SaveRun(Run(id, "running", T0));
            runs.AppendHistory(id, Entry("workflow.created"), out _);
            runs.SaveCheckpoint(Checkpoint(id, 1), 3);
        }

        runs.SaveRun(Run("r-1", "completed", T0, T0.AddMinutes(1)));
        runs.DeleteRun("r-1");

        Assert.Null(runs.GetRun("r-1"));
        Assert.Equal(0, runs.GetHistoryLength("r-1"));
        Assert.Empty(runs.ListCheckpoints("r-1"));
        Assert.Empty(DoneKeys(store));
        Assert.Equal(["r-1/x", "r-10"], runs.ListActiveRunIds());
        foreach (var id in new[] { "r-1/x", "r-10" })
        {
            Assert.NotNull(runs.GetRun(id));
            Assert.Equal(1, runs.GetHistoryLength(id));
            Assert.Single(runs.ListCheckpoints(id));
        }

        runs.DeleteRun("r-10");
        Assert.Equal(["r-1/x"], runs.ListActiveRunIds());
        runs.DeleteRun("never-stored");
    }

    [Fact]
    public async Task Arguments_are_checked()
    {
        await using var store = CreateStore();
        var runs = new RunStore(store);
        Assert.Throws<ArgumentNullException>(() => new RunStore(null!));
        Assert.Throws<ArgumentNullException>(() => runs.SaveRun(null!));
        Assert.Throws<ArgumentException>(() => runs.SaveRun(new RunRecord { RunId = "" }));
        Assert.Throws<ArgumentException>(() => runs.SaveDefinition(new DefinitionRecord { WorkflowId = "w", Revision = "" }));
        Assert.Throws<ArgumentException>(() => runs.AppendHistory("", Entry("x"), out _));
        Assert.Throws<ArgumentNullException>(() => runs.AppendHistory("r", null!, out _));
        Assert.Throws<ArgumentOutOfRangeException>(() => runs.ReadHistory("r", -1));
        Assert.Throws<ArgumentOutOfRangeException>(() => runs.PruneTerminalRuns(-1));
        Assert.Same(RecordCodec.Default, runs.Codec);
        Assert.Same(store, runs.Store);
        Assert.True(RunStore.IsTerminalStatus("cancelled"));
        Assert.False(RunStore.IsTerminalStatus("in_progress"));
    }
}
