using System.Text.Json;
using FastFlow.Cli.Tests.Support;

namespace FastFlow.Cli.Tests;

/// <summary>Runs kept in a data directory: <c>run</c> persists by default, and <c>status</c>,
/// <c>runs</c>, <c>history</c>, <c>checkpoints</c>, <c>resume</c>, <c>cancel</c> and <c>rollback</c>
/// find them again in a later process.</summary>
public sealed class DurableRunTests : IDisposable
{
    private const string Quick = """
        id: quick
        name: Quick flow
        tasks:
          first: { action: set, parameters: { values: { rows: 3 } } }
          second: { action: noop, dependencies: [first], parameters: { rows: "${{ tasks.first.output.rows }}" } }
        outputs:
          rows: "${{ tasks.second.output.rows }}"
        """;

    /// <summary>A run that waits in its second task, to be killed there.</summary>
    private const string Slow = """
        id: slow
        tasks:
          first: { action: noop }
          wait: { action: delay, dependencies: [first], parameters: { seconds: 2 } }
          after: { action: noop, dependencies: [wait] }
        """;

    /// <summary>A run whose middle task fails until the file <c>ready.flag</c> exists; on_failure
    /// says what the run does then.</summary>
    private static string Gate(string onFailure) => $$$"""
        id: gated
        tasks:
          prepare: { action: set, parameters: { values: { batch: 7 } } }
          check:
            action: exec
            dependencies: [prepare]
            retry_count: 0
            on_failure: {{{onFailure}}}
            parameters: { command: test, args: [-f, ready.flag] }
          publish: { action: noop, dependencies: [check], parameters: { batch: "${{ tasks.prepare.output.batch }}" } }
        outputs:
          batch: "${{ tasks.publish.output.batch }}"
        """;

    private readonly TempDirectory _dir = new();

    public void Dispose() => _dir.Dispose();

    [Fact]
    public async Task A_run_is_kept_in_dot_fastflow_by_default_and_status_shows_it_completed_with_its_outputs()
    {
        _dir.Write("quick.yaml", Quick);

        var run = await Tool.RunAsync(_dir.Path, "run", "quick.yaml", "--json");
        var status = await Tool.RunAsync(_dir.Path, "status", RunId(run), "--json");

        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.True(File.Exists(_dir.Combine(".fastflow", "FORMAT")));
        Assert.True(status.ExitCode == 0, status.ToString());
        var ran = run.Json();
        var stored = status.Json();
        Assert.Equal(
            ["run_id", "workflow_id", "status", "started_at", "completed_at", "duration_ms", "tasks", "outputs"],
            stored.EnumerateObject().Select(static p => p.Name));
        foreach (var field in new[] { "run_id", "workflow_id", "status", "started_at", "completed_at", "tasks", "outputs" })
        {
            Assert.Equal(ran.GetProperty(field).GetRawText(), stored.GetProperty(field).GetRawText());
        }

        Assert.Equal(3, stored.GetProperty("outputs").GetProperty("rows").GetInt64());
        Assert.Equal(3, stored.GetProperty("tasks").GetProperty("second").GetProperty("output").GetProperty("rows").GetInt64());
    }

    [Fact]
    public async Task The_summary_names_the_run_and_status_prints_the_same_summary()
    {
        _dir.Write("quick.yaml", Quick);

        var run = await Tool.RunAsync(_dir.Path, "run", "quick.yaml", "--run-id", "first-try");
        var status = await Tool.RunAsync(_dir.Path, "status", "first-try");

        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.Contains(run.Lines, static l => l.EndsWith("workflow.created quick run first-try", StringComparison.Ordinal));
        Assert.Contains("run first-try", run.Lines);
        Assert.True(status.ExitCode == 0, status.ToString());
        Assert.StartsWith("Quick flow (quick) completed in ", status.StdOut, StringComparison.Ordinal);
        Assert.Contains("run first-try", status.Lines);
        Assert.Contains(status.Lines, static l => l.Contains("│ second", StringComparison.Ordinal) && l.Contains("completed", StringComparison.Ordinal));
        Assert.Equal("rows: 3", status.Lines[^1]);
    }

