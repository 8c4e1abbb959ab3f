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
        var count = _taskCount;
        var ids = _ids.ToArrayOrNull(elideUniformNonNull: false);
        var options = _options.ToArrayOrNull(elideUniformNonNull: false);
        var handlers = _handlers.ToArrayOrNull(elideUniformNonNull: true);
        var uniformHandler = handlers is null ? _handlers.Uniform : null;

        var unresolved = new List<UnresolvedDependency>();
        var resolved = ResolveNamedDependencies(ids, unresolved);
        var extra = SequentialEdges(options, count);

        // Counting sort by dependent, straight from the recorded edges: stable, so each task keeps
        // its dependencies in written order. start[t + 1] counts t's dependencies first.
        var start = new int[count + 1];
        for (var e = 0; e < _edges.Count; e++)
        {
            var packed = _edges[e];
            if ((int)(uint)packed >= 0 || resolved![-(int)(uint)packed - 1] >= 0)
            {
                start[(int)(packed >> 32) + 1]++;
            }
        }

        foreach (var (dependent, _) in extra)
        {
            start[dependent + 1]++;
        }

        for (var i = 0; i < count; i++)
        {
            start[i + 1] += start[i];
        }

        var dependencies = start[count] == 0 ? [] : new int[start[count]];
        // start[t] serves as t's write cursor, ending where t + 1 begins; shifting back afterwards spares a cursor array.
        for (var e = 0; e < _edges.Count; e++)
        {
            var packed = _edges[e];
            var dependency = (int)(uint)packed;
            if (dependency < 0 && (dependency = resolved![-dependency - 1]) < 0)
            {
                continue;
            }

            dependencies[start[(int)(packed >> 32)]++] = dependency;
        }

        foreach (var (dependent, dependency) in extra)
        {
            dependencies[start[dependent]++] = dependency;
        }

        for (var i = count; i > 0; i--)
        {
            start[i] = start[i - 1];
        }

        start[0] = 0;
        var table = new TaskTable(count, ids, options, handlers, uniformHandler, start, dependencies, [.. unresolved]);
        return new WorkflowDefinition(
            Id, _name, _schemaVersion, _revision, _description, [.. _inputs], _defaults,
            _timeoutSeconds, _maxConcurrency, _onFailure, [.. _outputs], table, _source);
    }

    /// <summary>The task index of each dependency written by id, or -1 (then recorded as unresolved).</summary>
    private int[]? ResolveNamedDependencies(string?[]? ids, List<UnresolvedDependency> unresolved)
    {
        if (_namedDependencies is null)
        {
            return null;
        }

        var byId = new Dictionary<string, int>(StringComparer.Ordinal);
        if (ids is not null)
        {
            for (var i = 0; i < ids.Length; i++)
            {
                if (ids[i] is { } id)
                {
                    byId.TryAdd(id, i);
                }
            }
        }

        var resolved = new int[_namedDependencies.Count];
        for (var k = 0; k < resolved.Length; k++)
        {
            var named = _namedDependencies[k];
            if (!byId.TryGetValue(named.Name, out resolved[k]))
            {
                resolved[k] = -1;
                unresolved.Add(new UnresolvedDependency(named.Task, named.Ordinal, named.Name));
            }
        }

        return resolved;
    }

    /// <summary>The seed's shorthand: a sequential task with no dependencies depends on the task
    /// declared just before it.</summary>
    private List<(int Dependent, int Dependency)> SequentialEdges(TaskOptions?[]? options, int count)
    {
        List<(int, int)> extra = [];
        if (options is null)
        {
            return extra;
        }

        bool[]? hasDependencies = null;
        for (var i = 1; i < count; i++)
        {
            if (options[i]?.ExecutionMode != ExecutionMode.Sequential)
            {
                continue;
            }

            if (hasDependencies is null)
            {
                // Any dependency as written counts, resolved or not.
                hasDependencies = new bool[count];
                for (var e = 0; e < _edges.Count; e++)
                {
                    hasDependencies[(int)(_edges[e] >> 32)] = true;
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
