using FastFlow.Actions.Agents;
using FastFlow.Agents;
using FastFlow.Registry;
using FastFlow.Validation;

namespace FastFlow.Actions.Tests.Agents;

/// <summary><c>transport: remote</c> in an agents file: accepted with its lease time, kept apart
/// from process and HTTP agents (only a server can serve it), and a field of another transport on
/// it refused at its line.</summary>
public sealed class RemoteAgentsFileTests
{
    private static Diagnostic Only(AgentsFileResult result, string code)
    {
        var diagnostic = Assert.Single(result.Diagnostics);
        Assert.Equal(code, diagnostic.Code);
        return diagnostic;
    }

    [Fact]
    public void A_remote_agent_is_accepted_with_its_descriptor_and_lease_time_and_kept_apart_from_the_others()
    {
        var result = AgentsFile.Parse("""
            agents:
              - id: web
                url: http://127.0.0.1:8080/tasks
              - id: gpu
                type: analyst
                capabilities: [analysis, gpu]
                max_concurrent_tasks: 2
                transport: remote
                lease_seconds: 1.5
              - { id: plain, transport: remote }
            """, "agents.yaml");

        Assert.True(result.IsValid, string.Join("\n", result.Diagnostics));
        Assert.Empty(result.Diagnostics);
        Assert.Equal(["web"], result.Agents.Select(a => a.Descriptor.Id));
        Assert.Equal(["gpu", "plain"], result.RemoteAgents.Select(a => a.Descriptor.Id));
        var gpu = result.RemoteAgents[0];
        Assert.Equal(("analyst", 2, TimeSpan.FromSeconds(1.5)), (gpu.Descriptor.Type, gpu.Descriptor.MaxConcurrentTasks, gpu.LeaseDuration));
        Assert.Equal(["analysis", "gpu"], gpu.Descriptor.Capabilities);
        Assert.Equal((4, 5), (gpu.Line, gpu.Column));
        Assert.Null(result.RemoteAgents[1].LeaseDuration);
        Assert.Equal(10, result.RemoteAgents[1].Line);
    }

    [Theory]
    [InlineData("command: [python3, worker.py]", "command", "process")]
    [InlineData("env: { A: b }", "env", "process")]
    [InlineData("url: http://127.0.0.1:8080/tasks", "url", "http")]
    [InlineData("headers: { Authorization: x }", "headers", "http")]
    public void A_field_of_another_transport_on_a_remote_agent_is_refused_at_its_line(string field, string name, string transport)
    {
        var result = AgentsFile.Parse($"agents:\n  - id: gpu\n    transport: remote\n    {field}\n", "agents.yaml");

        var diagnostic = Only(result, DiagnosticCodes.AgentField);
        Assert.Equal(($"agents[0].{name}", "agents.yaml", 4, 5), (diagnostic.Path, diagnostic.File, diagnostic.Line, diagnostic.Column));
        Assert.StartsWith($"'{name}' does not belong to remote agents: agent 'gpu' is served to workers over the protocol", diagnostic.Message, StringComparison.Ordinal);
        Assert.Contains($"transport: {transport}", diagnostic.Hint, StringComparison.Ordinal);
        Assert.Empty(result.RemoteAgents);
        Assert.False(result.IsValid);
    }

    [Fact]
    public void Lease_seconds_on_an_http_agent_is_refused_at_its_line()
    {
        var result = AgentsFile.Parse("agents:\n  - id: web\n    url: http://127.0.0.1/x\n    lease_seconds: 5\n", "agents.yaml");

        var diagnostic = Only(result, DiagnosticCodes.AgentField);
        Assert.Equal((4, "'lease_seconds' belongs to remote agents, and agent 'web' is an http agent."), (diagnostic.Line, diagnostic.Message));
        Assert.Empty(result.Agents);
    }

