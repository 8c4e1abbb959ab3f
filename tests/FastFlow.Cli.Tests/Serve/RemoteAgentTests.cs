using FastFlow.Cli.Tests.Support;
using FastFlow.Client;
using FastFlow.Protocol.Messages;

namespace FastFlow.Cli.Tests.Serve;

/// <summary>Agents with <c>transport: remote</c> through the real binary: <c>fastflow serve --agents F</c>
/// holds their attempts for a worker (a <see cref="FastFlowClient"/> on its own connection) that
/// leases, heartbeats and completes them while <c>fastflow submit --wait --json</c> waits for the
/// run; a lease left to lapse fails its attempt as transient, and the retry is leased anew; and a
/// local <c>fastflow run</c> refuses such an agent at its line.</summary>
public sealed class RemoteAgentTests : IDisposable
{
    private const string Token = "remote-agent-tests-token";

    /// <summary>How long one long poll waits for a task; a worker polls again after an empty answer.</summary>
    private static readonly TimeSpan s_poll = TimeSpan.FromSeconds(20);

    private readonly TempDirectory _dir = new();

    public void Dispose() => _dir.Dispose();

    private string WriteWorkflow(string retry) => _dir.Write("render.yaml", $$"""
        id: render-flow
        tasks:
          render:
            action: agent_task
            agent_id: gpu
            parameters: { frame: 7 }
            {{retry}}
          after: { action: noop, dependencies: [render] }
        """);

    [Fact]
    public async Task A_worker_leases_heartbeats_and_completes_the_task_and_the_submitted_run_ends_with_its_output()
    {
        var agents = _dir.Write("agents.yaml", "agents:\n  - id: gpu\n    capabilities: [render]\n    transport: remote\n");
        var workflow = WriteWorkflow(retry: string.Empty);
        await using var server = await ServeProcess.StartAsync(_dir.Path, "--in-memory", "--agents", agents, "--token", Token);
        await using var client = await FastFlowClient.ConnectAsync(FastFlowClientOptions.Parse(server.Address, Token));
        await using var submit = Tool.Start(_dir.Path, "submit", workflow, "--wait", "--json", "--server", server.Address, "--token", Token);

        var lease = await LeaseOneAsync(client, submit);
        var renewed = await client.HeartbeatAsync(lease.LeaseId);
        await client.CompleteLeaseAsync(lease.LeaseId, ok: true, output: new Dictionary<string, object?> { ["picture"] = "frame-7.png" });
        var result = await submit.WaitAsync();

        Assert.Equal(("gpu", "render-flow", "render", 1, "agent_task"), (lease.AgentId, lease.WorkflowId, lease.TaskId, lease.Attempt, lease.Action));
        Assert.Equal($"{lease.RunId}/render/1", lease.IdempotencyKey);
        Assert.Equal(7L, Convert.ToInt64(lease.Parameters!["frame"], System.Globalization.CultureInfo.InvariantCulture));
        Assert.NotNull(lease.ExpiresAt);
        Assert.NotNull(renewed);
        Assert.True(renewed >= lease.ExpiresAt, $"the heartbeat moved the expiry from {lease.ExpiresAt} to {renewed}");
        Assert.True(result.ExitCode == 0, result.ToString());
        var run = result.Json();
        Assert.Equal((lease.RunId, "completed"), (run.GetProperty("run_id").GetString(), run.GetProperty("status").GetString()));
        var render = run.GetProperty("tasks").GetProperty("render");
        Assert.Equal(("completed", 1), (render.GetProperty("status").GetString(), render.GetProperty("attempts").GetInt32()));
        Assert.Equal("frame-7.png", render.GetProperty("output").GetProperty("picture").GetString());
        Assert.Equal("completed", run.GetProperty("tasks").GetProperty("after").GetProperty("status").GetString());
    }

    [Fact]
    public async Task A_lease_left_to_lapse_fails_its_attempt_as_transient_and_the_retry_is_leased_anew()
    {
        var agents = _dir.Write("agents.yaml", "agents:\n  - id: gpu\n    transport: remote\n    lease_seconds: 0.5\n");
        var workflow = WriteWorkflow(retry: "retry: { max_attempts: 2, base_delay_seconds: 0.1 }");
        // A data directory keeps the run's history, where the first attempt's failure is read.
        await using var server = await ServeProcess.StartAsync(_dir.Path, "--data", _dir.Combine("data"), "--agents", agents, "--token", Token);
        await using var client = await FastFlowClient.ConnectAsync(FastFlowClientOptions.Parse(server.Address, Token));
        await using var submit = Tool.Start(_dir.Path, "submit", workflow, "--wait", "--json", "--server", server.Address, "--token", Token);

        // The first lease is neither renewed nor completed: the server's lease timer ends it, the
        // attempt fails, and the retry it schedules is the next task this worker gets.
        var abandoned = await LeaseOneAsync(client, submit);
        var retried = await LeaseOneAsync(client, submit);
        var lateHeartbeat = await Assert.ThrowsAsync<FastFlowServerException>(() => client.HeartbeatAsync(abandoned.LeaseId));
        var lateResult = await Assert.ThrowsAsync<FastFlowServerException>(() => client.CompleteLeaseAsync(abandoned.LeaseId, ok: true, output: "too late"));
        await client.CompleteLeaseAsync(retried.LeaseId, ok: true, output: "second try");
        var result = await submit.WaitAsync();
        var history = await client.GetHistoryAsync(abandoned.RunId);

        Assert.Equal((1, 2), (abandoned.Attempt, retried.Attempt));
        Assert.Equal((abandoned.RunId, $"{abandoned.RunId}/render/2"), (retried.RunId, retried.IdempotencyKey));
        Assert.NotEqual(abandoned.LeaseId, retried.LeaseId);
        Assert.Equal(("not_found", "not_found"), (lateHeartbeat.Name, lateResult.Name));
        Assert.Contains("lapsed", lateHeartbeat.Message, StringComparison.Ordinal);
        var failure = Assert.Single(history.Entries, i => i is { TaskId: "render", Attempt: 1, Error: not null }).Error!;
        Assert.Equal("transient", failure.Category);
        Assert.Contains($"The lease {abandoned.LeaseId} of task 'render'", failure.Message, StringComparison.Ordinal);
        Assert.Contains("no heartbeat or result within 0.5 s", failure.Message, StringComparison.Ordinal);
        Assert.True(result.ExitCode == 0, result.ToString());
        var render = result.Json().GetProperty("tasks").GetProperty("render");
        Assert.Equal(("completed", 2, "second try"), (render.GetProperty("status").GetString(), render.GetProperty("attempts").GetInt32(), render.GetProperty("output").GetString()));
    }

