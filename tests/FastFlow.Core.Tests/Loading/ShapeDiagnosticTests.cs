using FastFlow.Validation;

namespace FastFlow.Core.Tests.Loading;

/// <summary>FF1002-FF1009 and FF1023: every code the loader emits, with its exact line:column,
/// path and hint.</summary>
public sealed class ShapeDiagnosticTests
{
    [Fact]
    public void FF1002_unknown_task_field_with_did_you_mean()
    {
        var result = Loads.Yaml("""
            name: x
            tasks:
              load:
                action: noop
                timeout_secnds: 5
            """);

        var d = Loads.Single(result);
        Assert.Equal("FF1002 5:5 tasks.load.timeout_secnds", Loads.Where(d));
        Assert.Equal("did you mean 'timeout_seconds'?", d.Hint);
        Assert.Contains("task 'load'", d.Message, StringComparison.Ordinal);
        Assert.NotNull(result.Definition);
    }

    [Fact]
    public void FF1002_unknown_field_without_a_close_name_lists_the_allowed_ones()
    {
        var d = Loads.Single(Loads.Json("""{"name": "x", "zzz": 1, "tasks": {"t": {"action": "noop"}}}"""));

        Assert.Equal("FF1002 1:15 zzz", Loads.Where(d));
        Assert.StartsWith("allowed fields: version, id, name", d.Hint, StringComparison.Ordinal);
    }

    [Fact]
    public void FF1002_in_retry_defaults_inputs_and_compensation()
    {
        var result = Loads.Yaml("""
            name: x
            inputs:
              a: { type: string, requird: true }
            defaults:
              retry: { max_attempt: 2 }
            tasks:
              t:
                action: noop
                compensation: { action: noop, parameter: {} }
            """);

        Assert.Equal(
            ["FF1002 3:22 inputs.a.requird", "FF1002 5:12 defaults.retry.max_attempt", "FF1002 9:35 tasks.t.compensation.parameter"],
            Loads.Wheres(result));
        Assert.All(result.Diagnostics, d => Assert.StartsWith("did you mean", d.Hint, StringComparison.Ordinal));
    }

    [Fact]
    public void FF1003_number_field_given_a_string()
    {
        var d = Loads.Single(Loads.Yaml("""
            name: x
            tasks:
              load:
                action: noop
                timeout_seconds: ten
            """));

        Assert.Equal("FF1003 5:22 tasks.load.timeout_seconds", Loads.Where(d));
        Assert.Equal("timeout_seconds must be a number, got string 'ten'", d.Message);
    }

    [Fact]
    public void FF1003_quoted_number_is_a_string_and_the_hint_says_so()
    {
        var d = Loads.Single(Loads.Yaml("name: x\nmax_concurrency: '10'\ntasks: { t: { action: noop } }\n"));

        Assert.Equal("FF1003 2:18 max_concurrency", Loads.Where(d));
        Assert.Equal("max_concurrency must be an integer, got string '10'", d.Message);
        Assert.Equal("remove the quotes: quoted values are strings", d.Hint);
    }

    [Fact]
    public void FF1003_json_types_are_strict()
    {
        var result = Loads.Json("""
            {
              "name": 5,
              "id": "x",
              "revision": 1.5,
              "tasks": {
                "t": { "action": "noop", "parameters": [1], "dependencies": [true], "retry": { "jitter": "yes" } }
              }
            }
            """);

        Assert.Equal(
        [
            "FF1003 2:11 name",
            "FF1003 4:15 revision",
            "FF1003 6:44 tasks.t.parameters",
            "FF1003 6:66 tasks.t.dependencies[0]",
            "FF1003 6:94 tasks.t.retry.jitter",
        ], Loads.Wheres(result));
        Assert.Equal("name must be a string, got number 5", result.Diagnostics[0].Message);
        Assert.Equal("revision must be an integer, got number 1.5", result.Diagnostics[1].Message);
        Assert.Equal("jitter must be a boolean (true or false), got string 'yes'", result.Diagnostics[4].Message);
    }

    [Fact]
    public void FF1003_tasks_and_task_bodies_of_the_wrong_shape()
    {
        var list = Loads.Single(Loads.Yaml("name: x\ntasks: 5\n"));
        var body = Loads.Yaml("name: x\ntasks:\n  a: 5\n  b: { action: noop, dependencies: [a] }\n");

        Assert.Equal("FF1003 2:8 tasks", Loads.Where(list));
        Assert.Equal(["FF1003 3:6 tasks.a"], Loads.Wheres(body));
        // The malformed task still exists, so its dependent resolves.
        Assert.Empty(body.Definition!.Tasks.Unresolved);
        Assert.Equal(2, body.Definition.Tasks.Count);
    }

    [Fact]
    public void FF1003_keys_must_be_scalars()
    {
        var d = Loads.Single(Loads.Yaml("name: x\ntasks: { t: { action: noop } }\n? [a, b]\n: 1\n"));

        Assert.Equal("FF1003 3:3 ", Loads.Where(d));
    }

