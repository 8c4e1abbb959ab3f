using FastFlow.Actions;
using FastFlow.Definitions;
using FastFlow.Expressions;
using FastFlow.Validation;

namespace FastFlow.Plans;

/// <summary>Turns a validated definition into an <see cref="ExecutionPlan"/>: everything the
/// validator resolved (handlers, actions, compiled expressions, defaults) becomes one immutable
/// <see cref="PlanTask"/> per distinct task shape, so that execution never looks anything up or
/// parses anything. Tasks are lowered as the validator binds them, in the same pass.</summary>
internal static class PlanCompiler
{
    /// <exception cref="DefinitionException">The definition has errors.</exception>
    public static CompiledWorkflow Compile(FlowEngine engine, WorkflowDefinition definition)
    {
        // Read the version first: a registration racing with this compile makes the plan stale, never wrong-but-current.
        var version = engine.Registry.Version;
        var lowering = new Lowering(definition.Tasks.Count);
        var validation = new DefinitionValidator(engine.Registry, engine.Options).Validate(definition, lowering);
        if (!validation.IsValid)
        {
            throw new DefinitionException(validation.Diagnostics);
        }

        var tasks = lowering.Tasks;
        var outputs = new (string, Func<IEvaluationContext, object?>)[definition.Outputs.Count];
        for (var i = 0; i < outputs.Length; i++)
        {
            var template = validation.Outputs[i]!;
            outputs[i] = (definition.Outputs[i].Name, template.Render);
        }

        var warnings = Warnings(validation);
        var plan = new ExecutionPlan(definition, tasks, validation.SuccessorStart, validation.Successors, outputs, version);
        return new CompiledWorkflow(plan, warnings);
    }

    private static PlanTask Lower(
        BoundTask task,
        IReadOnlyDictionary<string, object?>? rawParameters,
        IReadOnlyDictionary<string, object?>? rawCompensationParameters,
        Invokers invokers)
    {
        var (parameters, constant) = LowerParameters(task.Parameters, rawParameters);
        return new PlanTask
        {
            Invoke = task.Handler ?? invokers.Of(task.Action!),
            ActionName = task.ActionName,
            Action = task.Action,
            Prepared = task.Prepared,
            Conditions = task.Conditions is { Length: > 0 } conditions ? conditions : null,
            Parameters = parameters,
            ConstantParameters = constant,
            TriggerRule = task.TriggerRule,
            Priority = task.Priority,
            Timeout = task.Timeout,
            Retry = task.Retry,
            OnFailure = task.OnFailure,
            Compensation = task.Compensation is { } compensation ? LowerCompensation(compensation, rawCompensationParameters, invokers) : null,
        };
    }

    private static PlanCompensation LowerCompensation(
        BoundCompensation compensation,
        IReadOnlyDictionary<string, object?>? rawParameters,
        Invokers invokers)
    {
        var (parameters, constant) = LowerParameters(compensation.Parameters, rawParameters);
        return new PlanCompensation
        {
            Invoke = compensation.Handler ?? invokers.Of(compensation.Action!),
            ActionName = compensation.Name,
            Prepared = compensation.Prepared,
            Parameters = parameters,
            ConstantParameters = constant,
        };
    }

    /// <summary>Lowers each task as the validator binds it. Consecutive tasks bound to the same
    /// <see cref="BoundTask"/> share one <see cref="PlanTask"/>.</summary>
    private sealed class Lowering(int count) : IBoundTaskSink
    {
        private readonly Invokers _invokers = new();
        private BoundTask? _previousBound;
        private PlanTask? _previousPlan;

        /// <summary>Per task, its plan; complete once a validation without errors has run.</summary>
        public PlanTask[] Tasks { get; } = count == 0 ? [] : new PlanTask[count];

        public void Bound(int task, BoundTask bound, TaskOptions options)
        {
            if (!ReferenceEquals(bound, _previousBound))
            {
                _previousBound = bound;
                // A task that resolved to nothing makes the validation fail: nothing to lower.
                _previousPlan = bound.Handler is null && bound.Action is null
                    ? null
                    : Lower(bound, options.Parameters, options.Compensation?.Parameters, _invokers);
            }

            Tasks[task] = _previousPlan!;
        }
    }

    /// <summary>One delegate per action instance, shared by all its tasks.</summary>
    private sealed class Invokers
    {
        private readonly Dictionary<FlowAction, TaskHandler> _byAction = new(ReferenceEqualityComparer.Instance);
        /// <summary>The action asked for last: tasks mostly run few actions, one after another.</summary>
        private FlowAction? _lastAction;
        private TaskHandler? _lastInvoker;

        public TaskHandler Of(FlowAction action)
        {
            if (ReferenceEquals(action, _lastAction))
            {
                return _lastInvoker!;
            }

            if (!_byAction.TryGetValue(action, out var invoker))
            {
                invoker = action.ExecuteAsync;
                _byAction[action] = invoker;
            }

            (_lastAction, _lastInvoker) = (action, invoker);
            return invoker;
        }
    }

    /// <summary>The compiled parameters to resolve per attempt, or the constant ones (the raw map).</summary>
    private static (CompiledValue?, IReadOnlyDictionary<string, object?>) LowerParameters(
        CompiledValue? compiled,
        IReadOnlyDictionary<string, object?>? raw) =>
        compiled is null || compiled.IsConstant ? (null, raw ?? EmptyParameters.Instance) : (compiled, EmptyParameters.Instance);

    private static Diagnostic[] Warnings(ValidationResult validation)
    {
        if (validation.WarningCount == 0)
        {
            return [];
        }

        var warnings = new Diagnostic[validation.WarningCount];
        var k = 0;
        foreach (var diagnostic in validation.Diagnostics)
        {
            if (!diagnostic.IsError)
            {
                warnings[k++] = diagnostic;
            }
        }

        return warnings;
    }
}
