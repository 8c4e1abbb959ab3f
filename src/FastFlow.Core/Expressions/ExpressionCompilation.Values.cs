using System.Runtime.CompilerServices;
using FastFlow.Data;
using FastFlow.Definitions;
using FastFlow.Expressions.Values;

namespace FastFlow.Expressions;

internal sealed partial class ExpressionCompilation
{
    /// <summary>See <see cref="ExpressionCompiler.CompileValue"/>; problems are reported at
    /// <paramref name="path"/> and below it.</summary>
    /// <remarks>Plain data (what the loader makes) is compiled as it is; only a value that is not
    /// plain is normalized, where it is met. A subtree without templates costs nothing: it is the
    /// raw subtree itself, shared, not copied.</remarks>
    public CompiledValue? CompileValue(object? raw, in DeferredPath path)
    {
        Enter(path);
        var failed = false;
        var tasks = new TaskUnion(_valueTasks);
        var root = CompileNode(raw, 0, ref tasks, ref failed);
        if (failed)
        {
            return null;
        }

        return new CompiledValue(root ?? new ConstantValuePart(raw), tasks.ToList());
    }

    /// <summary>The compiled value; null when it is the raw value itself (no template, nothing
    /// changed), which is the common case and allocates nothing.</summary>
    private ValuePart? CompileNode(object? value, int depth, ref TaskUnion tasks, ref bool failed)
    {
        switch (value)
        {
            case null or bool or long or double:
                return null;
            case string text:
                return ExpressionCompiler.ContainsTemplate(text) ? CompileString(text, ref tasks, ref failed) : null;
            case Dictionary<string, object?> map when PlainData.IsOrdinal(map.Comparer):
                return CompileMap(map, depth, ref tasks, ref failed);
            case List<object?> list:
                return CompileList(list, depth, ref tasks, ref failed);
            default:
                return CompileNormalized(value, depth, ref tasks, ref failed);
        }
    }

    /// <summary>A value that is not plain data (an int, a POCO, another dictionary type, from
    /// code): compiled in its normalized form.</summary>
    [MethodImpl(MethodImplOptions.NoInlining)]
    private ValuePart? CompileNormalized(object value, int depth, ref TaskUnion tasks, ref bool failed)
    {
        var normalized = PlainData.Normalize(value);
        return CompileNode(normalized, depth, ref tasks, ref failed) ?? new ConstantValuePart(normalized);
    }

    private ValuePart? CompileString(string text, ref TaskUnion tasks, ref bool failed)
    {
        var template = CompileTemplate(text);
        if (template is null)
        {
            failed = true;
            return null;
        }

        tasks.Add(template.ReferencedTasks);
        return template.ConstantText is { } constant
            ? new ConstantValuePart(constant)
            : new TemplateValuePart(template);
    }

    private ValuePart? CompileMap(Dictionary<string, object?> map, int depth, ref TaskUnion tasks, ref bool failed)
    {
        PlainData.CheckDepth(depth);
        // Made at the first value that compiles to something else than itself.
        string[]? keys = null;
        ValuePart[]? parts = null;
        var i = 0;
        foreach (var (key, item) in map)
        {
            PushStep(key, -1);
            var part = CompileNode(item, depth + 1, ref tasks, ref failed);
            PopStep();
            if (part is not null && parts is null)
            {
                (keys, parts) = StartMap(map, i);
            }

            if (parts is not null)
            {
                keys![i] = key;
                parts[i] = part ?? new ConstantValuePart(item);
            }

            i++;
        }

        if (parts is null || failed)
        {
            return null;
        }

        if (!AllConstant(parts))
        {
            return new MapValuePart(keys!, parts);
        }

        // Constant, but an escape or a normalization changed a value inside: build the changed map once.
        var copy = new Dictionary<string, object?>(keys!.Length, StringComparer.Ordinal);
        for (var j = 0; j < keys.Length; j++)
        {
            copy.Add(keys[j], ((ConstantValuePart)parts[j]).Value);
        }

        return new ConstantValuePart(copy);
    }

    /// <summary>The keys and parts of a map whose entry <paramref name="count"/> is the first that
    /// compiled to something else than itself; the entries before it are themselves.</summary>
    private static (string[] Keys, ValuePart[] Parts) StartMap(Dictionary<string, object?> map, int count)
    {
        var keys = new string[map.Count];
        var parts = new ValuePart[map.Count];
        var j = 0;
        foreach (var (key, item) in map)
        {
            if (j == count)
            {
                break;
            }

            keys[j] = key;
            parts[j] = new ConstantValuePart(item);
            j++;
        }

        return (keys, parts);
    }

    private ValuePart? CompileList(List<object?> list, int depth, ref TaskUnion tasks, ref bool failed)
    {
        PlainData.CheckDepth(depth);
        ValuePart[]? parts = null;
        for (var i = 0; i < list.Count; i++)
        {
            var item = list[i];
            PushStep(null, i);
            var part = CompileNode(item, depth + 1, ref tasks, ref failed);
            PopStep();
            if (part is not null && parts is null)
            {
                parts = new ValuePart[list.Count];
                for (var j = 0; j < i; j++)
                {
                    parts[j] = new ConstantValuePart(list[j]);
                }
            }

            if (parts is not null)
            {
                parts[i] = part ?? new ConstantValuePart(item);
            }
        }

        if (parts is null || failed)
        {
            return null;
        }

        if (!AllConstant(parts))
        {
            return new ListValuePart(parts);
        }

        var copy = new List<object?>(parts.Length);
        foreach (var part in parts)
        {
            copy.Add(((ConstantValuePart)part).Value);
        }

        return new ConstantValuePart(copy);
    }

    private static bool AllConstant(ValuePart[] parts)
    {
        foreach (var part in parts)
        {
            if (part is not ConstantValuePart)
            {
                return false;
            }
        }

        return true;
    }

    private void PushStep(string? key, int index)
    {
        _steps.Add((key, index));
        _stepsPath = null;
    }

    private void PopStep()
    {
        _steps.RemoveAt(_steps.Count - 1);
        _stepsPath = null;
    }
}
