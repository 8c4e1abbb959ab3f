using System.Globalization;
using System.Text;

namespace FastFlow.Validation;

/// <summary>Builds the JSON paths of diagnostics, as the file loader writes them in its
/// <see cref="Definitions.SourceMap"/>: <c>tasks.load.dependencies[1]</c>; a name that is not plain
/// (letters, digits, '_' and '-') goes in brackets and quotes, <c>tasks["a.b"]</c>, so that
/// every path names one place.</summary>
internal static class DiagnosticPath
{
    /// <summary>The path of field <paramref name="name"/> of the object at <paramref name="parent"/>.</summary>
    public static string Field(string parent, string name)
    {
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