    [Fact]
    public async Task A_lapsed_lease_without_retries_fails_the_run_with_a_transient_error()
    {
        var agents = _dir.Write("agents.yaml", "agents:\n  - id: gpu\n    transport: remote\n    lease_seconds: 0.5\n");
        var workflow = WriteWorkflow(retry: string.Empty);
        await using var server = await ServeProcess.StartAsync(_dir.Path, "--in-memory", "--agents", agents, "--token", Token);
        await using var client = await FastFlowClient.ConnectAsync(FastFlowClientOptions.Parse(server.Address, Token));
        await using var submit = Tool.Start(_dir.Path, "submit", workflow, "--wait", "--json", "--server", server.Address, "--token", Token);

        var abandoned = await LeaseOneAsync(client, submit);
        var result = await submit.WaitAsync();

        Assert.True(result.ExitCode == 1, result.ToString());
        var run = result.Json();
        Assert.Equal((abandoned.RunId, "failed"), (run.GetProperty("run_id").GetString(), run.GetProperty("status").GetString()));
        var error = run.GetProperty("tasks").GetProperty("render").GetProperty("error");
        Assert.Equal("transient", error.GetProperty("category").GetString());
        Assert.Contains("lapsed", error.GetProperty("message").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_local_run_refuses_a_remote_agent_at_its_line_and_says_to_serve_it()
    {
        var agents = _dir.Write("agents.yaml", "agents:\n  - { id: web, url: http://127.0.0.1:9/tasks }\n  - id: gpu\n    transport: remote\n");
        var workflow = WriteWorkflow(retry: string.Empty);

        var result = await Tool.RunAsync(_dir.Path, "run", workflow, "--agents", agents);

        Assert.True(result.ExitCode == 2, result.ToString());
        Assert.Contains($"{agents}:3:5: error FF1204: Agent 'gpu' has transport remote", result.StdErr, StringComparison.Ordinal);
        Assert.Contains($"`fastflow serve --agents {agents}`", result.StdErr, StringComparison.Ordinal);
        Assert.Contains("start a worker that leases its tasks (see docs/agents.md", result.StdErr, StringComparison.Ordinal);
        Assert.Contains("nothing ran", result.StdErr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Serve_refuses_an_agents_file_with_a_command_on_a_remote_agent_naming_the_line()
    {
        var agents = _dir.Write("agents.yaml", "agents:\n  - id: gpu\n    transport: remote\n    command: [python3, worker.py]\n");

        var result = await Tool.RunAsync(_dir.Path, "serve", "--port", "0", "--in-memory", "--agents", agents, "--token", Token);

        Assert.True(result.ExitCode == 2, result.ToString());
        Assert.Contains($"{agents}:4:5: error FF1205: 'command' does not belong to remote agents", result.StdErr, StringComparison.Ordinal);
        Assert.Contains("the server did not start", result.StdErr, StringComparison.Ordinal);
        Assert.DoesNotContain(ServeProcess.ReadyPrefix, result.StdOut, StringComparison.Ordinal);
    }

    /// <summary>Long-polls until the server hands over one task of agent gpu; fails with what
    /// submit printed if submit ends first (then no task will ever come).</summary>
    private static async Task<LeasedTask> LeaseOneAsync(FastFlowClient client, CliProcess submit)
    {
        var submitEnded = submit.WaitAsync();
        for (var poll = 0; poll < 4; poll++)
        {
            var leasing = client.LeaseTasksAsync("gpu", max: 1, wait: s_poll);
            if (await Task.WhenAny(leasing, submitEnded) == submitEnded)
            {
                Assert.Fail("submit ended before a task was leased: " + await submitEnded);
            }

            if ((await leasing) is [var lease])
            {
                return lease;
            }
        }

        Assert.Fail($"no task of agent gpu was leased in {4 * s_poll.TotalSeconds} s");
        return null!;
    }
}
