using FastFlow.Actions.Agents;
using FastFlow.Actions.Tests.Support;
using FastFlow.Agents;
using FastFlow.Registry;
using FastFlow.Validation;

namespace FastFlow.Actions.Tests.Agents;

public sealed class AgentsFileTests : IDisposable
{
    private readonly TempDirectory _dir = new();

    public void Dispose() => _dir.Dispose();

    private AgentsFileResult Load(string text)
    {
        var path = _dir.Write("agents.yaml", text);
        return AgentsFile.Load(path);
    }

    private static Diagnostic Only(AgentsFileResult result, string code)
    {
        var diagnostic = Assert.Single(result.Diagnostics);
        Assert.Equal(code, diagnostic.Code);
        return diagnostic;
    }

    [Fact]
    public void A_file_of_process_and_http_agents_loads_with_every_field()
    {
        _dir.Script("agents/analyst.sh", "cat");
        var result = Load("""
            agents:
              - id: analyst
                type: analyst
                description: Summarizes what it is given
                capabilities: [analysis, reports]
                max_concurrent_tasks: 2
                transport: process
                command: [agents/analyst.sh, --verbose]
                env: { LEVEL: 3, MODE: fast, DROP: null }
                metadata: { team: data, cost: 1.5, tags: [a, b] }
              - id: remote
                capabilities: summary
                transport: http
                url: http://127.0.0.1:8080/tasks
                headers: { Authorization: Bearer x }
            """);

        Assert.True(result.IsValid, string.Join("\n", result.Diagnostics));
        Assert.Empty(result.Diagnostics);
        var analyst = result.Agents[0];
        Assert.Equal("analyst", analyst.Descriptor.Id);
        Assert.Equal("analyst", analyst.Descriptor.Type);
        Assert.Equal("Summarizes what it is given", analyst.Descriptor.Description);
        Assert.Equal(["analysis", "reports"], analyst.Descriptor.Capabilities);
        Assert.Equal(2, analyst.Descriptor.MaxConcurrentTasks);
        Assert.Equal((2, 5), (analyst.Line, analyst.Column));
        Assert.Equal("data", analyst.Descriptor.Metadata["team"]);
        Assert.Equal(1.5, analyst.Descriptor.Metadata["cost"]);
        Assert.Equal(new List<object?> { "a", "b" }, analyst.Descriptor.Metadata["tags"]);
        var process = Assert.IsType<ProcessAgentTransport>(analyst.Transport);
        Assert.Equal(["agents/analyst.sh", "--verbose"], process.Command);
        Assert.Equal(_dir.Path, process.WorkingDirectory);
        Assert.Equal("3", process.Variables["LEVEL"]);
        Assert.Null(process.Variables["DROP"]);
        var remote = result.Agents[1];
        Assert.Equal(["summary"], remote.Descriptor.Capabilities);
        Assert.Equal(AgentDescriptor.DefaultMaxConcurrentTasks, remote.Descriptor.MaxConcurrentTasks);
        var http = Assert.IsType<HttpAgentTransport>(remote.Transport);
        Assert.Equal(new Uri("http://127.0.0.1:8080/tasks"), http.Url);
        Assert.Equal("Bearer x", http.Headers["Authorization"]);
    }

    [Fact]
    public async Task A_relative_program_runs_from_the_files_folder()
    {
        _dir.Script("agents/echo.sh", """cat >/dev/null; echo "from $(basename "$(pwd)")" """);
        var result = Load("agents:\n  - { id: echo, command: [agents/echo.sh] }\n");

        var reply = await result.Agents.Single().Transport.SendAsync(AgentRequests.For("echo"), default);

        Assert.Equal("from " + Path.GetFileName(_dir.Path), reply.Output);
    }

    [Fact]
    public void A_json_file_loads_like_yaml()
    {
        var path = _dir.Write("agents.json", """
            {
              "agents": [
                { "id": "remote", "transport": "http", "url": "https://agents.example.com/run", "max_concurrent_tasks": 8 }
              ]
            }
            """);

        var result = AgentsFile.Load(path);

        Assert.True(result.IsValid, string.Join("\n", result.Diagnostics));
        Assert.Equal(8, result.Agents.Single().Descriptor.MaxConcurrentTasks);
        Assert.Equal((3, 5), (result.Agents[0].Line, result.Agents[0].Column));
    }

