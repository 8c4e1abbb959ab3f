using System.Text.Json;
using FastFlow.Cli.Tests.Support;

namespace FastFlow.Cli.Tests;

/// <summary>The seed examples and their agents (examples/agents.yaml), and agents files with mistakes.</summary>
public sealed class AgentTests : IDisposable
{
    private readonly TempDirectory _dir = new();

    public void Dispose() => _dir.Dispose();

    private static string AgentsFile => RepoFiles.Example("agents.yaml");

    [Fact]
    public async Task Multi_agent_processing_runs_to_completed_with_outputs_from_the_agent_scripts()
    {
        var result = await Tool.RunAsync(RepoFiles.Root, "run", "examples/multi-agent-processing.yaml", "--agents", "examples/agents.yaml", "--in-memory", "--json");

        Assert.True(result.ExitCode == 0, result.ToString());
        var json = result.Json();
        Assert.Equal("completed", json.GetProperty("status").GetString());
        Assert.Equal("multi-agent-processing", json.GetProperty("workflow_id").GetString());
        var tasks = json.GetProperty("tasks");
        Assert.Equal(["preprocessing", "analysis_1", "analysis_2", "synthesis"], tasks.EnumerateObject().Select(static p => p.Name));
        Assert.All(tasks.EnumerateObject(), static t => Assert.Equal("completed", t.Value.GetProperty("status").GetString()));
        // Each output is what the example agent (examples/agents/agent.cs) computed in its role.
        var data = tasks.GetProperty("preprocessing").GetProperty("output");
        Assert.Equal("multi-agent-processing", data.GetProperty("source").GetString());
        var values = data.GetProperty("values").EnumerateArray().Select(static v => v.GetDouble()).ToList();
        Assert.Equal(values.Count, data.GetProperty("count").GetInt32());
        Assert.Equal("analyst_1", tasks.GetProperty("analysis_1").GetProperty("output").GetProperty("agent").GetString());
        Assert.Equal(Math.Round(values.Average(), 2), tasks.GetProperty("analysis_1").GetProperty("output").GetProperty("statistics").GetProperty("mean").GetDouble());
        Assert.Equal("analyst_2", tasks.GetProperty("analysis_2").GetProperty("output").GetProperty("agent").GetString());
        var synthesis = tasks.GetProperty("synthesis").GetProperty("output");
        Assert.Equal("synthesizer", synthesis.GetProperty("agent").GetString());
        Assert.Equal(["analysis_1", "analysis_2"], synthesis.GetProperty("sources").EnumerateArray().Select(static s => s.GetString()));
    }

    [Fact]
    public async Task Multi_agent_processing_prints_progress_and_a_summary_with_each_tasks_output()
    {
        var result = await Tool.RunAsync(RepoFiles.Root, "run", "examples/multi-agent-processing.yaml", "--agents", "examples/agents.yaml", "--in-memory");

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Contains(result.Lines, static l => l.EndsWith("task.completed synthesis", StringComparison.Ordinal) || l.Contains("task.completed synthesis (", StringComparison.Ordinal));
        Assert.Contains(result.Lines, static l => l.StartsWith("Multi-Agent Processing (multi-agent-processing) completed in ", StringComparison.Ordinal));
        Assert.Contains(result.Lines, static l => l.Contains("│ synthesis ", StringComparison.Ordinal) && l.Contains("{\"agent\":\"synthesizer\"", StringComparison.Ordinal));
    }

    [Fact]
    public async Task The_data_pipeline_runs_with_its_agents_and_prints_the_documented_json()
    {
        var result = await Tool.RunAsync(RepoFiles.Root, "run", "examples/data-pipeline.yaml", "--agents", "examples/agents.yaml", "--input", "source=orders", "--in-memory", "--json");

        Assert.True(result.ExitCode == 0, result.ToString());
        var json = result.Json();
        Assert.Equal(["run_id", "workflow_id", "status", "started_at", "completed_at", "duration_ms", "tasks", "outputs"], json.EnumerateObject().Select(static p => p.Name));
        Assert.Equal(("data-pipeline", "completed"), (json.GetProperty("workflow_id").GetString(), json.GetProperty("status").GetString()));
        var tasks = json.GetProperty("tasks");
        Assert.Equal(
            ["configure", "check_batch", "reject_batch", "extract", "stage", "transform_even", "transform_odd", "preview", "merge", "settle", "load", "report", "announce"],
            tasks.EnumerateObject().Select(static p => p.Name));
        Assert.Equal("skipped", tasks.GetProperty("reject_batch").GetProperty("status").GetString());
        Assert.Equal(JsonValueKind.True, tasks.GetProperty("check_batch").GetProperty("output").GetProperty("result").ValueKind);
        // `stage` is an exec task: enabled for local runs, its JSON stdout parsed.
        Assert.Equal(42, tasks.GetProperty("stage").GetProperty("output").GetProperty("stdout").GetProperty("rows").GetInt64());
        var outputs = json.GetProperty("outputs");
        Assert.Equal(42, outputs.GetProperty("rows").GetInt64());
        Assert.Equal(JsonValueKind.True, outputs.GetProperty("loaded").ValueKind);
        Assert.Equal("42 rows from orders, loaded: completed", outputs.GetProperty("summary").GetString());
    }

