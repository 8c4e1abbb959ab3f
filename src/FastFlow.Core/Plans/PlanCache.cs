using System.Runtime.CompilerServices;
using FastFlow.Definitions;

namespace FastFlow.Plans;

/// <summary>Compiled plans by definition object, so a definition is validated and compiled once
/// per engine. A plan is dropped with its definition (weak keys) and recompiled when the registry
/// changed since it was compiled (a handler it resolved may have been replaced).</summary>
internal sealed class PlanCache(FlowEngine engine)
{
    private readonly ConditionalWeakTable<WorkflowDefinition, CompiledWorkflow> _plans = new();

    public CompiledWorkflow GetOrCompile(WorkflowDefinition definition)
    {
        if (_plans.TryGetValue(definition, out var cached) && cached.Plan.RegistryVersion == engine.Registry.Version)
        {
            return cached;
        }

        var compiled = PlanCompiler.Compile(engine, definition);
        _plans.AddOrUpdate(definition, compiled);
        return compiled;
    }
}
