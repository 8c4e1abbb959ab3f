using FastFlow.Definitions;
using FastFlow.Definitions.Loading;
using FastFlow.Validation;

namespace FastFlow.Cli.Loading;

/// <summary>One definition file loaded and validated: every problem the loader and the validator
/// found, once each, in the order they appear in the file.</summary>
internal sealed class DefinitionCheck
{
    private DefinitionCheck(string file, WorkflowDefinition? definition, ValidationResult? validation, IReadOnlyList<Diagnostic> diagnostics)
    {
        File = file;
        Definition = definition;
        Validation = validation;
        Diagnostics = diagnostics;
        ErrorCount = diagnostics.Count(static d => d.IsError);
    }

    /// <summary>The file as the user named it.</summary>
    public string File { get; }

    /// <summary>The definition; null when the file could not be read or parsed at all.</summary>
    public WorkflowDefinition? Definition { get; }

    /// <summary>The validation of <see cref="Definition"/>; null when there is none.</summary>
    public ValidationResult? Validation { get; }

    /// <summary>Every problem, deduplicated and sorted by position.</summary>
    public IReadOnlyList<Diagnostic> Diagnostics { get; }

    public int ErrorCount { get; }

    public int WarningCount => Diagnostics.Count - ErrorCount;

    /// <summary>True when the definition can run (warnings allowed).</summary>
    public bool IsValid => Definition is not null && ErrorCount == 0;

    /// <summary>Loads and validates <paramref name="file"/> against <paramref name="engine"/>'s registry.</summary>
    /// <param name="engine">The engine whose actions, handlers and agents references must resolve to.</param>
    /// <param name="file">The file, as the user named it.</param>
    /// <param name="checkReferences">Whether agents and sub-workflows must resolve (false without <c>--agents</c>).</param>
    public static DefinitionCheck Run(FlowEngine engine, string file, bool checkReferences)
    {
        var load = DefinitionLoader.LoadFile(file);
        if (load.Definition is null)
        {
            return new DefinitionCheck(file, null, null, load.Diagnostics);
        }

        var validation = engine.Validate(load.Definition, checkReferences);
        return new DefinitionCheck(file, load.Definition, validation, Merge(load.Diagnostics, validation.Diagnostics));
    }

    /// <summary>The loader's diagnostics and those of the validator that the loader did not already
    /// report (same code and path), by line then column; unlocated ones last.</summary>
    private static Diagnostic[] Merge(IReadOnlyList<Diagnostic> loaded, IReadOnlyList<Diagnostic> validated)
    {
        var seen = new HashSet<(string Code, string Path)>(loaded.Select(static d => (d.Code, d.Path)));
        return loaded
            .Concat(validated.Where(d => !seen.Contains((d.Code, d.Path))))
            .OrderBy(static d => d.Line > 0 ? d.Line : int.MaxValue)
            .ThenBy(static d => d.Column)
            .ToArray();
    }
}
