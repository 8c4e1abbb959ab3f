using System.Globalization;
using System.Text;

namespace FastFlow.Definitions;

/// <summary>The one builder of the JSON paths that diagnostics and <see cref="SourceMap"/> use:
/// <c>tasks.load.dependencies[1]</c>. A name that is not plain (letters, digits, <c>_</c> and
/// <c>-</c>: a task id with a dot, a parameter key with a space) is written in brackets and
/// quotes, <c>tasks["step.1"].parameters["a b"]</c>, so that every path names one place. The
/// loader records its paths with it, and the validator and the expression compiler report at
/// paths built with it, so that every diagnostic finds its place in the source.</summary>
internal static class DefinitionPath
{
    /// <summary>The path of field <paramref name="name"/> of the object at <paramref name="parent"/>.</summary>
    public static string Field(string parent, string name)
    {
        ArgumentNullException.ThrowIfNull(parent);
        ArgumentNullException.ThrowIfNull(name);
        if (!IsPlainName(name))
        {
            return parent + Quoted(name);
        }

        return parent.Length == 0 ? name : string.Concat(parent, ".", name);
    }

    /// <summary>The path of item <paramref name="index"/> of the list at <paramref name="parent"/>.</summary>
    public static string Item(string parent, int index) =>
        string.Concat(parent, "[", index.ToString(CultureInfo.InvariantCulture), "]");

    /// <summary>The path of a task: <c>tasks.&lt;id&gt;</c>.</summary>
    public static string Task(string id) => Field("tasks", id);

    /// <summary>Appends field <paramref name="name"/> to the path in <paramref name="path"/>, as <see cref="Field"/> does.</summary>
    public static void AppendField(StringBuilder path, string name)
    {
        if (!IsPlainName(name))
        {
            AppendQuoted(path, name);
            return;
        }

        if (path.Length > 0)
        {
            path.Append('.');
        }

        path.Append(name);
    }

    /// <summary>Appends item <paramref name="index"/> to the path in <paramref name="path"/>, as <see cref="Item"/> does.</summary>
    public static void AppendItem(StringBuilder path, int index) =>
        path.Append('[').Append(index.ToString(CultureInfo.InvariantCulture)).Append(']');

    /// <summary>Letters, digits, <c>_</c> and <c>-</c>: names that need no brackets.</summary>
    private static bool IsPlainName(string name)
    {
        if (name.Length == 0)
        {
            return false;
        }

        foreach (var c in name)
        {
            if (!char.IsAsciiLetterOrDigit(c) && c is not ('_' or '-'))
            {
                return false;
            }
        }

        return true;
    }

    private static string Quoted(string name) => AppendQuoted(new StringBuilder(name.Length + 4), name).ToString();

    private static StringBuilder AppendQuoted(StringBuilder text, string name)
    {
        text.Append("[\"");
        foreach (var c in name)
        {
            if (c is '"' or '\\')
            {
                text.Append('\\');
            }

            text.Append(c);
        }

        return text.Append("\"]");
    }
}
