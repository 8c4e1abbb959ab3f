using FastFlow.Validation;

namespace FastFlow.Definitions.Loading;

internal sealed partial class DefinitionMapper
{
    /// <summary><c>tasks</c>: a map of task id to task, in declaration order; or, as a
    /// convenience, a list of tasks that each carry their <c>id</c>. Either way paths are
    /// <c>tasks.&lt;id&gt;...</c>, so the validator finds a task's place without knowing the form.</summary>
    private void MapTasks(WorkflowBuilder builder, FieldSet workflow)
    {
        if (!workflow.TryGet("tasks", out var node, out var path))
        {
            _session.Error(DiagnosticCodes.MissingField, "tasks", workflow.Position,
                "the workflow has no `tasks`", "add `tasks:` with at least one task, e.g. `first: { action: noop }`");
            return;
        }

        switch (node)
        {
            case DocMapping mapping:
                foreach (var (id, entry) in Entries(mapping, path, "task id"))
                {
                    var taskPath = DefinitionPath.Task(id);
                    _session.Mark(taskPath, entry.Key.Position);
                    CheckTaskId(id, taskPath, entry.Key.Position);
                    MapTask(builder, id, taskPath, entry.Value, keyed: true);
                }

                break;
            case DocSequence sequence:
                MapTaskList(builder, sequence, path);
                break;
            case DocScalar { IsNull: true }:
                // No tasks at all; the validator reports an empty workflow.
                break;
            default:
                WrongType(path, node, "tasks", "a mapping of task ids to tasks (or a list of tasks with ids)");
                break;
        }
    }

    private void MapTaskList(WorkflowBuilder builder, DocSequence sequence, string path)
    {
        var seen = new Dictionary<string, SourcePosition>(StringComparer.Ordinal);
        for (var i = 0; i < sequence.Items.Count; i++)
        {
            var item = sequence.Items[i];
            var itemPath = DefinitionPath.Item(path, i);
            _session.Mark(itemPath, item.Position);
            if (item is not DocMapping mapping)
            {
                WrongType(itemPath, item, $"tasks[{i}]", "a task mapping with an id");
                continue;
            }

            var idEntry = mapping.Entries.FirstOrDefault(e => e.Key is DocScalar { Text: "id" });
            if (idEntry.Value is null)
            {
                _session.Error(DiagnosticCodes.MissingField, DefinitionPath.Field(itemPath, "id"), item.Position,
                    $"the task at tasks[{i}] has no id", "in the list form every task needs `id:`");
                MapTask(builder, null, itemPath, item, keyed: false);
                continue;
            }

            var idPath = DefinitionPath.Field(itemPath, "id");
            if (String(idEntry.Value, idPath, "id", nullable: false) is not { } id)
            {
                MapTask(builder, null, itemPath, item, keyed: false);
                continue;
            }

            var taskPath = DefinitionPath.Task(id);
            if (!seen.TryAdd(id, idEntry.Value.Position))
            {
                _session.Error(DiagnosticCodes.DuplicateId, taskPath, idEntry.Value.Position,
                    $"duplicate task id '{id}'", $"the first is at {seen[id]}; remove or rename one");
                continue;
            }

            _session.Mark(taskPath, item.Position);
            CheckTaskId(id, taskPath, idEntry.Value.Position);
            MapTask(builder, id, taskPath, item, keyed: false);
        }
    }

    private void CheckTaskId(string id, string path, SourcePosition at)
    {
        if (!DefinitionIds.IsValid(id))
        {
            _session.Error(DiagnosticCodes.InvalidId, path, at, $"task id '{id}' is not valid", IdHint(id));
        }
    }

    /// <summary>Adds one task (even a malformed one, so that the graph still forms and its
    /// dependents resolve) and records its dependencies by name.</summary>
    private void MapTask(WorkflowBuilder builder, string? id, string path, DocNode node, bool keyed)
    {
        var label = id is null ? path : $"task '{id}'";
        if (Mapping(node, path, label, "a mapping of task fields") is not { } mapping)
        {
            builder.Task(id, TaskOptions.None);
            return;
        }

        var fields = Fields(mapping, path, FieldNames.Task, label);
        if (keyed && fields.TryGet("id", out var idNode, out var idPath)
            && String(idNode, idPath, "id") is { } written && !string.Equals(written, id, StringComparison.Ordinal))
        {
            _session.Error(DiagnosticCodes.IdMismatch, idPath, idNode.Position,
                $"task id '{written}' differs from its key '{id}'", $"remove the id field, or make it '{id}'");
        }

        CheckRunnable(fields, label);
        var options = new TaskOptions
        {
            Name = String(fields, "name"),
            Description = String(fields, "description"),
            Action = String(fields, "action"),
            Handler = String(fields, "handler"),
            AgentId = String(fields, "agent_id"),
            Capabilities = Values(Strings(fields, "capabilities", allowSingle: true)),
            Coordination = DataMap(fields, "coordination"),
            Parameters = DataMap(fields, "parameters"),
            When = String(fields, "when"),
            Conditions = Values(Strings(fields, "conditions", allowSingle: true)),
            TriggerRule = Enum<TriggerRule>(fields, "trigger_rule"),
            Priority = Enum<TaskPriority>(fields, "priority"),
            TimeoutSeconds = Number(fields, "timeout_seconds"),
            Retry = TaskRetry(fields),
            OnFailure = Enum<FailurePolicy>(fields, "on_failure"),
            Compensation = fields.TryGet("compensation", out var compensation, out var compensationPath)
                ? Compensation(compensation, compensationPath, label)
                : null,
            ExecutionMode = Enum<ExecutionMode>(fields, "execution_mode"),
        };

        var task = builder.Task(id, options);
        if (Strings(fields, "dependencies", allowSingle: true) is { } dependencies)
        {
            foreach (var (name, ordinal) in dependencies)
            {
                builder.AddDependency(task.Index, name, ordinal);
            }
        }
    }

    /// <summary>A task runs exactly one of an action or a handler.</summary>
    private void CheckRunnable(FieldSet fields, string label)
    {
        var hasAction = fields.IsGiven("action");
        var hasHandler = fields.IsGiven("handler");
        if (hasAction && hasHandler)
        {
            fields.TryGetEntry("handler", out var handler);
            _session.Error(DiagnosticCodes.ActionOrHandler, DefinitionPath.Field(fields.Path, "handler"), handler.Key.Position,
                $"{label} has both an action and a handler", "keep one: `action` for a built-in action, `handler` for a registered handler");
        }
        else if (!hasAction && !hasHandler)
        {
            _session.Error(DiagnosticCodes.ActionOrHandler, fields.Path, fields.Position,
                $"{label} has neither an action nor a handler", "add `action: noop` (or another built-in action) or `handler: <registered name>`");
        }
    }

    /// <summary>A task's <c>compensation</c>: an action or handler with parameters.</summary>
    private CompensationDefinition? Compensation(DocNode node, string path, string owner)
    {
        if (Mapping(node, path, "compensation", "a mapping such as { action: api_call, parameters: { ... } }") is not { } mapping)
        {
            return null;
        }

        var label = $"the compensation of {owner}";
        var fields = Fields(mapping, path, FieldNames.Compensation, label);
        CheckRunnable(fields, label);
        return new CompensationDefinition
        {
            Action = String(fields, "action"),
            Handler = String(fields, "handler"),
            Parameters = DataMap(fields, "parameters"),
        };
    }

    private static string[]? Values(List<(string Value, int Ordinal)>? items) =>
        items is null ? null : [.. items.Select(item => item.Value)];
}
