using FastFlow.Actions.Agents;
using FastFlow.Actions.Tests.Support;
using FastFlow.Agents;

namespace FastFlow.Actions.Tests.Agents;

public sealed class ProcessAgentTransportTests : IDisposable
{
    private readonly TempDirectory _dir = new();

    public void Dispose() => _dir.Dispose();

    private Task<TaskResult> Send(string script, CancellationToken cancellationToken = default)
    {
        _dir.Script("agent.sh", script);
        var transport = new ProcessAgentTransport(["./agent.sh"], _dir.Path);
        return transport.SendAsync(AgentRequests.For("analyst"), cancellationToken).AsTask();
    }

    [Fact]
    public async Task The_request_arrives_as_json_on_stdin_and_the_printed_json_is_the_output()
    {
        var result = await Send("cat");

        Assert.True(result.IsSuccess, result.Error?.ToString());
        var echoed = Assert.IsType<Dictionary<string, object?>>(result.Output);
        Assert.Equal(["run_id", "workflow_id", "task_id", "attempt", "idempotency_key", "agent_id", "action", "parameters", "inputs", "context", "upstream"], echoed.Keys);
        Assert.Equal("run-7/analyze/2", echoed["idempotency_key"]);
        Assert.Equal(2L, echoed["attempt"]);
        Assert.Equal("Perform data analysis", ((Dictionary<string, object?>)echoed["parameters"]!)["description"]);
    }

    [Fact]
    public async Task Plain_text_is_a_string_output_and_nothing_is_null()
    {
        var text = await Send("cat >/dev/null; echo 'analysis done'");
        var nothing = await Send("cat >/dev/null");

        Assert.Equal("analysis done", text.Output);
        Assert.True(nothing.IsSuccess);
        Assert.Null(nothing.Output);
    }

    [Fact]
    public async Task The_attempt_is_in_the_environment_and_the_agent_runs_in_its_folder()
    {
        var result = await Send("""printf '{"task":"%s","key":"%s","cwd":"%s"}' "$FASTFLOW_TASK_ID" "$FASTFLOW_IDEMPOTENCY_KEY" "$(pwd)" """);

        var output = Assert.IsType<Dictionary<string, object?>>(result.Output);
        Assert.Equal("analyze", output["task"]);
        Assert.Equal("run-7/analyze/2", output["key"]);
        Assert.Equal(_dir.Path, output["cwd"]);
    }

    [Fact]
    public async Task Malformed_json_is_an_error_naming_the_agent_and_what_it_printed()
    {
        var result = await Send("""echo '{"summary": "half'""");

        Assert.Equal(ErrorCategory.Permanent, result.Error!.Category);
        Assert.Equal("""Agent 'analyst' answered with malformed JSON: {"summary": "half""", result.Error.Message);
    }

    [Fact]
    public async Task A_long_reply_is_quoted_by_its_first_few_hundred_characters()
    {
        var result = await Send("printf '[%0600d'");

        Assert.Contains("… (301 more characters)", result.Error!.Message, StringComparison.Ordinal);
        Assert.True(result.Error.Message.Length < 400);
    }

    [Fact]
    public async Task An_output_past_the_limit_is_refused()
    {
        var result = await Send("cat >/dev/null; head -c 17000000 /dev/zero | tr '\\0' 1");

        Assert.Equal(ErrorCategory.Permanent, result.Error!.Category);
        Assert.Equal("Agent 'analyst' printed more than 16 Mi characters; an agent's output must be smaller.", result.Error.Message);
    }