    [Fact]
    public async Task In_memory_writes_no_data_directory()
    {
        _dir.Write("quick.yaml", Quick);

        var result = await Tool.RunAsync(_dir.Path, "run", "quick.yaml", "--in-memory", "--json");

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Equal("completed", result.Json().GetProperty("status").GetString());
        Assert.False(Directory.Exists(_dir.Combine(".fastflow")));
    }

    [Fact]
    public async Task Data_puts_the_run_in_the_directory_given()
    {
        _dir.Write("quick.yaml", Quick);

        var run = await Tool.RunAsync(_dir.Path, "run", "quick.yaml", "--data", "state/runs", "--json");
        var elsewhere = await Tool.RunAsync(_dir.Path, "status", RunId(run));
        var there = await Tool.RunAsync(_dir.Path, "status", RunId(run), "--data", "state/runs", "--json");

        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.False(Directory.Exists(_dir.Combine(".fastflow")));
        Assert.True(elsewhere.ExitCode == 2, elsewhere.ToString());
        Assert.True(there.ExitCode == 0, there.ToString());
        Assert.Equal("completed", there.Json().GetProperty("status").GetString());
    }

    [Fact]
    public async Task Runs_lists_the_runs_newest_first_with_a_status_filter_and_a_limit()
    {
        _dir.Write("quick.yaml", Quick);
        _dir.Write("fail.yaml", "id: failing\ntasks:\n  broken: { action: fail, parameters: { category: permanent, message: disk full } }\n");
        Assert.Equal(0, (await Tool.RunAsync(_dir.Path, "run", "quick.yaml", "--run-id", "one", "--quiet")).ExitCode);
        Assert.Equal(1, (await Tool.RunAsync(_dir.Path, "run", "fail.yaml", "--run-id", "two", "--quiet")).ExitCode);

        var all = await Tool.RunAsync(_dir.Path, "runs", "--json");
        var failed = await Tool.RunAsync(_dir.Path, "runs", "--status", "failed", "--json");
        var newest = await Tool.RunAsync(_dir.Path, "runs", "--limit", "1", "--json");
        var table = await Tool.RunAsync(_dir.Path, "runs");

        Assert.True(all.ExitCode == 0, all.ToString());
        var runs = all.Json().GetProperty("runs").EnumerateArray().ToList();
        Assert.Equal(["two", "one"], runs.Select(static r => r.GetProperty("run_id").GetString()));
        Assert.Equal(
            ["run_id", "workflow_id", "status", "created_at", "started_at", "completed_at", "error"],
            runs[0].EnumerateObject().Select(static p => p.Name));
        Assert.Equal(("failing", "failed"), (runs[0].GetProperty("workflow_id").GetString(), runs[0].GetProperty("status").GetString()));
        Assert.Equal("permanent", runs[0].GetProperty("error").GetProperty("category").GetString());
        Assert.Equal(JsonValueKind.Null, runs[1].GetProperty("error").ValueKind);
        Assert.Matches(@"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$", runs[1].GetProperty("completed_at").GetString()!);
        Assert.Equal(["two"], failed.Json().GetProperty("runs").EnumerateArray().Select(static r => r.GetProperty("run_id").GetString()));
        Assert.Equal(["two"], newest.Json().GetProperty("runs").EnumerateArray().Select(static r => r.GetProperty("run_id").GetString()));
        Assert.True(table.ExitCode == 0, table.ToString());
        Assert.Contains(table.Lines, static l => l.Contains("│ one ", StringComparison.Ordinal) && l.Contains("quick", StringComparison.Ordinal) && l.Contains("completed", StringComparison.Ordinal));
        Assert.Contains("2 runs in .fastflow", table.Lines);
    }

