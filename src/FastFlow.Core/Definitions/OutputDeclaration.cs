namespace FastFlow.Definitions;

/// <summary>One output of a workflow: a name and the expression or template that computes it
/// once the run completes (e.g. <c>${{ tasks.load.output.rows }}</c>).</summary>
public sealed record OutputDeclaration(string Name, string Expression);
