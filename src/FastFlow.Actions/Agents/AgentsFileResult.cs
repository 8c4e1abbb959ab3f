using FastFlow.Validation;

namespace FastFlow.Actions.Agents;

/// <summary>What <see cref="AgentsFile.Load"/> found: the agents that are well formed (process and
/// HTTP agents in <see cref="Agents"/>, remote ones in <see cref="RemoteAgents"/>), and every problem
/// of the file, each with its line and column.</summary>
public sealed class AgentsFileResult
{
    internal AgentsFileResult(string? file, IReadOnlyList<LoadedAgent> agents, IReadOnlyList<LoadedRemoteAgent> remoteAgents, IReadOnlyList<Diagnostic> diagnostics)
    {
        File = file;
        Agents = agents;
        RemoteAgents = remoteAgents;
        Diagnostics = diagnostics;
    }

    /// <summary>The file, as it was named; null for text given directly.</summary>
    public string? File { get; }

    /// <summary>The process and HTTP agents without errors, in file order.</summary>
    public IReadOnlyList<LoadedAgent> Agents { get; }

    /// <summary>The agents with <c>transport: remote</c> without errors, in file order. Only a
    /// server can serve them: their transport is given by whoever registers them.</summary>
    public IReadOnlyList<LoadedRemoteAgent> RemoteAgents { get; }

    /// <summary>Every problem found (errors and warnings).</summary>
    public IReadOnlyList<Diagnostic> Diagnostics { get; }

    /// <summary>True when no diagnostic is an error.</summary>
    public bool IsValid => !Diagnostics.Any(static d => d.IsError);
}
