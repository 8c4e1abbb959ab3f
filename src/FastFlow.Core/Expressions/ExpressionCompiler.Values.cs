using FastFlow.Data;
using FastFlow.Definitions;
using FastFlow.Expressions.Values;
using FastFlow.Validation;

namespace FastFlow.Expressions;

public static partial class ExpressionCompiler
{
    /// <summary>Compiles a parameter tree: every string in it (at any depth) is compiled as a
    /// template. Problems are reported at
    /// <c>path.key</c> and <c>path[i]</c>, a key that is not a plain name in brackets
    /// (<c>path["a b"]</c>), as the loader records them. The tree is normalized to plain data first
    /// (see <see cref="PlainData.Normalize"/>).</summary>
    public static CompiledValue? CompileValue(object? raw, ExpressionScope scope, string path, List<Diagnostic> diagnostics)
    {
        CheckArguments(string.Empty, scope, path, diagnostics);
        var tasks = new List<int>();
        var failed = false;
        var root = CompileNode(PlainData.Normalize(raw), scope, path, diagnostics, tasks, ref failed);
        return failed ? null : new CompiledValue(root, [.. tasks]);
    }

    private static ValuePart CompileNode(object? value, ExpressionScope scope, string path, List<Diagnostic> diagnostics, List<int> tasks, ref bool failed)
    {
        switch (value)
        {
            case string text when ContainsTemplate(text):
                var template = CompileTemplate(text, scope, path, diagnostics);
                if (template is null)
                {
                    failed = true;
                    return new ConstantValuePart(text, sameAsSource: true);
                }

                AddDistinct(tasks, template.ReferencedTasks);
                return template.ConstantText is { } constant
                    ? new ConstantValuePart(constant, sameAsSource: false)
                    : new TemplateValuePart(template);
            case Dictionary<string, object?> map:
                return CompileMap(map, scope, path, diagnostics, tasks, ref failed);
            case List<object?> list:
                return CompileList(list, scope, path, diagnostics, tasks, ref failed);
            default:
                return new ConstantValuePart(value, sameAsSource: true);
        }
    }

    private static ValuePart CompileMap(Dictionary<string, object?> map, ExpressionScope scope, string path, List<Diagnostic> diagnostics, List<int> tasks, ref bool failed)
    {
        var keys = new string[map.Count];
        var parts = new ValuePart[map.Count];
        var i = 0;
        foreach (var (key, item) in map)
        {
            keys[i] = key;
            parts[i] = CompileNode(item, scope, DefinitionPath.Field(path, key), diagnostics, tasks, ref failed);
            i++;
        }

        if (!AllConstant(parts, out var unchanged))
        {
            return new MapValuePart(keys, parts);
        }

        if (unchanged)
        {
            return new ConstantValuePart(map, sameAsSource: true);
        }

        // Constant, but an escape changed a string inside: build the changed map once.
        var copy = new Dictionary<string, object?>(keys.Length, StringComparer.Ordinal);
        for (var j = 0; j < keys.Length; j++)
        {
            copy.Add(keys[j], ((ConstantValuePart)parts[j]).Value);
        }

        return new ConstantValuePart(copy, sameAsSource: false);
    }

    private static ValuePart CompileList(List<object?> list, ExpressionScope scope, string path, List<Diagnostic> diagnostics, List<int> tasks, ref bool failed)
    {
        var parts = new ValuePart[list.Count];
        for (var i = 0; i < list.Count; i++)
        {
            var itemPath = DefinitionPath.Item(path, i);
            parts[i] = CompileNode(list[i], scope, itemPath, diagnostics, tasks, ref failed);
        }

        if (!AllConstant(parts, out var unchanged))
        {
            return new ListValuePart(parts);
        }

        if (unchanged)
        {
            return new ConstantValuePart(list, sameAsSource: true);
        }

        var copy = new List<object?>(parts.Length);
        foreach (var part in parts)
        {
            copy.Add(((ConstantValuePart)part).Value);
        }

        return new ConstantValuePart(copy, sameAsSource: false);
    }

    private static bool AllConstant(ValuePart[] parts, out bool unchanged)
    {
        unchanged = true;
        foreach (var part in parts)
        {
            if (part is not ConstantValuePart constant)
            {
                return false;
            }

            unchanged &= constant.SameAsSource;
        }

        return true;
    }
}