    [Fact]
    public async Task Validate_with_agents_checks_the_agents_file_first_and_the_references_against_it()
    {
        string[] examples = ["examples/simple-analysis.yaml", "examples/multi-agent-processing.json", "examples/data-pipeline.yaml"];

        var result = await Tool.RunAsync(RepoFiles.Root, ["validate", .. examples, "--agents", "examples/agents.yaml", "--json"]);

        Assert.True(result.ExitCode == 0, result.ToString());
        var files = result.Json().GetProperty("files").EnumerateArray().ToList();
        Assert.Equal(["examples/agents.yaml", .. examples], files.Select(static f => f.GetProperty("file").GetString()));
        Assert.All(files, static f => Assert.True(f.GetProperty("valid").GetBoolean(), f.ToString()));
    }

    [Fact]
    public async Task Validate_with_agents_reports_an_agent_that_the_file_does_not_define()
    {
        _dir.Write("flow.yaml", "id: flow\ntasks:\n  ask:\n    action: agent_task\n    agent_id: analyts\n");

        var result = await Tool.RunAsync(_dir.Path, "validate", "flow.yaml", "--agents", AgentsFile);

        Assert.True(result.ExitCode == 2, result.ToString());
        Assert.Contains(result.Lines, static l => l.StartsWith("flow.yaml:5:15: error FF1022:", StringComparison.Ordinal));
        Assert.Contains("analyst", result.StdOut, StringComparison.Ordinal);
        Assert.Contains($"{AgentsFile}: valid", result.Lines);
        Assert.Contains("flow.yaml: invalid (1 error)", result.Lines);
    }

    [Fact]
    public async Task Validate_takes_a_servers_agents_file_with_a_remote_agent_and_checks_references_to_it()
    {
        _dir.Write("server-agents.yaml", "agents:\n  - id: renderer\n    transport: remote\n    capabilities: [render]\n");
        _dir.Write("flow.yaml", "id: flow\ntasks:\n  draw:\n    action: agent_task\n    agent_id: renderer\n  again:\n    action: agent_task\n    agent_id: renderr\n");

        var result = await Tool.RunAsync(_dir.Path, "validate", "flow.yaml", "--agents", "server-agents.yaml");

        Assert.True(result.ExitCode == 2, result.ToString());
        Assert.Contains("server-agents.yaml: valid", result.Lines);
        // The remote agent resolves; only the misspelt reference is an error.
        Assert.Contains(result.Lines, static l => l.StartsWith("flow.yaml:8:15: error FF1022:", StringComparison.Ordinal));
        Assert.Contains("flow.yaml: invalid (1 error)", result.Lines);
    }

    [Fact]
    public async Task Without_agents_a_run_of_an_agent_workflow_is_refused_with_a_hint()
    {
        var result = await Tool.RunAsync(RepoFiles.Root, "run", "examples/simple-analysis.yaml", "--in-memory");

        Assert.True(result.ExitCode == 2, result.ToString());
        Assert.Contains("examples/simple-analysis.yaml:8:15: error FF1022:", result.StdErr, StringComparison.Ordinal);
        Assert.Contains("--agents", result.StdErr, StringComparison.Ordinal);
        Assert.Contains("nothing ran", result.StdErr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_agents_file_with_mistakes_is_reported_at_its_lines_and_nothing_runs()
    {
        _dir.Write("agents.yaml", """
            agents:
              - id: analyst
                transport: proces
                command: [sh, x.sh]
              - id: other
                capabilites: [x]
                url: http://localhost:1/x
            """);

        var validate = await Tool.RunAsync(_dir.Path, "validate", RepoFiles.Example("simple-analysis.yaml"), "--agents", "agents.yaml");
        var run = await Tool.RunAsync(_dir.Path, "run", RepoFiles.Example("simple-analysis.yaml"), "--agents", "agents.yaml", "--json");

        Assert.True(validate.ExitCode == 2, validate.ToString());
        Assert.Contains(validate.Lines, static l => l.StartsWith("agents.yaml:3:16: error FF1204:", StringComparison.Ordinal));
        Assert.Contains(validate.Lines, static l => l.StartsWith("agents.yaml:6:5: error FF1205:", StringComparison.Ordinal));
        Assert.Contains("agents.yaml: invalid (2 errors)", validate.Lines);
        Assert.True(run.ExitCode == 2, run.ToString());
        var json = run.Json();
        Assert.Contains("nothing ran", json.GetProperty("error").GetProperty("message").GetString(), StringComparison.Ordinal);
        Assert.Equal(["FF1204", "FF1205"], json.GetProperty("diagnostics").EnumerateArray().Select(static d => d.GetProperty("code").GetString()));
    }

    [Fact]
    public async Task A_failing_agent_fails_the_run_with_its_error()
    {
        _dir.Write("flow.yaml", """
            id: asks-to-fail
            tasks:
              ask:
                action: agent_task
                agent_id: analyst
                parameters: { fail: permanent }
            """);

        var result = await Tool.RunAsync(_dir.Path, "run", "flow.yaml", "--agents", AgentsFile, "--json");

        Assert.True(result.ExitCode == 1, result.ToString());
        var error = result.Json().GetProperty("tasks").GetProperty("ask").GetProperty("error");
        Assert.Equal("permanent", error.GetProperty("category").GetString());
        Assert.Contains("analyst was asked to fail", error.GetProperty("message").GetString(), StringComparison.Ordinal);
    }
}
