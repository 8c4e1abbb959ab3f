using System.Globalization;
using System.Text;

namespace FastFlow.Definitions.Loading;

/// <summary>Builds the JSON paths that diagnostics and <see cref="SourceMap"/> use:
/// <c>tasks.load.dependencies[1]</c>. A name that is not a plain identifier (a task id with a
/// dot, a parameter key with a space) is written in brackets and quotes, <c>tasks["a.b"]</c>, so
/// that every path names one place. The validator builds its paths with this too.</summary>
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

    private static string Quoted(string name)
    {
        var text = new StringBuilder(name.Length + 4).Append("[\"");
        foreach (var c in name)
        {
            if (c is '"' or '\\')
            {
                text.Append('\\');
            }

            text.Append(c);
        }

        return text.Append("\"]").ToString();
    }
}