    [Fact]
    public void FF1004_workflow_without_id_or_name()
    {
        var d = Loads.Single(Loads.Yaml("description: nothing to call it\ntasks: { t: { action: noop } }\n"));

        Assert.Equal("FF1004 1:1 id", Loads.Where(d));
    }

    [Fact]
    public void FF1004_workflow_without_tasks()
    {
        var d = Loads.Single(Loads.Json("""
            {
              "id": "empty"
            }
            """));

        Assert.Equal("FF1004 1:1 tasks", Loads.Where(d));
    }

    [Fact]
    public void FF1004_list_form_task_without_id()
    {
        var result = Loads.Yaml("""
            name: x
            tasks:
              - id: a
                action: noop
              - action: noop
            """);

        Assert.Equal(["FF1004 5:5 tasks[1].id"], Loads.Wheres(result));
        Assert.Equal(2, result.Definition!.Tasks.Count);
    }

    [Fact]
    public void FF1005_invalid_task_key_and_workflow_id()
    {
        var result = Loads.Yaml("""
            id: my flow
            tasks:
              load data:
                action: noop
            """);

        Assert.Equal(["FF1005 1:5 id", "FF1005 3:3 tasks[\"load data\"]"], Loads.Wheres(result));
        Assert.Equal("use letters, digits, '.', '_' or '-', e.g. 'my-flow'", result.Diagnostics[0].Hint);
        Assert.Equal("load data", result.Definition!.Tasks.GetId(0));
    }

    [Fact]
    public void FF1005_name_from_which_no_id_can_be_made()
    {
        var d = Loads.Single(Loads.Yaml("name: '!!!'\ntasks: { t: { action: noop } }\n"));

        Assert.Equal("FF1005 1:7 name", Loads.Where(d));
    }

    [Fact]
    public void FF1005_invalid_input_and_output_names()
    {
        var result = Loads.Yaml("""
            name: x
            inputs:
              "bad name": { type: string }
            tasks: { t: { action: noop } }
            outputs:
              "a/b": "${{ tasks.t.output }}"
            """);

        Assert.Equal(["FF1005 3:3 inputs[\"bad name\"]", "FF1005 6:3 outputs[\"a/b\"]"], Loads.Wheres(result));
    }

    [Fact]
    public void FF1006_duplicate_task_key_in_yaml()
    {
        var result = Loads.Yaml("""
            name: x
            tasks:
              load:
                action: noop
              load:
                action: fail
            """);

        var d = Loads.Single(result);
        Assert.Equal("FF1006 5:3 tasks.load", Loads.Where(d));
        Assert.Equal("the first is at 3:3; remove or rename one", d.Hint);
        Assert.Equal("noop", result.Definition!.Tasks[0].Options.Action);
        Assert.Single(result.Definition.Tasks);
    }

    [Fact]
    public void FF1006_duplicate_key_in_json_parameters()
    {
        var d = Loads.Single(Loads.Json("""{"name": "x", "tasks": {"t": {"action": "noop", "parameters": {"a": 1, "a": 2}}}}"""));

        Assert.Equal("FF1006 1:72 tasks.t.parameters.a", Loads.Where(d));
    }

    [Fact]
    public void FF1006_duplicate_id_in_the_list_form()
    {
        var result = Loads.Yaml("""
            name: x
            tasks:
              - { id: a, action: noop }
              - { id: a, action: noop }
            """);

        Assert.Equal(["FF1006 4:11 tasks.a"], Loads.Wheres(result));
        Assert.Single(result.Definition!.Tasks);
    }

    [Fact]
    public void FF1006_duplicate_input()
    {
        var d = Loads.Single(Loads.Yaml("name: x\ninputs:\n  a: {}\n  a: {}\ntasks: { t: { action: noop } }\n"));

        Assert.Equal("FF1006 4:3 inputs.a", Loads.Where(d));
    }

    [Fact]
    public void FF1007_task_id_field_differs_from_its_key()
    {
        var result = Loads.Json("""
            {
              "name": "x",
              "tasks": {
                "extract": { "id": "extract_data", "action": "noop" }
              }
            }
            """);

        var d = Loads.Single(result);
        Assert.Equal("FF1007 4:24 tasks.extract.id", Loads.Where(d));
        Assert.Equal("extract", result.Definition!.Tasks.GetId(0));
    }

