using FastFlow.Actions.Exec;
using FastFlow.Actions.Tests.Support;
using FastFlow.Validation;
using static FastFlow.Actions.Tests.Support.ActionHarness;

namespace FastFlow.Actions.Tests.Exec;

public sealed class ExecActionTests : IDisposable
{
    private readonly TempDirectory _root = new();
    private readonly ExecAction _exec = new();

    public void Dispose() => _root.Dispose();

    private FlowEngineOptions Enabled() => new() { AllowExec = true, FileRoot = _root.Path };

    private static Dictionary<string, object?> Shell(string script, params (string Name, object? Value)[] more)
    {
        var parameters = new Dictionary<string, object?> { ["command"] = "sh", ["args"] = List("-c", script) };
        foreach (var (name, value) in more)
        {
            parameters[name] = value;
        }

        return parameters;
    }

    [Fact]
    public async Task Exit_zero_gives_exit_code_stdout_parsed_as_json_and_stderr()
    {
        var output = Output(await Run(_exec, Shell("""echo '{"rows": 42, "ok": true}'; echo note >&2"""), Enabled()));

        Assert.Equal(0L, output["exit_code"]);
        var stdout = Assert.IsType<Dictionary<string, object?>>(output["stdout"]);
        Assert.Equal(42L, stdout["rows"]);
        Assert.Equal(true, stdout["ok"]);
        Assert.Equal("note", output["stderr"]);
    }

    [Fact]
    public async Task The_program_gets_the_run_task_attempt_and_idempotency_key()
    {
        var parameters = Shell("""printf '%s|%s|%s|%s' "$FASTFLOW_RUN_ID" "$FASTFLOW_TASK_ID" "$FASTFLOW_ATTEMPT" "$FASTFLOW_IDEMPOTENCY_KEY" """);
        var result = await _exec.ExecuteAsync(TaskContext.ForTest("stage", parameters, attempt: 3, options: Enabled()));

        var output = Output(result);
        var context = TaskContext.ForTest("stage", attempt: 3);
        Assert.Equal($"{context.RunId}|stage|3|{context.RunId}/stage/3", output["stdout"]);
    }

    [Fact]
    public async Task Plain_text_stdout_stays_text_without_its_final_line_break()
    {
        var output = Output(await Run(_exec, new() { ["command"] = "echo", ["args"] = List("hello", "world", 3L) }, Enabled()));

        Assert.Equal("hello world 3", output["stdout"]);
        Assert.Equal(string.Empty, output["stderr"]);
    }

    [Fact]
    public async Task Arguments_are_passed_as_they_are_without_a_shell()
    {
        var output = Output(await Run(_exec, new() { ["command"] = "printf", ["args"] = List("%s|", "$HOME", "a b", "*") }, Enabled()));

        Assert.Equal("$HOME|a b|*|", output["stdout"]);
    }

    [Fact]
    public async Task A_non_zero_exit_is_a_transient_failure_naming_the_code_and_what_was_printed()
    {
        var result = await Run(_exec, Shell("echo 'disk full' >&2; exit 3"), Enabled());

        Assert.Equal(ErrorCategory.Transient, result.Error!.Category);
        Assert.Equal("'sh' exited with code 3: disk full", result.Error.Message);
    }

    [Theory]
    [InlineData(3L, ErrorCategory.Permanent)]
    [InlineData(4L, ErrorCategory.Transient)]
    public async Task Permanent_exit_codes_make_the_failure_permanent(long listed, ErrorCategory expected)
    {
        var asList = await Run(_exec, Shell("exit 3", ("permanent_exit_codes", List(2L, listed))), Enabled());
        var asNumber = await Run(_exec, Shell("exit 3", ("permanent_exit_codes", listed)), Enabled());

        Assert.Equal(expected, asList.Error!.Category);
        Assert.Equal(expected, asNumber.Error!.Category);
    }

    [Fact]
    public async Task Env_cwd_and_a_string_stdin_reach_the_program()
    {
        Directory.CreateDirectory(_root.Combine("work"));
        Environment.SetEnvironmentVariable("FASTFLOW_TEST_INHERITED", "inherited");
        var parameters = Shell("""printf '%s|%s|%s|%s|' "$GREETING" "${FASTFLOW_TEST_INHERITED-removed}" "$(pwd)" "$COUNT"; cat""",
            ("env", new Dictionary<string, object?> { ["GREETING"] = "hi there", ["FASTFLOW_TEST_INHERITED"] = null, ["COUNT"] = 7L }),
            ("cwd", "work"),
            ("stdin", "from stdin"));

        var output = Output(await Run(_exec, parameters, Enabled()));

        Assert.Equal($"hi there|removed|{_root.Combine("work")}|7|from stdin", output["stdout"]);
    }

    [Fact]
    public async Task Data_on_stdin_is_written_as_json()
    {
        var stdin = new Dictionary<string, object?> { ["rows"] = List(1L, 2L), ["name"] = "café" };

        var output = Output(await Run(_exec, Shell("cat", ("stdin", stdin)), Enabled()));

        var echoed = Assert.IsType<Dictionary<string, object?>>(output["stdout"]);
        Assert.Equal("café", echoed["name"]);
        Assert.Equal(List(1L, 2L), echoed["rows"]);
    }

    [Fact]
    public async Task Without_stdin_the_program_reads_end_of_input_at_once()
    {
        var output = Output(await Run(_exec, Shell("cat; echo done"), Enabled()));

        Assert.Equal("done", output["stdout"]);
    }

