using System.Text.Json;
using FastFlow.Cli.Tests.Serve;
using FastFlow.Cli.Tests.Support;

namespace FastFlow.Cli.Tests.Remote;

/// <summary>The remote verbs through the real binary against a real <c>fastflow serve</c> on
/// loopback: submit, create, start, status, list, history, monitor, debug, stop, resume, cancel,
/// rollback and health, with the output shapes and exit codes of the local commands.</summary>
public sealed class RemoteCommandTests(ServerFixture server) : IClassFixture<ServerFixture>
{
    private const string Quick = """
        id: quick
        tasks:
          first: { action: set, parameters: { values: { rows: 3 } } }
          second: { action: noop, dependencies: [first], parameters: { rows: "${{ tasks.first.output.rows }}" } }
        outputs:
          rows: "${{ tasks.second.output.rows }}"
        """;

    /// <summary>Fails every attempt: two retries, then the run fails.</summary>
    private const string Failing = """
        id: failing
        tasks:
          prepare: { action: noop }
          broken:
            action: fail
            dependencies: [prepare]
            retry: { max_attempts: 2, base_delay_seconds: 0.01, max_delay_seconds: 0.02, jitter: false }
            parameters: { category: transient, message: "disk full" }
        """;

    /// <summary>Pauses when its task fails (and fails again on every resume).</summary>
    private const string Pausing = """
        id: pausing
        tasks:
          prepare: { action: set, parameters: { values: { batch: 7 } } }
          check: { action: fail, dependencies: [prepare], on_failure: pause, parameters: { message: "needs a person" } }
        """;

    /// <summary>Runs long enough to be stopped or cancelled while it goes.</summary>
    private static string Slow(double seconds) => $$"""
        id: slow
        tasks:
          first: { action: noop }
          wait: { action: delay, dependencies: [first], parameters: { seconds: {{seconds.ToString(System.Globalization.CultureInfo.InvariantCulture)}} } }
          after: { action: noop, dependencies: [wait] }
        """;

    private string Write(string name, string text) => server.Directory.Write(name, text);

    [Fact]
    public async Task Submit_wait_json_prints_the_object_of_run_json_with_its_exit_code()
    {
        var file = Write("quick.yaml", Quick);

        var local = await Tool.RunAsync(server.Directory.Path, "run", file, "--json", "--in-memory");
        var remote = await server.RunAsync("submit", file, "--wait", "--json");

        Assert.True(local.ExitCode == 0, local.ToString());
        Assert.True(remote.ExitCode == 0, remote.ToString());
        var ran = local.Json();
        var submitted = remote.Json();
        Assert.Equal(ran.EnumerateObject().Select(static p => p.Name), submitted.EnumerateObject().Select(static p => p.Name));
        Assert.Equal("quick", submitted.GetProperty("workflow_id").GetString());
        Assert.Equal("completed", submitted.GetProperty("status").GetString());
        foreach (var field in new[] { "tasks", "outputs" })
        {
            Assert.Equal(Normalized(ran.GetProperty(field)), Normalized(submitted.GetProperty(field)));
        }

        Assert.Equal(3, submitted.GetProperty("outputs").GetProperty("rows").GetInt64());
    }

    [Fact]
    public async Task Submit_wait_of_a_failing_run_exits_1_debug_shows_each_attempt_and_resume_retries_it()
    {
        var file = Write("failing.yaml", Failing);

        var submitted = await server.RunAsync("submit", file, "--wait", "--json");
        var runId = submitted.Json().GetProperty("run_id").GetString()!;
        var debugJson = await server.RunAsync("debug", runId, "--json");
        var debugText = await server.RunAsync("debug", runId);
        var retried = await server.RunAsync("resume", runId, "--json");

        Assert.True(submitted.ExitCode == 1, submitted.ToString());
        Assert.Equal("failed", submitted.Json().GetProperty("tasks").GetProperty("broken").GetProperty("status").GetString());
        Assert.True(debugJson.ExitCode == 1, debugJson.ToString());
        var attempts = debugJson.Json().GetProperty("attempts").EnumerateArray()
            .Where(static a => a.GetProperty("task").GetString() == "broken")
            .ToList();
        Assert.Equal([1, 2], attempts.Select(static a => a.GetProperty("attempt").GetInt32()));
        Assert.All(attempts, static a => Assert.Equal("disk full", a.GetProperty("error").GetProperty("message").GetString()));
        Assert.NotEmpty(debugJson.Json().GetProperty("entries").EnumerateArray());
        Assert.Contains("broken: failed after 2 attempts", debugText.StdOut, StringComparison.Ordinal);
        Assert.Contains("attempt 2: started", debugText.StdOut, StringComparison.Ordinal);
        Assert.Contains("transient: disk full", debugText.StdOut, StringComparison.Ordinal);
        Assert.True(retried.ExitCode == 1, retried.ToString());
        Assert.True(retried.Json().GetProperty("tasks").GetProperty("broken").GetProperty("attempts").GetInt32() > 2, retried.ToString());
    }

