using FastFlow.Actions;
using FastFlow.Definitions;
using FastFlow.Execution;
using FastFlow.Registry;

namespace FastFlow.Validation;

internal sealed partial class DefinitionChecker
{
    /// <summary>What a task with inline builder code is shown to run.</summary>
    private const string InlineName = "inline";

    /// <summary>The action <see cref="ResolveAction"/> found last.</summary>
    private FlowAction? _lastAction;

    /// <summary>Indexes explicit task ids and reports duplicates (builder-made definitions; the file
    /// loader keeps one of a repeated key itself).</summary>
    private TaskIdIndex IndexIds()
    {
        List<(int Task, int Other)> duplicates = [];
        var ids = new TaskIdIndex(_tasks, duplicates);
        foreach (var (task, other) in duplicates)
        {
            var id = IdOf(task);
            Report(task, DiagnosticCodes.DuplicateId, PathOf(task),
                _tasks.HasExplicitId(other)
                    ? $"tasks #{other} and #{task} both have the id '{id}'"
                    : $"the id '{id}' of task #{task} is also the name of the anonymous task #{other}",
                "give each task its own id: dependencies and expressions refer to tasks by id");
        }

        return ids;
    }

    /// <summary>Resolves every task. Consecutive tasks with the same options object and the same
    /// inline handler (a million plain builder tasks) share one <see cref="BoundTask"/>: binding
    /// depends on nothing else, so only the first of a run of them is bound.</summary>
    private BoundTask[] BindTasks()
    {
        var count = _tasks.Count;
        var bound = count == 0 ? [] : new BoundTask[count];
        TaskOptions? lastOptions = null;
        TaskHandler? lastHandler = null;
        BoundTask? last = null;
        for (var i = 0; i < count; i++)
        {
            if (_tasks.HasExplicitId(i))
            {
                CheckTaskId(i);
            }

            var options = _tasks.GetOptions(i);
            var handler = _tasks.GetHandler(i);
            if (last is not null && ReferenceEquals(options, lastOptions) && ReferenceEquals(handler, lastHandler))
            {
                bound[i] = last;
                CheckUpstreamReads(i, last);
                _sink?.Bound(i, last, options);
                continue;
            }

            var before = _diagnostics.Count;
            var task = Bind(i, options, handler);
            Attribute(i);
            bound[i] = task;
            CheckUpstreamReads(i, task);
            _sink?.Bound(i, task, options);

            // A binding that reported problems is not shared: the next task must report its own,
            // at its own path.
            (lastOptions, lastHandler, last) = _diagnostics.Count == before ? (options, handler, task) : (null, null, null);
        }

        return bound;
    }

    private void CheckTaskId(int task)
    {
        var id = _tasks.GetId(task);
        if (!IdRules.IsValid(id))
        {
            Report(task, DiagnosticCodes.InvalidId, PathOf(task),
                $"the task id '{id}' is not valid: ids match {IdRules.Pattern} (letters, digits, '.', '_' and '-')",
                $"use '{IdRules.Suggest(id)}'");
        }
    }

    private BoundTask Bind(int task, TaskOptions options, TaskHandler? inline)
    {
        var (name, action, handler) = ResolveRunner(task, options, inline);
        object? prepared = null;
        if (action is not null)
        {
            prepared = Prepare(action, IdOf(task), null, options);
        }

        var conditions = CompileConditions(task, options);
        var parameters = options.Parameters is null ? null : CompileParameters(options.Parameters, DeferredPath.Task(_tasks, task, ".parameters"));
        if (options.ExecutionMode == ExecutionMode.Conditional && options.When is null && options.Conditions is not { Count: > 0 })
        {
            Report(task, DiagnosticCodes.ConditionalWithoutCondition, TaskPath(task) + ".execution_mode",
                $"task '{IdOf(task)}' has execution_mode 'conditional' but no condition",
                "add `when: <expression>` (or `conditions: [...]`), or remove the execution mode");
        }

        var defaults = _definition.Defaults;
        return new BoundTask
        {
            ActionName = name,
            Action = action,
            Handler = handler,
            Prepared = prepared,
            Conditions = conditions,
            Parameters = parameters,
            ReferencedTasks = ReadTasks(conditions, parameters),
            TriggerRule = options.TriggerRule ?? defaults.TriggerRule ?? TriggerRule.AllSuccess,
            Priority = options.Priority ?? defaults.Priority ?? TaskPriority.Normal,
            OnFailure = options.OnFailure ?? defaults.OnFailure ?? FailurePolicy.Fail,
            Timeout = ResolveTimeout(task, options),
            Retry = ResolveRetry(task, options),
            Compensation = options.Compensation is { } compensation ? BindCompensation(task, compensation) : null,
        };
    }

