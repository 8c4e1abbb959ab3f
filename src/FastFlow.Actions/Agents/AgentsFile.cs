using FastFlow.Agents;
using FastFlow.Registry;
using FastFlow.Validation;

namespace FastFlow.Actions.Agents;

/// <summary>The agents file of <c>fastflow run --agents F</c> (DESIGN §7): YAML or JSON, a mapping
/// whose <c>agents</c> list describes process, HTTP and remote agents. docs/agents.md describes every field.</summary>
public static class AgentsFile
{
    /// <summary>Reads an agents file. Never throws for the file's content: every problem is a
    /// diagnostic (FF1201 to FF1205) with the file, line and column.</summary>
    /// <param name="path">The file; relative program paths in it are taken from its folder.</param>
    public static AgentsFileResult Load(string path)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        string text;
        try
        {
            text = File.ReadAllText(path);
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
        {
            return new AgentsFileResult(path, [], [], [new Diagnostic
            {
                Code = DiagnosticCodes.AgentsFileSyntax,
                File = path,
                Message = $"The agents file cannot be read: {exception.Message}",
                Hint = "Check the path given to --agents.",
            }]);
        }

        return Parse(text, path, Path.GetDirectoryName(Path.GetFullPath(path)));
    }

    /// <summary>Reads agents from text.</summary>
    /// <param name="text">YAML or JSON.</param>
    /// <param name="file">The file name shown in diagnostics, if any.</param>
    /// <param name="baseDirectory">Where process agents run and relative programs are found; the
    /// current directory when null.</param>
    public static AgentsFileResult Parse(string text, string? file = null, string? baseDirectory = null)
    {
        ArgumentNullException.ThrowIfNull(text);
        var reader = new AgentsFileReader(file, Path.GetFullPath(baseDirectory ?? Environment.CurrentDirectory));
        var agents = reader.Read(text);
        return new AgentsFileResult(file, agents, reader.RemoteAgents, reader.Diagnostics);
    }

    /// <summary>Registers the agents of a file that has no errors, replacing agents of the same ids.</summary>
    /// <param name="registry">Where agents go.</param>
    /// <param name="agents">A loaded file.</param>
    /// <param name="options">The engine's options: process agents start programs, so they need
    /// <see cref="FlowEngineOptions.AllowExec"/>.</param>
    /// <param name="timeProvider">The agents' clock; the system clock by default.</param>
    /// <param name="remoteTransport">The transport of each remote agent (a server's, whose workers
    /// lease its tasks); null when the caller serves none.</param>
    /// <returns>The registered agents.</returns>
    /// <exception cref="DefinitionException">The file has errors, holds process agents and the
    /// engine does not allow starting programs, or holds remote agents and no
    /// <paramref name="remoteTransport"/> is given; every problem is listed.</exception>
    public static IReadOnlyList<Agent> Register(FlowRegistry registry, AgentsFileResult agents, FlowEngineOptions options, TimeProvider? timeProvider = null,
        Func<LoadedRemoteAgent, AgentTransport>? remoteTransport = null)
    {
        ArgumentNullException.ThrowIfNull(registry);
        ArgumentNullException.ThrowIfNull(agents);
        ArgumentNullException.ThrowIfNull(options);
        var problems = agents.Diagnostics.Where(static d => d.IsError).ToList();
        if (!options.AllowExec)
        {
            problems.AddRange(agents.Agents.Where(static a => a.Transport is ProcessAgentTransport).Select(a => new Diagnostic
            {
                Code = DiagnosticCodes.AgentTransport,
                File = agents.File,
                Line = a.Line,
                Column = a.Column,
                Message = $"Agent '{a.Descriptor.Id}' is a process agent, and this engine does not allow starting programs.",
                Hint = "Set FlowEngineOptions.AllowExec = true (`fastflow run` does for local runs), or make it an http agent.",
            }));
        }

        if (remoteTransport is null)
        {
            problems.AddRange(agents.RemoteAgents.Select(a => new Diagnostic
            {
                Code = DiagnosticCodes.AgentTransport,
                File = agents.File,
                Line = a.Line,
                Column = a.Column,
                Message = $"Agent '{a.Descriptor.Id}' has transport remote: its tasks are leased by workers from a server, and this registration serves none.",
                Hint = "Register it on a server's engine (`fastflow serve --agents F`), or make it a process or http agent.",
            }));
        }

        if (problems.Count > 0)
        {
            throw new DefinitionException(problems);
        }

        var registered = agents.Agents.Select(a => registry.RegisterAgent(a.Descriptor, a.Transport, timeProvider)).ToList();
        if (remoteTransport is not null)
        {
            registered.AddRange(agents.RemoteAgents.Select(a => registry.RegisterAgent(a.Descriptor, remoteTransport(a), timeProvider)));
        }

        return registered;
    }

    /// <summary>Loads a file and registers its agents.</summary>
    /// <exception cref="DefinitionException">The file has errors (see <see cref="Register(FlowRegistry, AgentsFileResult, FlowEngineOptions, TimeProvider?, Func{LoadedRemoteAgent, AgentTransport}?)"/>).</exception>
    public static IReadOnlyList<Agent> Register(FlowRegistry registry, string path, FlowEngineOptions options) =>
        Register(registry, Load(path), options);
}
