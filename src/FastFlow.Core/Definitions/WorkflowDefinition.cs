namespace FastFlow.Definitions;

/// <summary>A workflow as written, in a file or in code: metadata, inputs, defaults and the task
/// graph. Immutable. Load one with <c>DefinitionLoader</c>, build one with
/// <see cref="WorkflowBuilder"/>; validate and compile it before running.</summary>
public sealed class WorkflowDefinition
{
    /// <summary>The schema version this engine writes and runs.</summary>
    public const string CurrentSchemaVersion = "2.0.0";

    internal WorkflowDefinition(
        string id,
        string? name,
        string schemaVersion,
        int? revision,
        string? description,
        IReadOnlyList<InputDeclaration> inputs,
        TaskDefaults defaults,
        double? timeoutSeconds,
        int? maxConcurrency,
        FailurePolicy onFailure,
        IReadOnlyList<OutputDeclaration> outputs,
        TaskTable tasks,
        SourceMap? source)
    {
        Id = id;
        Name = name;
        SchemaVersion = schemaVersion;
        Revision = revision;
        Description = description;
        Inputs = inputs;
        Defaults = defaults;
        TimeoutSeconds = timeoutSeconds;
        MaxConcurrency = maxConcurrency;
        OnFailure = onFailure;
        Outputs = outputs;
        Tasks = tasks;
        Source = source;
    }

    /// <summary>The workflow's id: <c>[A-Za-z0-9._-]+</c>.</summary>
    public string Id { get; }

    /// <summary>A human name.</summary>
    public string? Name { get; }

    /// <summary>The schema version the definition was written in (after migration, 2.0.0).</summary>
    public string SchemaVersion { get; }

    /// <summary>The revision the author gave, if any.</summary>
    public int? Revision { get; }

    /// <summary>What the workflow does.</summary>
    public string? Description { get; }

    /// <summary>Declared inputs, in declaration order.</summary>
    public IReadOnlyList<InputDeclaration> Inputs { get; }

    /// <summary>Task defaults.</summary>
    public TaskDefaults Defaults { get; }

    /// <summary>Whole-run deadline, in seconds.</summary>
    public double? TimeoutSeconds { get; }

    /// <summary>Tasks of one run in flight at once.</summary>
    public int? MaxConcurrency { get; }

    /// <summary>Run-level failure policy: fail, compensate or pause.</summary>
    public FailurePolicy OnFailure { get; }

    /// <summary>Outputs computed when the run completes.</summary>
    public IReadOnlyList<OutputDeclaration> Outputs { get; }

    /// <summary>The tasks.</summary>
    public TaskTable Tasks { get; }

    /// <summary>Positions in the source file, when loaded from one.</summary>
    public SourceMap? Source { get; }

    /// <summary>The declared input with this name, or null.</summary>
    public InputDeclaration? FindInput(string name)
    {
        foreach (var input in Inputs)
        {
            if (string.Equals(input.Name, name, StringComparison.Ordinal))
            {
                return input;
            }
        }

        return null;
    }

    /// <summary>The same definition with another revision number.</summary>
    public WorkflowDefinition WithRevision(int revision) => new(
        Id, Name, SchemaVersion, revision, Description, Inputs, Defaults, TimeoutSeconds,
        MaxConcurrency, OnFailure, Outputs, Tasks, Source)
    { Origin = Origin };

    /// <summary>The text the definition was loaded from; null for definitions built in code.</summary>
    internal DefinitionOrigin? Origin { get; set; }

    /// <inheritdoc/>
    public override string ToString() => Revision is { } r ? $"{Id}@{r}" : Id;
}
