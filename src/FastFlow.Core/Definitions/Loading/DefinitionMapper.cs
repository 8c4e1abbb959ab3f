using FastFlow.Validation;

namespace FastFlow.Definitions.Loading;

/// <summary>Maps a parsed document onto the model through <see cref="WorkflowBuilder"/>. It checks
/// the shape only (fields, types, ids, enum values, versions) and reports every problem it finds
/// in one pass, recording the position of every path it visits; what the shape means (cycles,
/// unknown dependencies, expressions) is the validator's job, which locates its diagnostics with
/// the <see cref="SourceMap"/> built here.</summary>
internal sealed partial class DefinitionMapper
{
    /// <summary>The id a workflow gets when it has neither a usable id nor a name; the load
    /// has an error then, but the model still forms for the validator.</summary>
    private const string PlaceholderId = "workflow";

    private readonly LoadSession _session;

    public DefinitionMapper(LoadSession session) => _session = session;

    /// <summary>The definition, or null when the document is not a mapping.</summary>
    public WorkflowDefinition? Map(DocNode root)
    {
        _session.Mark(string.Empty, root.Position);
        if (root is not DocMapping document)
        {
            _session.Error(DiagnosticCodes.WrongType, string.Empty, root.Position,
                $"a definition must be a mapping of fields, got {root.Describe()}",
                "start with fields such as `name:` and `tasks:`");
            return null;
        }

        var fields = Fields(document, string.Empty, FieldNames.Workflow, "the workflow");
        var name = String(fields, "name");
        var builder = new WorkflowBuilder(WorkflowId(fields, name));
        builder.SchemaVersion(SchemaVersion(fields));
        builder.Name(name);
        builder.Description(String(fields, "description"));
        builder.Revision(Integer(fields, "revision"));
        MapInputs(builder, fields);
        if (fields.TryGet("defaults", out var defaults, out var defaultsPath))
        {
            builder.Defaults(Defaults(defaults, defaultsPath));
        }

        builder.Timeout(Number(fields, "timeout_seconds"));
        builder.MaxConcurrency(Integer(fields, "max_concurrency"));
        if (WorkflowFailurePolicy(fields) is { } policy)
        {
            builder.OnFailure(policy);
        }

        MapTasks(builder, fields);
        MapOutputs(builder, fields);
        builder.Source(_session.ToSourceMap());
        return builder.Build();
    }

    /// <summary>The workflow's id: <c>id</c> as written, else made from <paramref name="name"/>.</summary>
    private string WorkflowId(FieldSet fields, string? name)
    {
        if (fields.TryGet("id", out var idNode, out var idPath) && String(idNode, idPath, "id") is { } id)
        {
            if (!DefinitionIds.IsValid(id))
            {
                _session.Error(DiagnosticCodes.InvalidId, idPath, idNode.Position,
                    $"workflow id '{id}' is not valid", IdHint(id));
            }

            return id;
        }

        // An id or name of the wrong type was reported already; do not also call it missing.
        if (fields.IsGiven("id") || (name is null && fields.IsGiven("name")))
        {
            return PlaceholderId;
        }

        if (name is null)
        {
            _session.Error(DiagnosticCodes.MissingField, "id", fields.Position,
                "the workflow needs an `id` or a `name`", "add `id: my-workflow` (or a `name`, from which the id is made)");
            return PlaceholderId;
        }

        var derived = DefinitionIds.FromName(name);
        if (derived.Length > 0 || !fields.TryGet("name", out var nameNode, out var namePath))
        {
            return derived.Length > 0 ? derived : PlaceholderId;
        }

        _session.Error(DiagnosticCodes.InvalidId, namePath, nameNode.Position,
            $"no workflow id can be made from the name '{name}'", "add an `id` of letters, digits, '.', '_' or '-'");
        return PlaceholderId;
    }

    private TaskDefaults Defaults(DocNode node, string path)
    {
        if (Mapping(node, path, "defaults", "a mapping such as { timeout_seconds: 30 }") is not { } mapping)
        {
            return TaskDefaults.None;
        }

        var fields = Fields(mapping, path, FieldNames.Defaults, "defaults");
        return new TaskDefaults
        {
            TimeoutSeconds = Number(fields, "timeout_seconds"),
            Retry = fields.TryGet("retry", out var retry, out var retryPath) ? Retry(retry, retryPath) : null,
            TriggerRule = Enum<TriggerRule>(fields, "trigger_rule"),
            Priority = Enum<TaskPriority>(fields, "priority"),
            OnFailure = Enum<FailurePolicy>(fields, "on_failure"),
        };
    }

    /// <summary>The run-level <c>on_failure</c>: <c>skip</c> is a task-level policy only.</summary>
    private FailurePolicy? WorkflowFailurePolicy(FieldSet fields)
    {
        if (!fields.TryGet("on_failure", out var node, out var path)
            || Enum<FailurePolicy>(node, path, "on_failure") is not { } policy)
        {
            return null;
        }

        if (policy != FailurePolicy.Skip)
        {
            return policy;
        }

        _session.Error(DiagnosticCodes.InvalidValue, path, node.Position,
            "on_failure 'skip' is not allowed for a workflow",
            "allowed values: fail, compensate, pause (skip is for tasks and defaults)");
        return null;
    }

    private static string IdHint(string id)
    {
        var suggestion = DefinitionIds.FromName(id);
        return suggestion.Length > 0
            ? $"use letters, digits, '.', '_' or '-', e.g. '{suggestion}'"
            : "use letters, digits, '.', '_' or '-'";
    }
}