    [Fact]
    public async Task History_lists_every_transition_with_its_documented_fields()
    {
        _dir.Write("quick.yaml", Quick);
        Assert.Equal(0, (await Tool.RunAsync(_dir.Path, "run", "quick.yaml", "--run-id", "h1", "--quiet")).ExitCode);

        var result = await Tool.RunAsync(_dir.Path, "history", "h1", "--json");
        var table = await Tool.RunAsync(_dir.Path, "history", "h1");

        Assert.True(result.ExitCode == 0, result.ToString());
        var json = result.Json();
        Assert.Equal("h1", json.GetProperty("run_id").GetString());
        Assert.Equal(JsonValueKind.Null, json.GetProperty("damaged").ValueKind);
        var entries = json.GetProperty("entries").EnumerateArray().ToList();
        Assert.Equal(
            ["sequence", "at", "type", "task", "attempt", "actor", "status", "reason", "error", "due_at", "checkpoint_id"],
            entries[0].EnumerateObject().Select(static p => p.Name));
        Assert.Equal(Enumerable.Range(0, entries.Count), entries.Select(static e => e.GetProperty("sequence").GetInt32()));
        Assert.Equal(("workflow.created", "engine", "pending"),
            (entries[0].GetProperty("type").GetString(), entries[0].GetProperty("actor").GetString(), entries[0].GetProperty("status").GetString()));
        var completed = entries.Single(static e => e.GetProperty("type").GetString() == "task.completed" && e.GetProperty("task").GetString() == "second");
        Assert.Equal(1, completed.GetProperty("attempt").GetInt32());
        Assert.Equal("completed", completed.GetProperty("status").GetString());
        Assert.Equal("workflow.completed", entries.Last(static e => e.GetProperty("type").GetString()!.StartsWith("workflow.", StringComparison.Ordinal)).GetProperty("type").GetString());
        Assert.True(table.ExitCode == 0, table.ToString());
        Assert.Contains(table.Lines, static l => l.Contains("task.completed", StringComparison.Ordinal) && l.Contains("second", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_failure_with_on_failure_pause_is_rolled_back_and_resumed_to_the_end_once_its_cause_is_fixed()
    {
        _dir.Write("gate.yaml", Gate("pause"));

        var run = await Tool.RunAsync(_dir.Path, "run", "gate.yaml", "--run-id", "g1");
        Assert.True(run.ExitCode == 4, run.ToString());
        Assert.Contains("paused: task check failed and its on_failure is pause.", run.Lines);
        Assert.Contains(run.Lines, static l => l.Contains("`fastflow resume g1` tries it again", StringComparison.Ordinal));

        var paused = await Tool.RunAsync(_dir.Path, "status", "g1", "--json");
        Assert.True(paused.ExitCode == 4, paused.ToString());
        var pausedJson = paused.Json();
        Assert.Equal("paused", pausedJson.GetProperty("status").GetString());
        Assert.Equal("completed", TaskStatus(pausedJson, "prepare"));
        Assert.Equal("failed", TaskStatus(pausedJson, "check"));
        Assert.Equal("transient", pausedJson.GetProperty("tasks").GetProperty("check").GetProperty("error").GetProperty("category").GetString());
        Assert.Equal("pending", TaskStatus(pausedJson, "publish"));

        var checkpoints = await Tool.RunAsync(_dir.Path, "checkpoints", "g1", "--json");
        Assert.True(checkpoints.ExitCode == 0, checkpoints.ToString());
        var list = checkpoints.Json().GetProperty("checkpoints").EnumerateArray().ToList();
        var first = Assert.Single(list);
        Assert.Equal(
            ["checkpoint_id", "level", "taken_at", "covers", "run_status", "reason", "corrupt", "problem"],
            first.EnumerateObject().Select(static p => p.Name));
        Assert.Equal(("standard", "paused", false), (first.GetProperty("level").GetString(), first.GetProperty("run_status").GetString(), first.GetProperty("corrupt").GetBoolean()));
        Assert.True(first.GetProperty("covers").GetInt64() > 0);
        var checkpointId = first.GetProperty("checkpoint_id").GetInt64().ToString(System.Globalization.CultureInfo.InvariantCulture);

        var rollback = await Tool.RunAsync(_dir.Path, "rollback", "g1", "--checkpoint", checkpointId);
        Assert.True(rollback.ExitCode == 0, rollback.ToString());
        Assert.StartsWith($"rolled back run g1 to checkpoint {checkpointId} (workflow.paused, taken ", rollback.StdOut, StringComparison.Ordinal);
        Assert.Contains(rollback.Lines, static l => l.Contains("│ prepare", StringComparison.Ordinal) && l.Contains("completed", StringComparison.Ordinal));
        Assert.Contains(rollback.Lines, static l => l.Contains("│ check", StringComparison.Ordinal) && l.Contains("pending", StringComparison.Ordinal));

        var rolledBack = (await Tool.RunAsync(_dir.Path, "status", "g1", "--json")).Json();
        Assert.Equal("paused", rolledBack.GetProperty("status").GetString());
        Assert.Equal("pending", TaskStatus(rolledBack, "check"));
        var history = (await Tool.RunAsync(_dir.Path, "history", "g1", "--json")).Json().GetProperty("entries").EnumerateArray().ToList();
        var entry = history.Single(static e => e.GetProperty("type").GetString() == "run.rolled_back");
        Assert.Equal(("cli", long.Parse(checkpointId, System.Globalization.CultureInfo.InvariantCulture)),
            (entry.GetProperty("actor").GetString(), entry.GetProperty("checkpoint_id").GetInt64()));

        _dir.Write("ready.flag", "ready");
        var resume = await Tool.RunAsync(_dir.Path, "resume", "g1");
        Assert.True(resume.ExitCode == 0, resume.ToString());
        Assert.Contains(resume.Lines, static l => l.EndsWith("workflow.resumed gated", StringComparison.Ordinal));
        Assert.Contains(resume.Lines, static l => l.EndsWith("task.completed publish", StringComparison.Ordinal) || l.Contains("task.completed publish (", StringComparison.Ordinal));
        Assert.DoesNotContain(resume.Lines, static l => l.Contains("task.started prepare", StringComparison.Ordinal));
        Assert.Contains(resume.Lines, static l => l.StartsWith("gated completed in ", StringComparison.Ordinal));

        var done = await Tool.RunAsync(_dir.Path, "status", "g1", "--json");
        Assert.True(done.ExitCode == 0, done.ToString());
        var doneJson = done.Json();
        Assert.Equal("completed", doneJson.GetProperty("status").GetString());
        Assert.Equal(1, doneJson.GetProperty("tasks").GetProperty("prepare").GetProperty("attempts").GetInt32());
        Assert.Equal(7, doneJson.GetProperty("outputs").GetProperty("batch").GetInt64());
    }

    [Fact]
    public async Task Resume_of_a_paused_run_prints_the_run_object_with_json()
    {
        _dir.Write("gate.yaml", Gate("pause"));
        Assert.Equal(4, (await Tool.RunAsync(_dir.Path, "run", "gate.yaml", "--run-id", "g2", "--quiet")).ExitCode);
        _dir.Write("ready.flag", "ready");

        var resume = await Tool.RunAsync(_dir.Path, "resume", "g2", "--json");

        Assert.True(resume.ExitCode == 0, resume.ToString());
        var json = resume.Json();
        Assert.Equal(("g2", "completed"), (json.GetProperty("run_id").GetString(), json.GetProperty("status").GetString()));
        Assert.Equal("completed", TaskStatus(json, "check"));
        Assert.Equal(2, json.GetProperty("tasks").GetProperty("check").GetProperty("attempts").GetInt32());
        Assert.Equal(7, json.GetProperty("outputs").GetProperty("batch").GetInt64());
    }

    [Fact]
    public async Task A_paused_run_that_fails_again_on_resume_pauses_again_with_exit_4()
    {
        _dir.Write("gate.yaml", Gate("pause"));
        Assert.Equal(4, (await Tool.RunAsync(_dir.Path, "run", "gate.yaml", "--run-id", "g3", "--quiet")).ExitCode);

        var resume = await Tool.RunAsync(_dir.Path, "resume", "g3", "--json");

        Assert.True(resume.ExitCode == 4, resume.ToString());
        Assert.Equal("paused", resume.Json().GetProperty("status").GetString());
        Assert.Equal(2, resume.Json().GetProperty("tasks").GetProperty("check").GetProperty("attempts").GetInt32());
    }

    [Fact]
    public async Task Resume_retries_a_failed_run_and_keeps_what_completed()
    {
        _dir.Write("gate.yaml", Gate("fail"));
        Assert.Equal(1, (await Tool.RunAsync(_dir.Path, "run", "gate.yaml", "--run-id", "f1", "--quiet")).ExitCode);
        _dir.Write("ready.flag", "ready");

        var resume = await Tool.RunAsync(_dir.Path, "resume", "f1", "--json");

        Assert.True(resume.ExitCode == 0, resume.ToString());
        var json = resume.Json();
        Assert.Equal("completed", json.GetProperty("status").GetString());
        Assert.Equal(1, json.GetProperty("tasks").GetProperty("prepare").GetProperty("attempts").GetInt32());
        Assert.Equal(7, json.GetProperty("outputs").GetProperty("batch").GetInt64());
        Assert.Equal("completed", (await Tool.RunAsync(_dir.Path, "status", "f1", "--json")).Json().GetProperty("status").GetString());
    }

    [Fact]
    public async Task Resume_of_a_completed_run_shows_it_and_changes_nothing()
    {
        _dir.Write("quick.yaml", Quick);
        Assert.Equal(0, (await Tool.RunAsync(_dir.Path, "run", "quick.yaml", "--run-id", "c1", "--quiet")).ExitCode);
        var before = (await Tool.RunAsync(_dir.Path, "history", "c1", "--json")).Json().GetProperty("entries").GetArrayLength();

        var resume = await Tool.RunAsync(_dir.Path, "resume", "c1", "--json");

        Assert.True(resume.ExitCode == 0, resume.ToString());
        Assert.Equal("completed", resume.Json().GetProperty("status").GetString());
        Assert.Contains("run c1 already ended (completed)", resume.StdErr, StringComparison.Ordinal);
        Assert.Equal(before, (await Tool.RunAsync(_dir.Path, "history", "c1", "--json")).Json().GetProperty("entries").GetArrayLength());
    }

    [Fact]
    public async Task Cancel_ends_a_paused_run_with_exit_3()
    {
        _dir.Write("gate.yaml", Gate("pause"));
        Assert.Equal(4, (await Tool.RunAsync(_dir.Path, "run", "gate.yaml", "--run-id", "x1", "--quiet")).ExitCode);

        var cancel = await Tool.RunAsync(_dir.Path, "cancel", "x1");
        var status = await Tool.RunAsync(_dir.Path, "status", "x1", "--json");
        var again = await Tool.RunAsync(_dir.Path, "cancel", "x1");

        Assert.True(cancel.ExitCode == 3, cancel.ToString());
        Assert.StartsWith("gated cancelled in ", cancel.StdOut, StringComparison.Ordinal);
        Assert.True(status.ExitCode == 3, status.ToString());
        Assert.Equal("cancelled", status.Json().GetProperty("status").GetString());
        Assert.Equal("cancelled", TaskStatus(status.Json(), "publish"));
        Assert.True(again.ExitCode == 2, again.ToString());
        Assert.Contains("fastflow: error: run x1 has ended already (cancelled): there is nothing to cancel", again.StdErr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Rollback_refuses_a_completed_run_and_an_unknown_checkpoint_with_the_engines_reason()
    {
        _dir.Write("quick.yaml", Quick);
        _dir.Write("gate.yaml", Gate("pause"));
        Assert.Equal(0, (await Tool.RunAsync(_dir.Path, "run", "quick.yaml", "--run-id", "done", "--quiet")).ExitCode);
        Assert.Equal(4, (await Tool.RunAsync(_dir.Path, "run", "gate.yaml", "--run-id", "held", "--quiet")).ExitCode);

        var completed = await Tool.RunAsync(_dir.Path, "rollback", "done");
        var unknown = await Tool.RunAsync(_dir.Path, "rollback", "held", "--checkpoint", "99", "--json");

        Assert.True(completed.ExitCode == 2, completed.ToString());
        Assert.Contains("fastflow: error: run done cannot be rolled back: Run done is completed; only a paused or failed run can be rolled back.", completed.StdErr, StringComparison.Ordinal);
        Assert.Contains("hint: `fastflow checkpoints done` lists its checkpoints", completed.StdErr, StringComparison.Ordinal);
        Assert.True(unknown.ExitCode == 2, unknown.ToString());
        var error = unknown.Json().GetProperty("error");
        Assert.Contains("has no checkpoint 99", error.GetProperty("message").GetString(), StringComparison.Ordinal);
        Assert.Contains("fastflow checkpoints held", error.GetProperty("hint").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_run_whose_process_was_killed_shows_as_running_and_resume_finishes_it()
    {
        _dir.Write("slow.yaml", Slow);
        await using (var process = Tool.Start(_dir.Path, "run", "slow.yaml", "--run-id", "k1"))
        {
            await process.WaitForLineAsync("task.started wait");
        }

        var status = await Tool.RunAsync(_dir.Path, "status", "k1", "--json");
        var resume = await Tool.RunAsync(_dir.Path, "resume", "k1");

        Assert.True(status.ExitCode == 0, status.ToString());
        var stored = status.Json();
        Assert.Equal("running", stored.GetProperty("status").GetString());
        Assert.Equal("completed", TaskStatus(stored, "first"));
        Assert.Equal("in_progress", TaskStatus(stored, "wait"));
        Assert.True(resume.ExitCode == 0, resume.ToString());
        Assert.Contains("resuming run k1 of slow (running) from .fastflow", resume.StdOut, StringComparison.Ordinal);
        Assert.DoesNotContain(resume.Lines, static l => l.Contains("task.started first", StringComparison.Ordinal));
        // The interrupted attempt runs again as the same attempt (same idempotency key).
        Assert.Contains(resume.Lines, static l => l.EndsWith("task.started wait", StringComparison.Ordinal));
        Assert.Contains(resume.Lines, static l => l.StartsWith("slow completed in ", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Cancel_ends_a_run_whose_process_was_killed()
    {
        _dir.Write("slow.yaml", Slow);
        await using (var process = Tool.Start(_dir.Path, "run", "slow.yaml", "--run-id", "k2"))
        {
            await process.WaitForLineAsync("task.started wait");
        }

        var cancel = await Tool.RunAsync(_dir.Path, "cancel", "k2", "--json");

        Assert.True(cancel.ExitCode == 3, cancel.ToString());
        var json = cancel.Json();
        Assert.Equal("cancelled", json.GetProperty("status").GetString());
        Assert.Equal("completed", TaskStatus(json, "first"));
        Assert.Equal("cancelled", TaskStatus(json, "wait"));
        Assert.Equal("cancelled", (await Tool.RunAsync(_dir.Path, "status", "k2", "--json")).Json().GetProperty("status").GetString());
    }

    [Fact]
    public async Task Rollback_restores_a_failed_run_which_resume_then_continues()
    {
        _dir.Write("gate.yaml", Gate("fail"));
        Assert.Equal(1, (await Tool.RunAsync(_dir.Path, "run", "gate.yaml", "--run-id", "rf", "--quiet")).ExitCode);

        var rollback = await Tool.RunAsync(_dir.Path, "rollback", "rf", "--json");

        Assert.True(rollback.ExitCode == 0, rollback.ToString());
        var run = rollback.Json().GetProperty("run");
        Assert.Equal("paused", run.GetProperty("status").GetString());
        Assert.Equal("completed", TaskStatus(run, "prepare"));
        Assert.Equal("pending", TaskStatus(run, "check"));
        _dir.Write("ready.flag", "ready");
        var resume = await Tool.RunAsync(_dir.Path, "resume", "rf", "--json");
        Assert.True(resume.ExitCode == 0, resume.ToString());
        Assert.Equal("completed", resume.Json().GetProperty("status").GetString());
    }

    [Fact]
    public async Task A_run_id_that_exists_is_refused_and_the_first_run_is_left_alone()
    {
        _dir.Write("quick.yaml", Quick);
        Assert.Equal(0, (await Tool.RunAsync(_dir.Path, "run", "quick.yaml", "--run-id", "same", "--quiet")).ExitCode);

        var again = await Tool.RunAsync(_dir.Path, "run", "quick.yaml", "--run-id", "same");

        Assert.True(again.ExitCode == 2, again.ToString());
        Assert.Empty(again.StdOut);
        Assert.Contains("fastflow: error: a run 'same' already exists in .fastflow", again.StdErr, StringComparison.Ordinal);
        Assert.Contains("`fastflow status same` shows that run", again.StdErr, StringComparison.Ordinal);
        Assert.Single((await Tool.RunAsync(_dir.Path, "runs", "--json")).Json().GetProperty("runs").EnumerateArray());
    }

    private static string RunId(CliResult result)
    {
        Assert.True(result.ExitCode == 0, result.ToString());
        return result.Json().GetProperty("run_id").GetString()!;
    }

    private static string? TaskStatus(JsonElement run, string task) =>
        run.GetProperty("tasks").GetProperty(task).GetProperty("status").GetString();
}
