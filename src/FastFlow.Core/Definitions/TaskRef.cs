namespace FastFlow.Definitions;

/// <summary>A task being built: configure it and wire its dependencies fluently.</summary>
public readonly struct TaskRef
{
    private readonly WorkflowBuilder _builder;

    internal TaskRef(WorkflowBuilder builder, int index)
    {
        _builder = builder;
        Index = index;
    }

    /// <summary>The task's index in declaration order.</summary>
    public int Index { get; }

    /// <summary>This task runs after <paramref name="dependency"/>.</summary>
    public TaskRef DependsOn(TaskRef dependency)
    {
        _builder.AddDependency(Index, dependency.Index);
        return this;
    }

    /// <summary>This task runs after all of <paramref name="dependencies"/>.</summary>
    public TaskRef DependsOn(params ReadOnlySpan<TaskRef> dependencies)
    {
        foreach (var dependency in dependencies)
        {
            _builder.AddDependency(Index, dependency.Index);
        }

        return this;
    }

    /// <summary>This task runs after the tasks with these ids (they may be added later).</summary>
    public TaskRef DependsOn(params ReadOnlySpan<string> ids)
    {
        foreach (var id in ids)
        {
            _builder.AddDependency(Index, id ?? throw new ArgumentNullException(nameof(ids)));
        }

        return this;
    }

    /// <summary><paramref name="successor"/> runs after this task.</summary>
    public TaskRef Precede(TaskRef successor)
    {
        _builder.AddDependency(successor.Index, Index);
        return this;
    }

    /// <summary>This task runs after <paramref name="predecessor"/> (same as <see cref="DependsOn(TaskRef)"/>).</summary>
    public TaskRef Succeed(TaskRef predecessor) => DependsOn(predecessor);

    /// <summary>Replaces this task's options with what <paramref name="change"/> returns.</summary>
    public TaskRef Configure(Func<TaskOptions, TaskOptions> change)
    {
        ArgumentNullException.ThrowIfNull(change);
        _builder.SetOptions(Index, change(_builder.GetOptions(Index)));
        return this;
    }

    /// <summary>Sets the human name.</summary>
    public TaskRef Name(string name) => Configure(o => o with { Name = name });

    /// <summary>Runs a built-in or registered action.</summary>
    public TaskRef Action(string action) => Configure(o => o with { Action = action });

    /// <summary>Runs a handler registered by name.</summary>
    public TaskRef Handler(string handler) => Configure(o => o with { Handler = handler });

    /// <summary>Sends the task to an agent (makes it an <c>agent_task</c>).</summary>
    public TaskRef Agent(string agentId) => Configure(o => o with { Action = o.Action ?? "agent_task", AgentId = agentId });

    /// <summary>Sets the parameters.</summary>
    public TaskRef Parameters(IReadOnlyDictionary<string, object?> parameters) => Configure(o => o with { Parameters = parameters });

    /// <summary>Sets one parameter.</summary>
    public TaskRef Parameter(string name, object? value) => Configure(o =>
    {
        var parameters = o.Parameters is null ? new Dictionary<string, object?>(StringComparer.Ordinal) : new Dictionary<string, object?>(o.Parameters, StringComparer.Ordinal);
        parameters[name] = value;
        return o with { Parameters = parameters };
    });

    /// <summary>Skips the task when the condition is false.</summary>
    public TaskRef When(string condition) => Configure(o => o with { When = condition });

    /// <summary>Sets when the task becomes ready.</summary>
    public TaskRef Trigger(TriggerRule rule) => Configure(o => o with { TriggerRule = rule });

    /// <summary>Sets the dispatch priority.</summary>
    public TaskRef Priority(TaskPriority priority) => Configure(o => o with { Priority = priority });

    /// <summary>Sets the deadline of each attempt.</summary>
    public TaskRef Timeout(double seconds) => Configure(o => o with { TimeoutSeconds = seconds });

    /// <summary>Sets the retry policy.</summary>
    public TaskRef Retry(RetrySettings retry) => Configure(o => o with { Retry = retry });

    /// <summary>Retries up to <paramref name="maxAttempts"/> attempts in all.</summary>
    public TaskRef Retry(int maxAttempts, double baseDelaySeconds = 0, double? maxDelaySeconds = null, bool exponentialBackoff = true, bool jitter = true) =>
        Retry(new RetrySettings
        {
            MaxAttempts = maxAttempts,
            BaseDelaySeconds = baseDelaySeconds,
            MaxDelaySeconds = maxDelaySeconds,
            ExponentialBackoff = exponentialBackoff,
            Jitter = jitter,
        });

    /// <summary>Sets what a failure does once retries are spent.</summary>
    public TaskRef OnFailure(FailurePolicy policy) => Configure(o => o with { OnFailure = policy });

    /// <summary>Sets what undoes this task in a saga.</summary>
    public TaskRef Compensation(CompensationDefinition compensation) => Configure(o => o with { Compensation = compensation });
}
