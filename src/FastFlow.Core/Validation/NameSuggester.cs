namespace FastFlow.Validation;

/// <summary>Finds the closest known name to a misspelt one, for "did you mean" hints.</summary>
public static class NameSuggester
{
    /// <summary>The candidate closest to <paramref name="name"/> by edit distance (case-insensitive),
    /// or null when none is close enough to be a plausible typo.</summary>
    public static string? Closest(string name, IEnumerable<string> candidates)
    {
        ArgumentNullException.ThrowIfNull(name);
        ArgumentNullException.ThrowIfNull(candidates);
        string? best = null;
        var bestDistance = int.MaxValue;
        foreach (var candidate in candidates)
        {
            var distance = Distance(name, candidate);
            if (distance < bestDistance)
            {
                best = candidate;
                bestDistance = distance;
            }
        }

        if (best is null)
        {
            return null;
        }

        // Allow about one edit per three characters, at least one, so that 'extrct' finds
        // 'extract' but 'foo' does not find 'load'.
        var allowed = Math.Max(1, Math.Max(name.Length, best.Length) / 3);
        return bestDistance <= allowed ? best : null;
    }

    /// <summary>Optimal string alignment distance (Levenshtein plus adjacent transpositions), case-insensitive.</summary>
    public static int Distance(string a, string b)
    {
        ArgumentNullException.ThrowIfNull(a);
        ArgumentNullException.ThrowIfNull(b);
        var n = a.Length;
        var m = b.Length;
        if (n == 0)
        {
            return m;
        }

        if (m == 0)
        {
            return n;
        }

        var previous2 = new int[m + 1];
        var previous = new int[m + 1];
        var current = new int[m + 1];
        for (var j = 0; j <= m; j++)
        {
            previous[j] = j;
        }

        for (var i = 1; i <= n; i++)
        {
            current[0] = i;
            var ca = char.ToLowerInvariant(a[i - 1]);
            for (var j = 1; j <= m; j++)
            {
                var cb = char.ToLowerInvariant(b[j - 1]);
                var cost = ca == cb ? 0 : 1;
                var value = Math.Min(Math.Min(previous[j] + 1, current[j - 1] + 1), previous[j - 1] + cost);
                if (i > 1 && j > 1 && ca == char.ToLowerInvariant(b[j - 2]) && char.ToLowerInvariant(a[i - 2]) == cb)
                {
                    value = Math.Min(value, previous2[j - 2] + 1);
                }

                current[j] = value;
            }

            (previous2, previous, current) = (previous, current, previous2);
        }

        return previous[m];
    }
}
