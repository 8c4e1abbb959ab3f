namespace FastFlow.Validation;

/// <summary>The one rule for workflow, task and agent ids: <c>[A-Za-z0-9._-]+</c>.</summary>
internal static class IdRules
{
    /// <summary>The rule as users read it in messages.</summary>
    public const string Pattern = "[A-Za-z0-9._-]+";

    /// <summary>True when <paramref name="id"/> is not empty and uses only letters, digits, '.', '_' and '-'.</summary>
    public static bool IsValid(string? id)
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

    /// <summary>A valid id close to <paramref name="id"/>: invalid characters become '-', for hints.</summary>
    public static string Suggest(string id)
    {
        var chars = new char[id.Length];
        for (var i = 0; i < id.Length; i++)
        {
            var c = id[i];
            chars[i] = char.IsAsciiLetterOrDigit(c) || c is '.' or '_' or '-' ? c : '-';
        }

        var text = new string(chars).Trim('-');
        return text.Length == 0 ? "my-id" : text;
    }
}