    [Fact]
    public void A_syntax_error_is_FF1201_at_its_line_and_column()
    {
        var result = Load("agents:\n  - id: a\n    command: [sh, x\n");

        var diagnostic = Only(result, DiagnosticCodes.AgentsFileSyntax);
        Assert.Equal(_dir.Combine("agents.yaml"), diagnostic.File);
        Assert.True(diagnostic.Line >= 3, diagnostic.ToString());
        Assert.StartsWith($"{_dir.Combine("agents.yaml")}:{diagnostic.Line}:{diagnostic.Column}: error FF1201: The agents file is not valid YAML or JSON", diagnostic.ToString(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("", "The agents file is empty.")]
    [InlineData("- id: a\n", "An agents file is a mapping with an 'agents' list.")]
    [InlineData("agents: analyst\n", "'agents' must be a list of agents.")]
    [InlineData("version: 1\n", "The agents file has no 'agents' list.")]
    public void A_file_of_the_wrong_shape_is_FF1201(string text, string message)
    {
        var result = Load(text);

        Assert.Contains(result.Diagnostics, d => d.Code == DiagnosticCodes.AgentsFileSyntax && d.Message == message);
        Assert.False(result.IsValid);
    }

    [Fact]
    public void An_unknown_top_level_field_has_a_did_you_mean()
    {
        var result = Load("agent:\n  - id: a\n");

        var diagnostic = result.Diagnostics.First();
        Assert.Equal((DiagnosticCodes.AgentsFileSyntax, 1, 1, "Did you mean 'agents'?"), (diagnostic.Code, diagnostic.Line, diagnostic.Column, diagnostic.Hint));
    }

    [Fact]
    public void An_agent_without_an_id_is_FF1202_at_its_entry()
    {
        var result = Load("agents:\n  - transport: http\n    url: http://localhost/x\n");

        var diagnostic = Only(result, DiagnosticCodes.AgentId);
        Assert.Equal(("agents[0]", 2, 5), (diagnostic.Path, diagnostic.Line, diagnostic.Column));
    }

    [Fact]
    public void An_invalid_id_is_FF1202_with_a_valid_suggestion()
    {
        var result = Load("agents:\n  - id: my agent!\n    url: http://localhost/x\n");

        var diagnostic = Only(result, DiagnosticCodes.AgentId);
        Assert.Equal(("agents[0].id", 2, 9), (diagnostic.Path, diagnostic.Line, diagnostic.Column));
        Assert.Contains("'my-agent'", diagnostic.Hint, StringComparison.Ordinal);
    }

    [Fact]
    public void A_duplicate_id_is_FF1203_pointing_at_the_first()
    {
        var result = Load("agents:\n  - id: a\n    url: http://localhost/1\n  - id: a\n    url: http://localhost/2\n");

        var diagnostic = Only(result, DiagnosticCodes.DuplicateAgent);
        Assert.Equal(("agents[1].id", 4, 9), (diagnostic.Path, diagnostic.Line, diagnostic.Column));
        Assert.Contains("first defined at line 2", diagnostic.Hint, StringComparison.Ordinal);
        Assert.Single(result.Agents);
    }

    [Fact]
    public void An_unknown_transport_is_FF1204_with_a_did_you_mean()
    {
        var result = Load("agents:\n  - id: a\n    transport: proces\n    command: [sh]\n");

        var diagnostic = Only(result, DiagnosticCodes.AgentTransport);
        Assert.Equal(("agents[0].transport", 3, 16, "Did you mean 'process'?"), (diagnostic.Path, diagnostic.Line, diagnostic.Column, diagnostic.Hint));
    }

    [Theory]
    [InlineData("    transport: process\n", "Process agent 'a' has no command.")]
    [InlineData("    transport: http\n", "HTTP agent 'a' has no url.")]
    [InlineData("    type: x\n", "Agent 'a' says neither how to reach it (transport) nor a command or url.")]
    public void A_transport_without_its_command_or_url_is_FF1204(string fields, string message)
    {
        var result = Load("agents:\n  - id: a\n" + fields);

        var diagnostic = Only(result, DiagnosticCodes.AgentTransport);
        Assert.Equal((message, 2, 5), (diagnostic.Message, diagnostic.Line, diagnostic.Column));
    }

    [Fact]
    public void A_program_path_that_does_not_exist_is_FF1204_and_a_name_not_on_the_path_a_warning()
    {
        var missingPath = Load("agents:\n  - id: a\n    command: [agents/nope.sh]\n");
        var missingName = Load("agents:\n  - id: a\n    command: [fastflow-no-such-agent]\n");

        var error = Only(missingPath, DiagnosticCodes.AgentTransport);
        Assert.Contains(_dir.Combine("agents", "nope.sh"), error.Message, StringComparison.Ordinal);
        var warning = Only(missingName, DiagnosticCodes.AgentTransport);
        Assert.Equal(DiagnosticSeverity.Warning, warning.Severity);
        Assert.True(missingName.IsValid);
    }

    [Fact]
    public void An_unknown_field_is_FF1205_with_a_did_you_mean()
    {
        var result = Load("agents:\n  - id: a\n    capabilites: [x]\n    agent_type: y\n    url: http://localhost/x\n");

        Assert.Equal(2, result.Diagnostics.Count);
        Assert.All(result.Diagnostics, d => Assert.Equal(DiagnosticCodes.AgentField, d.Code));
        Assert.Equal(("agents[0].capabilites", 3, 5, "Did you mean 'capabilities'?"),
            (result.Diagnostics[0].Path, result.Diagnostics[0].Line, result.Diagnostics[0].Column, result.Diagnostics[0].Hint));
        Assert.Equal("Did you mean 'type'?", result.Diagnostics[1].Hint);
    }

    [Theory]
    [InlineData("    max_concurrent_tasks: four\n    url: http://localhost/x\n", "agents[0].max_concurrent_tasks")]
    [InlineData("    max_concurrent_tasks: 0\n    url: http://localhost/x\n", "agents[0].max_concurrent_tasks")]
    [InlineData("    max_concurrent_tasks: \"4\"\n    url: http://localhost/x\n", "agents[0].max_concurrent_tasks")]
    [InlineData("    capabilities: { a: b }\n    url: http://localhost/x\n", "agents[0].capabilities")]
    [InlineData("    url: localhost:8080\n", "agents[0].url")]
    [InlineData("    command: python3 agents/analyst.py\n", "agents[0].command")]
    [InlineData("    command: [sh]\n    url: http://localhost/x\n", "agents[0].url")]
    [InlineData("    url: http://localhost/x\n    metadata: [a]\n", "agents[0].metadata")]
    public void A_field_of_the_wrong_type_or_place_is_FF1205(string fields, string path)
    {
        var result = Load("agents:\n  - id: a\n" + fields);

        var diagnostic = Only(result, DiagnosticCodes.AgentField);
        Assert.Equal(path, diagnostic.Path);
        Assert.True(diagnostic.Line >= 3);
    }

    [Fact]
    public void A_shell_line_as_command_gets_the_list_it_should_be()
    {
        var result = Load("agents:\n  - id: a\n    command: python3 agents/analyst.py\n");

        Assert.Equal("Write command: [python3, agents/analyst.py].", Only(result, DiagnosticCodes.AgentField).Hint);
    }

    [Fact]
    public void Every_problem_is_reported_at_once_and_good_agents_are_kept()
    {
        var result = Load("""
            agents:
              - id: good
                url: http://localhost/good
              - id: bad id
                url: http://localhost/x
              - id: b
                transport: ftp
              - id: good
                url: http://localhost/again
              - id: c
                urll: http://localhost/c
            """);

        Assert.Equal(
            [DiagnosticCodes.AgentId, DiagnosticCodes.AgentTransport, DiagnosticCodes.DuplicateAgent, DiagnosticCodes.AgentField, DiagnosticCodes.AgentTransport],
            result.Diagnostics.Select(d => d.Code));
        Assert.Equal([4, 7, 8, 11, 10], result.Diagnostics.Select(d => d.Line));
        Assert.Equal(["good"], result.Agents.Select(a => a.Descriptor.Id));
    }

    [Fact]
    public void A_file_that_cannot_be_read_is_FF1201()
    {
        var result = AgentsFile.Load(_dir.Combine("missing.yaml"));

        Assert.Equal(DiagnosticCodes.AgentsFileSyntax, Only(result, DiagnosticCodes.AgentsFileSyntax).Code);
        Assert.Contains("cannot be read", result.Diagnostics[0].Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Register_adds_the_agents_to_the_registry()
    {
        _dir.Script("a.sh", "cat");
        var result = Load("agents:\n  - { id: local, command: [./a.sh], capabilities: [x] }\n  - { id: remote, url: http://localhost/x }\n");
        var registry = new FlowRegistry();

        var agents = AgentsFile.Register(registry, result, new FlowEngineOptions { AllowExec = true });

        Assert.Equal(["local", "remote"], agents.Select(a => a.Id));
        Assert.True(registry.TryGetAgent("local", out var local));
        Assert.Equal("process", local.Transport.Kind);
        Assert.Equal(["local", "remote"], registry.Ids(ComponentKind.Agent));
    }

    [Fact]
    public void Register_refuses_process_agents_when_the_engine_does_not_allow_exec()
    {
        _dir.Script("a.sh", "cat");
        var result = Load("agents:\n  - { id: remote, url: http://localhost/x }\n  - { id: local, command: [./a.sh] }\n");
        var registry = new FlowRegistry();

        var error = Assert.Throws<DefinitionException>(() => AgentsFile.Register(registry, result, new FlowEngineOptions()));

        var diagnostic = Assert.Single(error.Diagnostics);
        Assert.Equal((DiagnosticCodes.AgentTransport, 3, 5), (diagnostic.Code, diagnostic.Line, diagnostic.Column));
        Assert.Contains("AllowExec", diagnostic.Hint, StringComparison.Ordinal);
        Assert.Empty(registry.Agents());
    }

    [Fact]
    public void Register_refuses_a_file_with_errors()
    {
        var result = Load("agents:\n  - { id: a }\n");

        var error = Assert.Throws<DefinitionException>(() => AgentsFile.Register(new FlowRegistry(), result, new FlowEngineOptions { AllowExec = true }));

        Assert.Equal(DiagnosticCodes.AgentTransport, Assert.Single(error.Diagnostics).Code);
    }
}