    /// <summary>Inline code, else <c>handler:</c>, else <c>action:</c>, else <c>noop</c>.</summary>
    private (string Name, FlowAction? Action, TaskHandler? Handler) ResolveRunner(int task, TaskOptions options, TaskHandler? inline)
    {
        if (inline is not null)
        {
            if (options.Action is not null || options.Handler is not null)
            {
                var named = options.Action is not null ? $"action '{options.Action}'" : $"handler '{options.Handler}'";
                Report(task, DiagnosticCodes.ActionOrHandler, TaskPath(task) + (options.Action is not null ? ".action" : ".handler"),
                    $"task '{IdOf(task)}' runs inline code and also names {named}",
                    "give a task either code or an action or a handler name, not two of them");
            }

            return (InlineName, null, inline);
        }

        if (options.Action is { } actionName && options.Handler is { } handlerName)
        {
            Report(task, DiagnosticCodes.ActionOrHandler, TaskPath(task),
                $"task '{IdOf(task)}' names both action '{actionName}' and handler '{handlerName}'",
                "keep one: `action` for a built-in or registered action, `handler` for a handler registered by name");
            return (actionName, null, null);
        }

        if (options.Handler is { } handlerId)
        {
            return (handlerId, null, ResolveHandler(task, null, handlerId));
        }

        var name = options.Action ?? BuiltInActions.Noop;
        return (name, ResolveAction(task, null, name), null);
    }

    /// <summary>Looks a handler up; <paramref name="owner"/> is the path of the compensation naming
    /// it, or null for the task itself.</summary>
    private TaskHandler? ResolveHandler(int task, string? owner, string name)
    {
        if (_registry.TryLookup<TaskHandler>(ComponentKind.Handler, name, out var handler))
        {
            return handler;
        }

        var registered = _registry.Ids(ComponentKind.Handler);
        var closest = NameSuggester.Closest(name, registered);
        Report(task, DiagnosticCodes.UnknownHandler, (owner ?? TaskPath(task)) + ".handler",
            $"unknown handler '{name}'",
            closest is not null
                ? $"did you mean '{closest}'?"
                : registered.Count == 0
                    ? $"no handler is registered; register one with FlowRegistry.RegisterHandler(\"{name}\", ...)"
                    : $"registered handlers: {List(registered)}");
        return null;
    }

    /// <summary>Looks an action up; <paramref name="owner"/> is the path of the compensation naming
    /// it, or null for the task itself.</summary>
    private FlowAction? ResolveAction(int task, string? owner, string name)
    {
        // Tasks mostly name few actions, one after another: remember the last one found.
        if (_lastAction is { } last && string.Equals(last.Name, name, StringComparison.Ordinal))
        {
            return last;
        }

        if (_registry.TryLookup<FlowAction>(ComponentKind.Action, name, out var action))
        {
            _lastAction = action;
            return action;
        }

        if (string.Equals(name, BuiltInActions.Noop, StringComparison.Ordinal))
        {
            return ImplicitNoopAction.Instance;
        }

        if (BuiltInActions.IsBuiltIn(name))
        {
            Report(task, DiagnosticCodes.ActionUnavailable, (owner ?? TaskPath(task)) + ".action",
                $"the action '{name}' is not available in this engine",
                BuiltInActions.WhyUnavailable(name, _engineOptions));
            return null;
        }

        var registered = _registry.Ids(ComponentKind.Action);
        var closest = NameSuggester.Closest(name, registered.Concat(BuiltInActions.Names).Distinct(StringComparer.Ordinal));
        Report(task, DiagnosticCodes.UnknownAction, (owner ?? TaskPath(task)) + ".action",
            $"unknown action '{name}'",
            closest is not null
                ? $"did you mean '{closest}'?"
                : $"built-in actions: {List(BuiltInActions.Names)}; use `handler:` for a handler registered by name");
        return null;
    }