    [Fact]
    public async Task An_error_object_sets_the_category_and_message()
    {
        var onStdout = await Send("""echo '{"error": {"category": "permanent", "message": "no such table"}}'; exit 2""");
        var onStderr = await Send("""echo '{"error": {"category": "business", "message": "over budget"}}' >&2; exit 1""");
        var asText = await Send("""echo '{"error": "quota exceeded"}'; exit 1""");

        Assert.Equal((ErrorCategory.Permanent, "Agent 'analyst': no such table"), (onStdout.Error!.Category, onStdout.Error.Message));
        Assert.Equal((ErrorCategory.Business, "Agent 'analyst': over budget"), (onStderr.Error!.Category, onStderr.Error.Message));
        Assert.Equal((ErrorCategory.Transient, "Agent 'analyst': quota exceeded"), (asText.Error!.Category, asText.Error.Message));
    }

    [Fact]
    public async Task An_error_object_with_an_unknown_category_counts_as_transient_and_says_so()
    {
        var result = await Send("""echo '{"error": {"category": "fatal", "message": "boom"}}'; exit 1""");

        Assert.Equal(ErrorCategory.Transient, result.Error!.Category);
        Assert.StartsWith("Agent 'analyst': boom (its error category 'fatal' is none of transient, permanent", result.Error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_malformed_error_object_is_transient_and_quotes_the_reply()
    {
        var result = await Send("""echo '{"error": 42}'; exit 1""");

        Assert.Equal(ErrorCategory.Transient, result.Error!.Category);
        Assert.Equal("""Agent 'analyst' exited with code 1 with an error that is not { "category": ..., "message": ... }: {"error": 42}""", result.Error.Message);
    }

    [Fact]
    public async Task A_non_zero_exit_without_an_error_object_is_transient_with_what_was_printed()
    {
        var result = await Send("echo 'segmentation fault' >&2; exit 139");

        Assert.Equal(ErrorCategory.Transient, result.Error!.Category);
        Assert.Equal("Agent 'analyst' exited with code 139: segmentation fault", result.Error.Message);
    }

    [Fact]
    public async Task A_missing_program_is_a_permanent_error_naming_the_agent()
    {
        var relative = await new ProcessAgentTransport(["agents/missing.sh"], _dir.Path).SendAsync(AgentRequests.For("analyst"), default);
        var onPath = await new ProcessAgentTransport(["fastflow-no-such-agent"], _dir.Path).SendAsync(AgentRequests.For("analyst"), default);

        Assert.Equal(ErrorCategory.Permanent, relative.Error!.Category);
        Assert.Equal($"Agent 'analyst' cannot start: there is no executable file at {_dir.Combine("agents", "missing.sh")}.", relative.Error.Message);
        Assert.Equal("Agent 'analyst' cannot start: the program 'fastflow-no-such-agent' was not found on the PATH.", onPath.Error!.Message);
    }

    [Fact]
    public async Task Cancellation_kills_the_agents_process_tree()
    {
        var fifo = _dir.Fifo("pid");
        using var cancel = new CancellationTokenSource();
        var running = Send($"""sleep 300 & echo $! > "{fifo}"; wait""", cancel.Token);
        var child = await ProcessProbe.ReadPidAsync(fifo);

        await cancel.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => running);
        Assert.True(await ProcessProbe.WaitUntilGoneAsync(child, TimeSpan.FromSeconds(10)), $"the agent's child {child} survived");
    }

    [Fact]
    public async Task Behind_an_agent_the_process_reply_is_the_result_and_the_slot_is_released()
    {
        _dir.Script("agent.sh", """cat >/dev/null; echo '{"summary":"ok"}'""");
        var agent = new Agent(new AgentDescriptor("analyst") { MaxConcurrentTasks = 1 }, new ProcessAgentTransport(["./agent.sh"], _dir.Path));

        var first = await agent.SendAsync(AgentRequests.For("analyst"), default);
        var second = await agent.SendAsync(AgentRequests.For("analyst", "again"), default);

        Assert.Equal("ok", ((Dictionary<string, object?>)first.Output!)["summary"]);
        Assert.True(second.IsSuccess);
        Assert.Equal(2, agent.Statistics.Succeeded);
        Assert.Equal(0, agent.CurrentLoad);
    }
}
