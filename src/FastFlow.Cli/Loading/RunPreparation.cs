using FastFlow.Cli.Commands;
using FastFlow.Cli.Inputs;
using FastFlow.Cli.Output;
using FastFlow.Definitions;
using FastFlow.Validation;

namespace FastFlow.Cli.Loading;

/// <summary>Everything a run needs, checked before it starts: the inputs, the agents file, the
/// definition (with its references) and the inputs against what it declares. Every problem of
/// every part is reported together, and nothing runs while there is one.</summary>
internal static class RunPreparation
{
    /// <summary>The definition and inputs to run, and the warnings to show.</summary>
    /// <exception cref="CommandFailedException">Something is invalid; carries every problem found.</exception>
    public static (WorkflowDefinition Definition, Dictionary<string, object?> Inputs, IReadOnlyList<Diagnostic> Warnings) Prepare(
        FlowEngine engine, string file, string? agentsFile, string? inputsFile, IEnumerable<string> inputArguments)
    {
        var failures = new List<string>();
        var diagnostics = new List<Diagnostic>();

        var agents = agentsFile is null ? null : LocalAgents.Load(engine, agentsFile);
        diagnostics.AddRange(agents?.Diagnostics ?? []);
        if (agents is { Valid: false })
        {
            failures.Add($"the agents file {agents.File} has {Count(agents.Errors, "error")}");
        }

        // Against a broken agents file, every reference to its broken entries would be reported
        // again as unknown: check the definition on its own then.
        var check = DefinitionCheck.Run(engine, file, checkReferences: agents is null or { Valid: true });
        diagnostics.AddRange(check.Diagnostics);
        if (!check.IsValid)
        {
            failures.Add($"{file} is not valid ({new FileReport(file, false, check.Diagnostics).Counts()})");
        }

        var inputs = new Dictionary<string, object?>(StringComparer.Ordinal);
        var inputProblems = new List<Diagnostic>();
        if (inputsFile is not null)
        {
            inputProblems.AddRange(InputsFile.AddTo(inputs, inputsFile));
        }

        inputProblems.AddRange(InputArguments.AddTo(inputs, inputArguments));
        if (inputProblems.Count == 0 && check.Definition is { } declared)
        {
            inputProblems.AddRange(InputBinder.Bind(declared, inputs, coerceStrings: true).Diagnostics);
        }

        diagnostics.AddRange(inputProblems);
        if (inputProblems.Count > 0)
        {
            failures.Add($"{Count(inputProblems.Count, "input problem")}");
        }

        if (failures.Count > 0)
        {
            throw new CommandFailedException(
                string.Join("; ", failures) + "; nothing ran",
                inputProblems.Count == diagnostics.Count
                    ? "give inputs with --input name=value or --inputs-file FILE"
                    : $"fix the problems above; `fastflow validate {file}{(agentsFile is null ? string.Empty : " --agents " + agentsFile)}` checks without running",
                ExitCodes.InvalidInput,
                diagnostics);
        }

        return (check.Definition!, inputs, diagnostics);
    }

    private static string Count(int count, string noun) => count == 1 ? $"1 {noun}" : $"{count} {noun}s";
}
