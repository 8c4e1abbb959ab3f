using FastFlow.Data;
using FastFlow.Expressions.Evaluation;

namespace FastFlow.Expressions.Nodes;

/// <summary>
/// A path: a root (<c>inputs.x</c>, <c>tasks.a.output</c>, <c>run.id</c>...) and steps into
/// objects and arrays. Task references are indices bound at compile time. A step that finds
/// nothing (a missing key, an index out of range, a step into a scalar) makes the path missing,
/// which evaluates to null and makes <c>exists()</c> false.
/// </summary>
internal sealed class PathNode : ExpressionNode
{
    private readonly PathRoot _root;
    /// <summary>The input, context or param name.</summary>
    private readonly string? _name;
    /// <summary>The task index of a task root.</summary>
    private readonly int _task;
    /// <summary>The root expression of an <see cref="PathRoot.Expression"/> root.</summary>
    private readonly ExpressionNode? _target;
    private readonly PathSegment[] _segments;

    public PathNode(PathRoot root, string? name, int task, ExpressionNode? target, PathSegment[] segments, int position)
        : base(position)
    {
        _root = root;
        _name = name;
        _task = task;
        _target = target;
        _segments = segments;
    }

    public override Value Evaluate(IEvaluationContext context) => TryResolve(context, out var value) ? value : Value.Null;

    /// <summary>Follows the path; false when a step finds nothing.</summary>
    public bool TryResolve(IEvaluationContext context, out Value value)
    {
        object? current;
        switch (_root)
        {
            case PathRoot.Input:
                if (!context.TryGetInput(_name!, out current))
                {
                    return Missing(out value);
                }

                break;
            case PathRoot.Context:
                if (!context.TryGetContext(_name!, out current))
                {
                    return Missing(out value);
                }

                break;
            case PathRoot.Param:
                if (!context.TryGetParam(_name!, out current))
                {
                    return Missing(out value);
                }

                break;
            case PathRoot.TaskOutput:
                current = context.GetTaskOutput(_task);
                if (current is null)
                {
                    // A task without output (yet) has nothing to step into.
                    return Missing(out value);
                }

                break;
            case PathRoot.TaskStatus:
                // The compiler allows no steps after a status.
                value = Value.FromString(context.GetTaskStatus(_task).ToWireName());
                return true;
            case PathRoot.RunId:
                value = Value.FromString(context.RunId);
                return true;
            case PathRoot.WorkflowId:
                value = Value.FromString(context.WorkflowId);
                return true;
            default:
                var target = _target!.Evaluate(context);
                if (_segments.Length == 0)
                {
                    value = target;
                    return true;
                }

                current = target.Reference ?? target.ToObject();
                break;
        }

        foreach (var segment in _segments)
        {
            if (!Step(context, segment, ref current))
            {
                return Missing(out value);
            }
        }

        value = Value.FromObject(current);
        return true;
    }

    private static bool Missing(out Value value)
    {
        value = Value.Null;
        return false;
    }

    private static bool Step(IEvaluationContext context, in PathSegment segment, ref object? current)
    {
        switch (segment.Kind)
        {
            case SegmentKind.Member:
                return StepToKey(segment.Name!, ref current);
            case SegmentKind.Index:
                return StepToIndex(segment.Index, ref current);
            default:
                if (current is null || PlainData.IsPlainScalar(current))
                {
                    // Nothing to index: the key is not evaluated, as the rest of a missing path is not.
                    return false;
                }

                var key = segment.Computed!.Evaluate(context);
                if (key.TryGetString(out var name))
                {
                    return StepToKey(name, ref current);
                }

                return key.TryGetIndex(out var index) && StepToIndex(index, ref current);
        }
    }

    private static bool StepToKey(string key, ref object? current)
    {
        if (current is Dictionary<string, object?> map)
        {
            return map.TryGetValue(key, out current);
        }

        if (current is null or List<object?> || PlainData.IsPlainScalar(current))
        {
            return false;
        }

        // Output a handler returned without normalizing (a POCO, a dictionary of ints).
        current = PlainData.Normalize(current);
        return current is Dictionary<string, object?> normalized && normalized.TryGetValue(key, out current);
    }

    private static bool StepToIndex(long index, ref object? current)
    {
        if (current is not List<object?> list)
        {
            if (current is null or Dictionary<string, object?> || PlainData.IsPlainScalar(current))
            {
                return false;
            }

            current = PlainData.Normalize(current);
            if (current is not List<object?> normalized)
            {
                return false;
            }

            list = normalized;
        }

        if (index < 0)
        {
            index += list.Count;
        }

        if ((ulong)index >= (ulong)list.Count)
        {
            return false;
        }

        current = list[(int)index];
        return true;
    }
}
