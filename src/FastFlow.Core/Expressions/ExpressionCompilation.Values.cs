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
        var tasks = new TaskUnion(_valueTasks ??= []);
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
        // Made at the first value that compiles to something else than itself; null parts are the source's values.
        ValuePart?[]? parts = null;
        var i = 0;
        foreach (var (key, item) in map)
        {
            PushStep(key, -1);
            var part = CompileNode(item, depth + 1, ref tasks, ref failed);
            PopStep();
            if (part is not null)
            {
                (parts ??= new ValuePart?[map.Count])[i] = part;
            }

            i++;
        }

        if (parts is null || failed)
        {
            return null;
        }

        if (!AllConstant(parts))
        {
            return new MapValuePart(map, parts);
        }

        // Constant, but an escape or a normalization changed a value inside: build the changed map once.
        var copy = new Dictionary<string, object?>(parts.Length, StringComparer.Ordinal);
        var j = 0;
        foreach (var (key, item) in map)
        {
            copy.Add(key, parts[j++] is ConstantValuePart changed ? changed.Value : item);
        }

        return new ConstantValuePart(copy);
    }

    private ValuePart? CompileList(List<object?> list, int depth, ref TaskUnion tasks, ref bool failed)
    {
        PlainData.CheckDepth(depth);
        ValuePart?[]? parts = null;
        for (var i = 0; i < list.Count; i++)
        {
            PushStep(null, i);
            var part = CompileNode(list[i], depth + 1, ref tasks, ref failed);
            PopStep();
            if (part is not null)
            {
                (parts ??= new ValuePart?[list.Count])[i] = part;
            }
        }

        if (parts is null || failed)
        {
            return null;
        }

        if (!AllConstant(parts))
        {
            return new ListValuePart(list, parts);
        }

        var copy = new List<object?>(parts.Length);
        for (var i = 0; i < parts.Length; i++)
        {
            copy.Add(parts[i] is ConstantValuePart changed ? changed.Value : list[i]);
        }

        return new ConstantValuePart(copy);
    }

    /// <summary>True when no part is a template (a null part is a constant of the source).</summary>
    private static bool AllConstant(ValuePart?[] parts)
    {
        foreach (var part in parts)
        {
            if (part is not null and not ConstantValuePart)
            {
                return false;
            }
        }

        return true;
    }

    private void PushStep(string? key, int index)
    {
        (_steps ??= []).Add((key, index));
        _stepsPath = null;
    }

    private void PopStep()
    {
        _steps!.RemoveAt(_steps.Count - 1);
        _stepsPath = null;
    }
}