    [Theory]
    [InlineData("3.0.0")]
    [InlineData("1.3")]
    [InlineData("0.9")]
    [InlineData("2.0-beta")]
    public void FF1008_unsupported_version_is_an_error(string version)
    {
        var d = Loads.Single(Loads.Yaml($"version: \"{version}\"\nname: x\ntasks: {{ t: {{ action: noop }} }}\n"));

        Assert.Equal("FF1008 1:10 version", Loads.Where(d));
        Assert.True(d.IsError);
        Assert.Contains("2.x", d.Hint, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("1.0.0")]
    [InlineData("1.1")]
    [InlineData("1.2.0")]
    public void FF1008_version_1_is_migrated_with_a_warning(string version)
    {
        var result = Loads.Yaml($"version: \"{version}\"\nname: x\ntasks: {{ t: {{ action: noop }} }}\n");

        var d = Loads.Single(result);
        Assert.Equal("FF1008 1:10 version", Loads.Where(d));
        Assert.Equal(DiagnosticSeverity.Warning, d.Severity);
        Assert.Contains("migrated to 2.0.0", d.Message, StringComparison.Ordinal);
        Assert.True(result.Success);
        Assert.Equal("2.0.0", result.Definition!.SchemaVersion);
    }

    [Theory]
    [InlineData("2", "2.0.0")]
    [InlineData("2.0", "2.0.0")]
    [InlineData("\"2.1\"", "2.1.0")]
    [InlineData("\"2.3.4\"", "2.3.4")]
    public void Version_2_x_is_accepted_as_a_string_or_a_number(string written, string expected)
    {
        var result = Loads.Yaml($"version: {written}\nname: x\ntasks: {{ t: {{ action: noop }} }}\n");

        Assert.Empty(result.Diagnostics);
        Assert.Equal(expected, result.Definition!.SchemaVersion);
    }

    [Fact]
    public void FF1009_enum_values_with_allowed_values_in_the_hint()
    {
        var result = Loads.Yaml("""
            name: x
            on_failure: skip
            inputs:
              a: { type: text }
            tasks:
              t:
                action: noop
                trigger_rule: all_sucess
                priority: urgent
                on_failure: ignore
                execution_mode: async
                retry: { retriable_errors: [transient, flaky] }
            """);

        Assert.Equal(
        [
            "FF1009 2:13 on_failure",
            "FF1009 4:14 inputs.a.type",
            "FF1009 8:19 tasks.t.trigger_rule",
            "FF1009 9:15 tasks.t.priority",
            "FF1009 10:17 tasks.t.on_failure",
            "FF1009 11:21 tasks.t.execution_mode",
            "FF1009 12:44 tasks.t.retry.retriable_errors[1]",
        ], Loads.Wheres(result));
        var hints = result.Diagnostics.Select(d => d.Hint).ToArray();
        Assert.Equal("allowed values: fail, compensate, pause (skip is for tasks and defaults)", hints[0]);
        Assert.Equal("allowed values: any, string, integer, number, boolean, object, array", hints[1]);
        Assert.Equal("did you mean 'all_success'? allowed values: all_success, none_failed, one_success, all_done", hints[2]);
        Assert.Equal("allowed values: low, normal (alias medium), high, critical", hints[3]);
        Assert.Equal("allowed values: fail, skip, pause, compensate", hints[4]);
        Assert.Equal("allowed values: parallel, sequential, conditional", hints[5]);
        Assert.Equal("allowed values: transient, permanent, timeout, capacity, business", hints[6]);
        Assert.Equal("'all_sucess' is not a valid trigger_rule", result.Diagnostics[2].Message);
    }

    [Fact]
    public void FF1009_warning_when_retry_and_the_shorthand_are_both_given()
    {
        var result = Loads.Yaml("""
            name: x
            tasks:
              t:
                action: noop
                retry: { max_attempts: 2 }
                retry_count: 5
                retry_delay: 1
            """);

        Assert.Equal(["FF1009 6:5 tasks.t.retry_count", "FF1009 7:5 tasks.t.retry_delay"], Loads.Wheres(result));
        Assert.All(result.Diagnostics, d => Assert.Equal(DiagnosticSeverity.Warning, d.Severity));
        Assert.True(result.Success);
        Assert.Equal(2, result.Definition!.Tasks[0].Options.Retry!.MaxAttempts);
        Assert.Null(result.Definition.Tasks[0].Options.Retry!.BaseDelaySeconds);
    }

    [Fact]
    public void FF1023_task_with_neither_or_both_action_and_handler()
    {
        var result = Loads.Yaml("""
            name: x
            tasks:
              neither:
                name: Nothing to run
              both:
                action: noop
                handler: save_rows
              undo:
                action: noop
                compensation: { parameters: { a: 1 } }
            """);

        Assert.Equal(
            ["FF1023 3:3 tasks.neither", "FF1023 7:5 tasks.both.handler", "FF1023 10:5 tasks.undo.compensation"],
            Loads.Wheres(result));
        Assert.Equal("task 'neither' has neither an action nor a handler", result.Diagnostics[0].Message);
        Assert.Equal(3, result.Definition!.Tasks.Count);
    }

    [Fact]
    public void Diagnostics_carry_the_file_and_a_hint()
    {
        var result = Loads.Yaml("name: x\ntasks:\n  t: { action: noop, priorty: high }\n");

        var d = Loads.Single(result);
        Assert.Equal("test.yaml", d.File);
        Assert.Equal("test.yaml:3:22: error FF1002: unknown field 'priorty' in task 't' [tasks.t.priorty]" + Environment.NewLine + "  hint: did you mean 'priority'?", d.ToString());
    }
}
