using FastFlow.Actions.Agents;
using FastFlow.Agents;
using FastFlow.Cli.Output;
using FastFlow.Validation;

namespace FastFlow.Cli.Loading;

/// <summary>The agents file of <c>--agents F</c>, loaded into a local engine.</summary>
internal static class LocalAgents
{
    /// <summary>Registers every well-formed process and HTTP agent, so that a definition's references
    /// to them resolve even when other entries of the file have errors, and reports the file. A
    /// remote agent is an error here: its tasks wait for workers that lease them from a server, and
    /// a local engine has no server for them to reach, unless <paramref name="checkOnly"/> (for
    /// `validate`, which runs nothing: a server's agents file is as valid there as on the server).</summary>
    public static FileReport Load(FlowEngine engine, string path, bool checkOnly = false)
    {
        var file = AgentsFile.Load(path);
        foreach (var agent in file.Agents)
        {
            engine.Registry.RegisterAgent(agent.Descriptor, agent.Transport);
        }

        if (checkOnly)
        {
            foreach (var agent in file.RemoteAgents)
            {
                engine.Registry.RegisterAgent(agent.Descriptor, new CheckedRemoteAgent());
            }
        }

        if (file.RemoteAgents.Count == 0 || checkOnly)
        {
            return new FileReport(path, file.IsValid, file.Diagnostics);
        }

        var diagnostics = file.Diagnostics.Concat(file.RemoteAgents.Select(agent => RemoteRefused(path, agent))).ToList();
        return new FileReport(path, false, diagnostics);
    }

    private static Diagnostic RemoteRefused(string path, LoadedRemoteAgent agent) => new()
    {
        Code = DiagnosticCodes.AgentTransport,
        File = path,
        Line = agent.Line,
        Column = agent.Column,
        Message = $"Agent '{agent.Descriptor.Id}' has transport remote: workers lease its tasks from a server over the protocol, and this command runs without a server.",
        Hint = $"Run it under `fastflow serve --agents {path}` and start a worker that leases its tasks (see docs/agents.md, \"Remote agents\"); " +
            "a local command takes process and http agents.",
    };
}
