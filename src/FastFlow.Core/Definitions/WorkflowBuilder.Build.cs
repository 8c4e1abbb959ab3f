namespace FastFlow.Definitions;

public sealed partial class WorkflowBuilder
{
    /// <summary>Finishes the definition: resolves dependencies written by id, applies the
    /// <c>execution_mode: sequential</c> shorthand and lays the graph out as arrays. It does not
    /// validate: call the validator (or compile, which validates) to learn what is wrong.</summary>
    public WorkflowDefinition Build()
    {
        if (_built)
        {
            ThrowBuilt();
        }

        _built = true;
        var count = _ids.Count;
        var ids = _ids.ToArray();
        var options = _options.ToArray();
        var handlers = _handlers.ToArray();

        var unresolved = new List<UnresolvedDependency>();
        var edgeCount = _edges.Count;
        var edgeDependents = edgeCount == 0 ? [] : new int[edgeCount];
        var edgeDependencies = edgeCount == 0 ? [] : new int[edgeCount];
        var kept = ResolveEdges(ids, edgeDependents, edgeDependencies, unresolved);
        var extra = SequentialEdges(options, edgeDependents, kept, count);

        // Counting sort by dependent: stable, so each task keeps its dependencies in written order.
        var start = new int[count + 1];
        for (var e = 0; e < kept; e++)
        {
            start[edgeDependents[e] + 1]++;
        }

        foreach (var (dependent, _) in extra)
        {
            start[dependent + 1]++;
        }

        for (var i = 0; i < count; i++)
        {
            start[i + 1] += start[i];
        }

        var dependencies = new int[kept + extra.Count];
        var fill = new int[count];
        Array.Copy(start, fill, count);
        for (var e = 0; e < kept; e++)
        {
            dependencies[fill[edgeDependents[e]]++] = edgeDependencies[e];
        }

        foreach (var (dependent, dependency) in extra)
        {
            dependencies[fill[dependent]++] = dependency;
        }

        var table = new TaskTable(count, ids, options, handlers, start, dependencies, [.. unresolved]);
        return new WorkflowDefinition(
            Id, _name, _schemaVersion, _revision, _description, [.. _inputs], _defaults,
            _timeoutSeconds, _maxConcurrency, _onFailure, [.. _outputs], table, _source);
    }

    /// <summary>Turns recorded edges into index pairs, resolving ids; returns how many were kept.</summary>
    private int ResolveEdges(string?[] ids, int[] dependents, int[] dependencies, List<UnresolvedDependency> unresolved)
    {
        Dictionary<string, int>? byId = null;
        if (_namedDependencies is not null)
        {
            byId = new Dictionary<string, int>(StringComparer.Ordinal);
            for (var i = 0; i < ids.Length; i++)
            {
                if (ids[i] is { } id)
                {
                    byId.TryAdd(id, i);
                }
            }
        }

        var kept = 0;
        for (var e = 0; e < _edges.Count; e++)
        {
            var packed = _edges[e];
            var dependent = (int)(packed >> 32);
            var dependency = (int)(uint)packed;
            if (dependency < 0)
            {
                var named = _namedDependencies![-dependency - 1];
                if (!byId!.TryGetValue(named.Name, out dependency))
                {
                    unresolved.Add(new UnresolvedDependency(named.Task, named.Ordinal, named.Name));
                    continue;
                }
            }

            dependents[kept] = dependent;
            dependencies[kept] = dependency;
            kept++;
        }

        return kept;
    }

    /// <summary>The seed's shorthand: a sequential task with no dependencies depends on the task
    /// declared just before it.</summary>
    private List<(int Dependent, int Dependency)> SequentialEdges(TaskOptions?[] options, int[] dependents, int kept, int count)
    {
        List<(int, int)> extra = [];
        bool[]? hasDependencies = null;
        for (var i = 1; i < count; i++)
        {
            if (options[i]?.ExecutionMode != ExecutionMode.Sequential)
            {
                continue;
            }

            if (hasDependencies is null)
            {
                hasDependencies = new bool[count];
                for (var e = 0; e < kept; e++)
                {
                    hasDependencies[dependents[e]] = true;
                }

                if (_namedDependencies is not null)
                {
                    foreach (var named in _namedDependencies)
                    {
                        hasDependencies[named.Task] = true;
                    }
                }
            }

            if (!hasDependencies[i])
            {
                extra.Add((i, i - 1));
            }
        }

        return extra;
    }
}
