using FastFlow.Validation;

namespace FastFlow.Server.Requests;

/// <summary>A definition the server has validated and compiled, with the warnings it had.</summary>
/// <param name="Workflow">The compiled definition runs are created from.</param>
/// <param name="Warnings">Findings that are not errors.</param>
/// <param name="Source">The text it was registered from.</param>
internal sealed record RegisteredDefinition(CompiledWorkflow Workflow, IReadOnlyList<Diagnostic> Warnings, string Source);
