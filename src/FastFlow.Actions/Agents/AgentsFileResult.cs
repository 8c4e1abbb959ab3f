using FastFlow.Validation;

namespace FastFlow.Actions.Agents;

/// <summary>What <see cref="AgentsFile.Load"/> found: the agents that are well formed, and every
/// problem of the file, each with its line and column.</summary>
public sealed class AgentsFileResult
{
    internal AgentsFileResult(string? file, IReadOnlyList<LoadedAgent> agents, IReadOnlyList<Diagnostic> diagnostics)
    {
        File = file;
        Agents = agents;
        Diagnostics = diagnostics;
    }

    /// <summary>The file, as it was named; null for text given directly.</summary>
    public string? File { get; }

    /// <summary>The agents without errors, in file order.</summary>
    public IReadOnlyList<LoadedAgent> Agents { get; }

    /// <summary>Every problem found (errors and warnings).</summary>
    public IReadOnlyList<Diagnostic> Diagnostics { get; }

    /// <summary>True when no diagnostic is an error.</summary>
    public bool IsValid => !Diagnostics.Any(static d => d.IsError);
}