    /// <summary>Lets the action check the task's parameters and prepare per-task state. A bug in
    /// an action must not take validation down: what it throws becomes a diagnostic. A null
    /// <c>path</c> is the task's own, built only if asked for.</summary>
    private object? Prepare(FlowAction action, string taskId, string? path, TaskOptions options)
    {
        var preparation = new ActionPreparation(taskId, path, options, _engineOptions, _registry, _diagnostics, _checkReferences, () => Compilation().Scope);
        try
        {
            return action.Prepare(preparation);
        }
        catch (Exception exception) when (exception is not OutOfMemoryException)
        {
            _diagnostics.Add(new Diagnostic
            {
                Code = DiagnosticCodes.InvalidParameter,
                Path = preparation.Path,
                Message = $"the action '{action.Name}' could not check the parameters of task '{taskId}': {exception.Message}",
                Hint = "check the parameters against the action's documentation",
            });
            return null;
        }
    }

    private TimeSpan? ResolveTimeout(int task, TaskOptions options)
    {
        if (options.TimeoutSeconds is not { } seconds)
        {
            return _defaultTimeout;
        }

        if (IsValidSeconds(seconds, allowZero: false))
        {
            return TimeSpan.FromSeconds(seconds);
        }

        ReportTimeout(task, TaskPath(task) + ".timeout_seconds", $"the timeout_seconds of task '{IdOf(task)}'", seconds);
        return null;
    }

    private RetryPolicy ResolveRetry(int task, TaskOptions options)
    {
        if (options.Retry is not { } retry)
        {
            return _defaultRetry;
        }

        var fallback = _definition.Defaults.Retry;
        return CheckRetry(task, retry, fallback, TaskPath(task) + ".retry") ? RetryPolicy.From(retry.Over(fallback)) : RetryPolicy.None;
    }

    private BoundCompensation? BindCompensation(int task, CompensationDefinition compensation)
    {
        var path = TaskPath(task) + ".compensation";
        if (compensation.Action is not null == compensation.Handler is not null)
        {
            Report(task, DiagnosticCodes.ActionOrHandler, path,
                compensation.Action is null
                    ? $"the compensation of task '{IdOf(task)}' names neither an action nor a handler"
                    : $"the compensation of task '{IdOf(task)}' names both action '{compensation.Action}' and handler '{compensation.Handler}'",
                "give the compensation exactly one of `action` and `handler`");
            return null;
        }

        if (compensation.Handler is { } handlerName)
        {
            var handler = ResolveHandler(task, path, handlerName);
            var handlerParameters = compensation.Parameters is null ? null : CompileParameters(compensation.Parameters, new DeferredPath(path + ".parameters"));
            return handler is null ? null : new BoundCompensation { Name = handlerName, Handler = handler, Parameters = handlerParameters };
        }

        var actionName = compensation.Action!;
        var action = ResolveAction(task, path, actionName);
        var parameters = compensation.Parameters is null ? null : CompileParameters(compensation.Parameters, new DeferredPath(path + ".parameters"));
        if (action is null)
        {
            return null;
        }

        // The action checks its compensation parameters as it would a task's, at the compensation's path.
        var compensationOptions = new TaskOptions { Action = actionName, Parameters = compensation.Parameters };
        var prepared = Prepare(action, IdOf(task), path, compensationOptions);
        return new BoundCompensation { Name = actionName, Action = action, Prepared = prepared, Parameters = parameters };
    }

    /// <summary>Names for a hint, at most ten of them.</summary>
    private static string List(IReadOnlyList<string> names) =>
        names.Count <= 10 ? string.Join(", ", names) : string.Join(", ", names.Take(10)) + $" and {names.Count - 10} more";
}
