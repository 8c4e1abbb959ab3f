using System.Text;

namespace FastFlow.Definitions.Loading;

/// <summary>The rules of workflow and task ids: <c>[A-Za-z0-9._-]+</c>, and the id a workflow
/// gets from its name when it has none ("Simple Analysis" becomes <c>simple-analysis</c>).</summary>
internal static class DefinitionIds
{
    /// <summary>True when <paramref name="id"/> is a valid id.</summary>
    public static bool IsValid(string id)
    {
        if (id.Length == 0)
        {
            return false;
        }

        foreach (var c in id)
        {
            if (!IsIdChar(c))
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>An id made from a name: lower case, every run of other characters turned into one
    /// <c>-</c>, no <c>-</c> at either end. Empty when the name has no id character at all.</summary>
    public static string FromName(string name)
    {
        var id = new StringBuilder(name.Length);
        var pendingDash = false;
        foreach (var c in name)
        {
            if (IsIdChar(c))
            {
                if (pendingDash && id.Length > 0)
                {
                    id.Append('-');
                }

                pendingDash = false;
                id.Append(char.ToLowerInvariant(c));
            }
            else
            {
                pendingDash = true;
            }
        }

        return id.ToString().Trim('-');
    }

    private static bool IsIdChar(char c) => char.IsAsciiLetterOrDigit(c) || c is '.' or '_' or '-';
}