    [Theory]
    [InlineData("0")]
    [InlineData("-3")]
    [InlineData("\"30\"")]
    [InlineData("thirty")]
    [InlineData("86401")]
    [InlineData("[30]")]
    public void Lease_seconds_that_is_not_a_positive_number_of_seconds_up_to_a_day_is_refused(string value)
    {
        var result = AgentsFile.Parse($"agents:\n  - id: gpu\n    transport: remote\n    lease_seconds: {value}\n", "agents.yaml");

        var diagnostic = Only(result, DiagnosticCodes.AgentField);
        Assert.Equal(("agents[0].lease_seconds", 4, 20), (diagnostic.Path, diagnostic.Line, diagnostic.Column));
        Assert.Equal("lease_seconds must be a number of seconds above 0 and at most 86400.", diagnostic.Message);
        Assert.Empty(result.RemoteAgents);
    }

    [Theory]
    [InlineData("tcp", "Did you mean 'remote'?")]
    [InlineData("remot", "Did you mean 'remote'?")]
    public void A_misspelt_remote_transport_suggests_remote(string transport, string hintStart)
    {
        var result = AgentsFile.Parse($"agents:\n  - id: gpu\n    transport: {transport}\n", "agents.yaml");

        var diagnostic = Only(result, DiagnosticCodes.AgentTransport);
        Assert.Equal($"'{transport}' is not an agent transport.", diagnostic.Message);
        Assert.StartsWith(hintStart, diagnostic.Hint, StringComparison.Ordinal);
    }

    [Fact]
    public void A_remote_agent_shares_its_id_with_no_other_agent()
    {
        var result = AgentsFile.Parse("agents:\n  - { id: a, url: http://127.0.0.1/x }\n  - { id: a, transport: remote }\n", "agents.yaml");

        var diagnostic = Only(result, DiagnosticCodes.DuplicateAgent);
        Assert.Equal(3, diagnostic.Line);
        Assert.Empty(result.RemoteAgents);
    }

    [Fact]
    public void Register_without_a_remote_transport_refuses_the_remote_agents_and_registers_nothing()
    {
        var result = AgentsFile.Parse("agents:\n  - { id: web, url: http://127.0.0.1/x }\n  - { id: gpu, transport: remote }\n", "agents.yaml");
        var registry = new FlowRegistry();

        var error = Assert.Throws<DefinitionException>(() => AgentsFile.Register(registry, result, new FlowEngineOptions()));

        var diagnostic = Assert.Single(error.Diagnostics);
        Assert.Equal((DiagnosticCodes.AgentTransport, "agents.yaml", 3, 5), (diagnostic.Code, diagnostic.File, diagnostic.Line, diagnostic.Column));
        Assert.StartsWith("Agent 'gpu' has transport remote", diagnostic.Message, StringComparison.Ordinal);
        Assert.Empty(registry.Agents());
    }

    [Fact]
    public void Register_gives_each_remote_agent_the_transport_the_caller_makes_for_it()
    {
        var result = AgentsFile.Parse("agents:\n  - { id: web, url: http://127.0.0.1/x }\n  - { id: gpu, transport: remote, lease_seconds: 2 }\n", "agents.yaml");
        var registry = new FlowRegistry();
        var asked = new List<LoadedRemoteAgent>();

        var agents = AgentsFile.Register(registry, result, new FlowEngineOptions(), remoteTransport: agent =>
        {
            asked.Add(agent);
            return new ServedTransport();
        });

        Assert.Equal(["web", "gpu"], agents.Select(a => a.Id));
        var remote = Assert.Single(asked);
        Assert.Equal(("gpu", TimeSpan.FromSeconds(2)), (remote.Descriptor.Id, remote.LeaseDuration));
        Assert.True(registry.TryGetAgent("gpu", out var gpu));
        Assert.IsType<ServedTransport>(gpu.Transport);
        Assert.True(registry.TryGetAgent("web", out var web));
        Assert.IsType<HttpAgentTransport>(web.Transport);
    }

    /// <summary>Stands for a server's transport: registration only hands it over, nothing is sent.</summary>
    private sealed class ServedTransport : AgentTransport
    {
        public override string Kind => "remote";

        public override ValueTask<TaskResult> SendAsync(AgentRequest request, CancellationToken cancellationToken) =>
            ValueTask.FromResult(TaskResult.Success("served"));
    }
}
