namespace FastFlow.Agents;

/// <summary>What an agent says about itself: who it is, what it can do and how much at once.
/// Immutable; the live state (load, status, statistics) is on <see cref="Agent"/>.</summary>
public sealed record AgentDescriptor
{
    private readonly int _maxConcurrentTasks = DefaultMaxConcurrentTasks;

    /// <summary>Tasks an agent runs at once when its descriptor does not say.</summary>
    public const int DefaultMaxConcurrentTasks = 4;

    /// <summary>Creates a descriptor.</summary>
    /// <param name="id">The agent's id: <c>[A-Za-z0-9._-]+</c>.</param>
    /// <exception cref="ArgumentException">The id is empty or has other characters.</exception>
    public AgentDescriptor(string id)
    {
        if (!IsValidId(id))
        {
            throw new ArgumentException($"'{id}' is not a valid agent id: use letters, digits, '.', '_' and '-'.", nameof(id));
        }

        Id = id;
    }

    /// <summary>The id tasks name in <c>agent_id</c>.</summary>
    public string Id { get; }

    /// <summary>The agent's type (<c>agent_type</c>), free text such as <c>analyst</c>; may be null.</summary>
    public string? Type { get; init; }

    /// <summary>A sentence about the agent, for people; may be null.</summary>
    public string? Description { get; init; }

    /// <summary>What the agent can do; a task that asks for capabilities goes only to agents that
    /// have all of them.</summary>
    public IReadOnlyList<string> Capabilities { get; init; } = [];

    /// <summary>Tasks the agent runs at once; more wait for a slot. At least 1; default 4.</summary>
    /// <exception cref="ArgumentOutOfRangeException">The value is below 1.</exception>
    public int MaxConcurrentTasks
    {
        get => _maxConcurrentTasks;
        init
        {
            ArgumentOutOfRangeException.ThrowIfLessThan(value, 1);
            _maxConcurrentTasks = value;
        }
    }

    /// <summary>Free metadata (plain data), shown by tools and never interpreted by the engine.</summary>
    public IReadOnlyDictionary<string, object?> Metadata { get; init; } = new Dictionary<string, object?>(StringComparer.Ordinal);

    /// <summary>True when the agent has every capability in <paramref name="required"/>.</summary>
    public bool HasCapabilities(IReadOnlyList<string>? required)
    {
        if (required is null)
        {
            return true;
        }

        foreach (var capability in required)
        {
            if (!Capabilities.Contains(capability, StringComparer.Ordinal))
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>True when <paramref name="id"/> is a valid agent id: not empty, only ASCII letters,
    /// digits, '.', '_' and '-'.</summary>
    public static bool IsValidId(string? id)
    {
        if (string.IsNullOrEmpty(id))
        {
            return false;
        }

        foreach (var c in id)
        {
            if (!(char.IsAsciiLetterOrDigit(c) || c is '.' or '_' or '-'))
            {
                return false;
            }
        }

        return true;
    }
}