    [Fact]
    public async Task Output_past_the_limit_is_cut_and_flagged_and_the_program_still_finishes()
    {
        var output = Output(await Run(_exec, Shell("head -c 17000000 /dev/zero | tr '\\0' a; echo done >&2"), Enabled()));

        Assert.Equal(16 * 1024 * 1024, Assert.IsType<string>(output["stdout"]).Length);
        Assert.Equal(true, output["truncated"]);
        Assert.Equal("done", output["stderr"]);
    }

    [Fact]
    public async Task Cancelling_the_attempt_kills_the_whole_process_tree()
    {
        var fifo = _root.Fifo("pid");
        using var cancel = new CancellationTokenSource();
        var parameters = new Dictionary<string, object?> { ["command"] = "sh", ["args"] = List("-c", """sleep 300 & echo $! > "$0"; wait""", fifo) };
        var running = Run(_exec, parameters, Enabled(), cancel.Token).AsTask();

        var child = await ProcessProbe.ReadPidAsync(fifo);
        Assert.True(ProcessProbe.IsRunning(child));
        await cancel.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => running);
        Assert.True(await ProcessProbe.WaitUntilGoneAsync(child, TimeSpan.FromSeconds(10)), $"the grandchild {child} survived");
    }

    [Fact]
    public async Task A_program_missing_from_the_path_is_a_permanent_error_naming_it()
    {
        var error = await Refused(_exec, new() { ["command"] = "fastflow-no-such-program" }, Enabled());

        Assert.Equal(ErrorCategory.Permanent, error.Category);
        Assert.Contains("'fastflow-no-such-program': the program was not found on the PATH", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_program_path_that_does_not_exist_is_a_permanent_error_naming_it()
    {
        var error = await Refused(_exec, new() { ["command"] = "./bin/tool" }, Enabled());

        Assert.Contains($"no executable file at {_root.Combine("bin", "tool")}", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_script_relative_to_the_file_root_runs()
    {
        _root.Script("bin/tool.sh", "echo \"tool $1\"");

        var output = Output(await Run(_exec, new() { ["command"] = "bin/tool.sh", ["args"] = List("ran") }, Enabled()));

        Assert.Equal("tool ran", output["stdout"]);
    }

    [Fact]
    public async Task Exec_is_refused_unless_the_engine_allows_it()
    {
        var options = new FlowEngineOptions { FileRoot = _root.Path };
        var parameters = new Dictionary<string, object?> { ["command"] = "echo" };

        var diagnostic = Assert.Single(Prepare(_exec, parameters, options));
        var error = await Refused(_exec, parameters, options);

        Assert.Equal(DiagnosticCodes.ActionUnavailable, diagnostic.Code);
        Assert.Equal("tasks.t.action", diagnostic.Path);
        Assert.Contains("AllowExec", diagnostic.Hint, StringComparison.Ordinal);
        Assert.Equal(ErrorCategory.Permanent, error.Category);
        Assert.Contains("exec is disabled in this engine", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_allow_list_limits_the_programs_by_name_or_full_path()
    {
        var tool = _root.Script("bin/tool.sh", "echo via-path");
        var options = Enabled();
        options.ExecAllowList.Add("echo");
        options.ExecAllowList.Add(tool);

        var refused = Prepare(_exec, new() { ["command"] = "printf" }, options);
        var error = await Refused(_exec, new() { ["command"] = "printf" }, options);
        var allowed = Output(await Run(_exec, new() { ["command"] = "echo", ["args"] = List("ok") }, options));
        var byPath = Output(await Run(_exec, new() { ["command"] = "bin/tool.sh" }, options));

        Assert.Equal(DiagnosticCodes.ActionUnavailable, Assert.Single(refused).Code);
        Assert.Equal("tasks.t.parameters.command", refused[0].Path);
        Assert.Contains("not on this engine's exec allow-list", error.Message, StringComparison.Ordinal);
        Assert.Equal("ok", allowed["stdout"]);
        Assert.Equal("via-path", byPath["stdout"]);
    }

    [Fact]
    public void Prepare_checks_constant_parameters()
    {
        var missing = Prepare(_exec, new() { ["args"] = List("x") }, Enabled());
        var wrong = Prepare(_exec, new()
        {
            ["command"] = "echo",
            ["args"] = "one two",
            ["env"] = List("A=1"),
            ["permanent_exit_codes"] = List(0L),
            ["agrs"] = List("x"),
        }, Enabled());

        Assert.Equal(DiagnosticCodes.InvalidParameter, Assert.Single(missing).Code);
        Assert.Contains("needs the parameter 'command'", missing[0].Message, StringComparison.Ordinal);
        Assert.Equal(["tasks.t.parameters.agrs", "tasks.t.parameters.args", "tasks.t.parameters.env", "tasks.t.parameters.permanent_exit_codes"],
            wrong.Select(d => d.Path).Order(StringComparer.Ordinal));
        Assert.Equal("Did you mean 'args'?", wrong.Single(d => d.Path.EndsWith("agrs", StringComparison.Ordinal)).Hint);
    }

    [Fact]
    public void Prepare_leaves_templated_values_to_the_run()
    {
        var diagnostics = Prepare(_exec, new() { ["command"] = "${{ inputs.tool }}", ["args"] = "${{ inputs.args }}", ["permanent_exit_codes"] = List("${{ inputs.code }}") }, Enabled());

        Assert.Empty(diagnostics);
    }

    [Fact]
    public async Task A_template_that_resolved_to_the_wrong_type_is_a_clear_permanent_error()
    {
        var error = await Refused(_exec, new() { ["command"] = "echo", ["args"] = new Dictionary<string, object?> { ["a"] = 1L } }, Enabled());

        Assert.Equal("Task 't' (exec) has a parameter 'args' that must be a list of strings, and it is of type object.", error.Message);
    }
}
