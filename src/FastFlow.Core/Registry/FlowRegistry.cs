using System.Collections.Concurrent;
using System.Diagnostics.CodeAnalysis;
using System.Runtime.CompilerServices;
using FastFlow.Actions;
using FastFlow.Definitions;

namespace FastFlow.Registry;

/// <summary>One registry for handlers, actions, agents and definitions: one call registers, one
/// looks up. Lookups are lock-free reads of a concurrent dictionary per kind; registration is
/// rare and may happen while runs execute (a plan keeps what it resolved at compile time, and the
/// <see cref="Version"/> tells the plan cache to recompile).</summary>
public sealed class FlowRegistry
{
    private const int KindCount = 4;
    private readonly ConcurrentDictionary<string, object>[] _components;
    /// <summary>Every revision of every definition, oldest first; guarded by its own lock.</summary>
    private readonly Dictionary<string, List<WorkflowDefinition>> _revisions = new(StringComparer.Ordinal);
    private long _version;

    /// <summary>Creates an empty registry.</summary>
    public FlowRegistry()
    {
        _components = new ConcurrentDictionary<string, object>[KindCount];
        for (var i = 0; i < KindCount; i++)
        {
            _components[i] = new ConcurrentDictionary<string, object>(StringComparer.Ordinal);
        }
    }

    /// <summary>Changes with every registration or removal.</summary>
    public long Version => Volatile.Read(ref _version);

    /// <summary>Registers a component under an id, replacing one of the same kind and id.
    /// Definitions are kept as a new revision instead.</summary>
    /// <exception cref="ArgumentException">The component is not of the kind's type.</exception>
    public void Register(ComponentKind kind, string id, object component)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(id);
        ArgumentNullException.ThrowIfNull(component);
        CheckType(kind, component);
        if (kind == ComponentKind.Definition)
        {
            AddRevision(id, (WorkflowDefinition)component);
        }
        else
        {
            _components[(int)kind][id] = component;
        }

        Interlocked.Increment(ref _version);
    }

    /// <summary>Looks a component up; lock-free.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public bool TryLookup<T>(ComponentKind kind, string id, [MaybeNullWhen(false)] out T component) where T : class
    {
        if (_components[(int)kind].TryGetValue(id, out var found) && found is T typed)
        {
            component = typed;
            return true;
        }

        component = null;
        return false;
    }

    /// <summary>Looks a component up.</summary>
    /// <exception cref="KeyNotFoundException">Nothing of that kind has that id; the message names the closest one.</exception>
    public T Lookup<T>(ComponentKind kind, string id) where T : class
    {
        if (TryLookup<T>(kind, id, out var component))
        {
            return component;
        }

        var closest = Validation.NameSuggester.Closest(id, Ids(kind));
        throw new KeyNotFoundException($"No {kind.ToString().ToLowerInvariant()} is registered as '{id}'." +
            (closest is null ? string.Empty : $" Did you mean '{closest}'?"));
    }

    /// <summary>Removes a component (every revision of a definition); true when one was there.</summary>
    public bool Remove(ComponentKind kind, string id)
    {
        var removed = _components[(int)kind].TryRemove(id, out _);
        if (kind == ComponentKind.Definition)
        {
            lock (_revisions)
            {
                _revisions.Remove(id);
            }
        }

        if (removed)
        {
            Interlocked.Increment(ref _version);
        }

        return removed;
    }

    /// <summary>The ids of every component of a kind, sorted.</summary>
    public IReadOnlyList<string> Ids(ComponentKind kind)
    {
        var ids = _components[(int)kind].Keys.ToArray();
        Array.Sort(ids, StringComparer.Ordinal);
        return ids;
    }

    /// <summary>Every component of a kind.</summary>
    public IEnumerable<T> All<T>(ComponentKind kind) where T : class =>
        _components[(int)kind].Values.OfType<T>();

    /// <summary>Registers a handler by name.</summary>
    public void RegisterHandler(string name, TaskHandler handler) => Register(ComponentKind.Handler, name, handler);

    /// <summary>Registers an action under its own name.</summary>
    public void RegisterAction(FlowAction action)
    {
        ArgumentNullException.ThrowIfNull(action);
        Register(ComponentKind.Action, action.Name, action);
    }

    /// <summary>Keeps a definition as its id's newest revision and returns the revision number:
    /// the definition's own <c>revision</c>, or one more than the newest kept.</summary>
    public int RegisterDefinition(WorkflowDefinition definition)
    {
        ArgumentNullException.ThrowIfNull(definition);
        var revision = AddRevision(definition.Id, definition);
        Interlocked.Increment(ref _version);
        return revision;
    }

    /// <summary>The newest revision of a definition, or a given revision.</summary>
    public bool TryGetDefinition(string id, [MaybeNullWhen(false)] out WorkflowDefinition definition, int? revision = null)
    {
        if (revision is null)
        {
            return TryLookup(ComponentKind.Definition, id, out definition);
        }

        lock (_revisions)
        {
            if (_revisions.TryGetValue(id, out var list))
            {
                foreach (var candidate in list)
                {
                    if (candidate.Revision == revision)
                    {
                        definition = candidate;
                        return true;
                    }
                }
            }
        }

        definition = null;
        return false;
    }

    /// <summary>Every revision of a definition, oldest first.</summary>
    public IReadOnlyList<WorkflowDefinition> Revisions(string id)
    {
        lock (_revisions)
        {
            return _revisions.TryGetValue(id, out var list) ? [.. list] : [];
        }
    }

    private int AddRevision(string id, WorkflowDefinition definition)
    {
        lock (_revisions)
        {
            if (!_revisions.TryGetValue(id, out var list))
            {
                list = [];
                _revisions[id] = list;
            }

            var newest = list.Count == 0 ? 0 : list[^1].Revision ?? list.Count;
            var revision = definition.Revision ?? newest + 1;
            if (definition.Revision is null)
            {
                definition = definition.WithRevision(revision);
            }

            list.Add(definition);
            _components[(int)ComponentKind.Definition][id] = definition;
            return revision;
        }
    }

    private static void CheckType(ComponentKind kind, object component)
    {
        var ok = kind switch
        {
            ComponentKind.Handler => component is TaskHandler,
            ComponentKind.Action => component is FlowAction,
            ComponentKind.Definition => component is WorkflowDefinition,
            _ => true,
        };
        if (!ok)
        {
            throw new ArgumentException($"A {kind} cannot be a {component.GetType().Name}.", nameof(component));
        }
    }
}