    [Fact]
    public async Task Inputs_are_converted_to_the_declared_types_before_they_are_sent_and_a_wrong_one_sends_nothing()
    {
        var file = Write("typed.yaml", """
            id: typed
            inputs:
              name: { type: string, required: true }
              count: { type: integer, default: 1 }
              options: { type: object, default: {} }
            tasks:
              echo: { action: noop }
            outputs:
              name: "${{ inputs.name }}"
              count: "${{ inputs.count }}"
              options: "${{ inputs.options }}"
            """);
        var inputs = Write("typed-inputs.yaml", "name: Ada\ncount: 5\n");

        var result = await server.RunAsync("submit", file, "--inputs-file", inputs, "--input", "count=42", "-i", "options={\"deep\": {\"x\": 1}}", "--priority", "high", "--wait", "--json");
        var wrong = await server.RunAsync("submit", file, "--input", "name=x", "--input", "count=12x");

        Assert.True(result.ExitCode == 0, result.ToString());
        var outputs = result.Json().GetProperty("outputs");
        Assert.Equal("Ada", outputs.GetProperty("name").GetString());
        Assert.Equal(JsonValueKind.Number, outputs.GetProperty("count").ValueKind);
        Assert.Equal(42, outputs.GetProperty("count").GetInt64());
        Assert.Equal(1, outputs.GetProperty("options").GetProperty("deep").GetProperty("x").GetInt64());
        Assert.True(wrong.ExitCode == 2, wrong.ToString());
        Assert.Contains("count", wrong.StdErr, StringComparison.Ordinal);
        Assert.Contains("1 input problem; nothing was sent", wrong.StdErr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Create_leaves_a_run_pending_that_start_runs_and_status_list_and_history_then_show()
    {
        var file = Write("quick-created.yaml", Quick);

        var created = await server.RunAsync("create", file);
        var runId = created.StdOut.Trim();
        var pending = await server.RunAsync("status", runId, "--json");
        var monitor = server.Start("monitor", runId);
        await monitor.WaitForLineAsync("following run " + runId);
        var started = await server.RunAsync("start", runId);
        var followed = await monitor.WaitAsync();
        var status = await server.RunAsync("status", runId, "--json");
        var summary = await server.RunAsync("status", runId);
        var list = await server.RunAsync("list", "--workflow", "quick", "--json");
        var history = await server.RunAsync("history", runId, "--json");

        Assert.True(created.ExitCode == 0, created.ToString());
        Assert.Equal("pending", pending.Json().GetProperty("status").GetString());
        Assert.True(started.ExitCode == 0, started.ToString());
        Assert.Contains($"started run {runId}", started.StdOut, StringComparison.Ordinal);
        Assert.True(followed.ExitCode == 0, followed.ToString());
        Assert.Contains(followed.Lines, static l => l.EndsWith("task.completed second", StringComparison.Ordinal));
        Assert.Contains(followed.Lines, static l => l.Contains("workflow.completed", StringComparison.Ordinal));
        Assert.Equal("completed", status.Json().GetProperty("status").GetString());
        // The duration column, from the run's history as for a data directory: "0 µs", "2 ms", "1.00 s".
        var secondRow = Assert.Single(summary.Lines, static l => l.StartsWith("│ second", StringComparison.Ordinal));
        Assert.Matches(@"│ +[0-9.]+ (µs|ms|s) │", secondRow);
        var row = Assert.Single(list.Json().GetProperty("runs").EnumerateArray(), r => r.GetProperty("run_id").GetString() == runId);
        Assert.Equal(["run_id", "workflow_id", "status", "created_at", "started_at", "completed_at", "error"], row.EnumerateObject().Select(static p => p.Name));
        Assert.Equal("completed", row.GetProperty("status").GetString());
        var types = history.Json().GetProperty("entries").EnumerateArray().Select(static e => e.GetProperty("type").GetString()).ToList();
        Assert.Contains("task.completed", types);
        Assert.Equal("workflow.completed", types[^1]);
    }

    [Fact]
    public async Task Stop_pauses_a_running_run_and_resume_follows_it_to_the_end()
    {
        var file = Write("slow-stop.yaml", Slow(3));

        var submitted = await server.RunAsync("submit", file);
        var runId = submitted.StdOut.Trim();
        var stopped = await server.RunAsync("stop", runId, "--json");
        var paused = await server.RunAsync("status", runId);
        var resumed = await server.RunAsync("resume", runId, "--json");

        Assert.True(submitted.ExitCode == 0, submitted.ToString());
        Assert.True(stopped.ExitCode == 0, stopped.ToString());
        Assert.Equal("paused", stopped.Json().GetProperty("status").GetString());
        Assert.True(paused.ExitCode == 4, paused.ToString());
        Assert.Contains($"fastflow resume {runId} --server {server.Address}", paused.StdOut, StringComparison.Ordinal);
        Assert.True(resumed.ExitCode == 0, resumed.ToString());
        Assert.Equal("completed", resumed.Json().GetProperty("tasks").GetProperty("after").GetProperty("status").GetString());
    }

    [Fact]
    public async Task Cancel_force_ends_a_running_run_with_exit_3()
    {
        var file = Write("slow-cancel.yaml", Slow(30));

        var submitted = await server.RunAsync("submit", file, "--json");
        var runId = submitted.Json().GetProperty("run_id").GetString()!;
        var cancelled = await server.RunAsync("cancel", runId, "--force", "--json");
        var again = await server.RunAsync("cancel", runId);

        Assert.True(submitted.ExitCode == 0, submitted.ToString());
        Assert.True(cancelled.ExitCode == 3, cancelled.ToString());
        Assert.Equal("cancelled", cancelled.Json().GetProperty("status").GetString());
        Assert.True(again.ExitCode == 2, again.ToString());
        Assert.Contains("invalid_state", again.StdErr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_run_paused_by_a_failure_exits_4_and_rollback_leaves_it_paused_at_a_checkpoint()
    {
        var file = Write("pausing.yaml", Pausing);

        var submitted = await server.RunAsync("submit", file, "--wait");
        var runId = submitted.Lines.First(static l => l.Contains(" run ", StringComparison.Ordinal)).Split(' ')[2];
        var rolledBack = await server.RunAsync("rollback", runId, "--json");

        Assert.True(submitted.ExitCode == 4, submitted.ToString());
        Assert.Contains("paused: task check failed and its on_failure is pause.", submitted.Lines);
        Assert.True(rolledBack.ExitCode == 0, rolledBack.ToString());
        var json = rolledBack.Json();
        Assert.Equal(runId, json.GetProperty("run_id").GetString());
        Assert.True(json.GetProperty("checkpoint").GetProperty("checkpoint_id").GetInt64() >= 1);
        Assert.Equal("paused", json.GetProperty("run").GetProperty("status").GetString());
    }

    [Fact]
    public async Task An_invalid_definition_is_refused_with_exit_2_and_every_finding_at_its_line()
    {
        var file = Write("invalid.yaml", """
            id: invalid
            tasks:
              first: { action: no_such_action }
              second: { action: noop, dependencies: [missing] }
            """);

        var result = await server.RunAsync("submit", file, "--wait");

        Assert.True(result.ExitCode == 2, result.ToString());
        Assert.Contains("is not valid (2 errors); nothing ran", result.StdErr, StringComparison.Ordinal);
        Assert.Contains($"{file}:3:", result.StdErr, StringComparison.Ordinal);
        Assert.Contains($"{file}:4:", result.StdErr, StringComparison.Ordinal);
        Assert.Contains("no_such_action", result.StdErr, StringComparison.Ordinal);
        Assert.Contains("missing", result.StdErr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Exec_is_refused_by_a_server_that_allows_no_program_with_the_option_that_allows_it()
    {
        var file = Write("exec.yaml", """
            id: shell
            tasks:
              list: { action: exec, parameters: { command: ls } }
            """);

        var result = await server.RunAsync("submit", file, "--json");

        Assert.True(result.ExitCode == 2, result.ToString());
        Assert.Contains("exec", result.Json().GetProperty("error").GetProperty("message").GetString(), StringComparison.Ordinal);
        Assert.Contains("fastflow serve --allow-program", result.StdOut, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_unknown_run_is_exit_2_naming_the_list_command()
    {
        var result = await server.RunAsync("status", "no-such-run");

        Assert.True(result.ExitCode == 2, result.ToString());
        Assert.Contains("no-such-run", result.StdErr, StringComparison.Ordinal);
        Assert.Contains($"fastflow list --server {server.Address}", result.StdErr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_wrong_token_is_exit_5_saying_the_server_refused_it()
    {
        var result = await Tool.RunAsync(server.Directory.Path, "health", "--server", server.Address, "--token", "not-the-token");

        Assert.True(result.ExitCode == 5, result.ToString());
        Assert.Contains($"the server at {server.Address} refused the token", result.StdErr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Health_reports_the_server_and_takes_the_address_and_token_from_the_environment()
    {
        var info = Tool.StartInfo(server.Directory.Path, "health", "--json");
        info.Environment["FASTFLOW_SERVER"] = server.Address;
        info.Environment["FASTFLOW_TOKEN"] = ServerFixture.Token;
        await using var process = new CliProcess(System.Diagnostics.Process.Start(info)!);
        var result = await process.WaitAsync();

        Assert.True(result.ExitCode == 0, result.ToString());
        var health = result.Json();
        Assert.Equal("ok", health.GetProperty("status").GetString());
        Assert.Equal("batched", health.GetProperty("durability").GetString());
        Assert.Equal(server.Address, health.GetProperty("server_address").GetString());
    }

    /// <summary>The element as compact JSON, to compare two outputs' objects whatever their indentation.</summary>
    private static string Normalized(JsonElement element) => JsonSerializer.Serialize(element);
}
