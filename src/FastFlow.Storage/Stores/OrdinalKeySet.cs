namespace FastFlow.Storage.Stores;

/// <summary>The keys of a store in ordinal order, for prefix scans. Not thread-safe: its owner locks.</summary>
internal sealed class OrdinalKeySet
{
    private readonly SortedSet<string> _keys = new(StringComparer.Ordinal);

    /// <summary>How many keys there are.</summary>
    public int Count => _keys.Count;

    /// <summary>Adds a key; false when it was there.</summary>
    public bool Add(string key) => _keys.Add(key);

    /// <summary>Removes a key; false when it was not there.</summary>
    public bool Remove(string key) => _keys.Remove(key);

    /// <summary>Whether the key is there.</summary>
    public bool Contains(string key) => _keys.Contains(key);

    /// <summary>The keys starting with <paramref name="prefix"/>, in ordinal order, copied.</summary>
    public List<string> WithPrefix(string prefix)
    {
        var result = new List<string>();
        if (_keys.Count == 0)
        {
            return result;
        }

        if (prefix.Length == 0)
        {
            result.AddRange(_keys);
            return result;
        }

        // Every key with the prefix lies between the prefix and its successor (the shortest string
        // greater than all of them); when there is none (the prefix is all U+FFFF), up to the maximum.
        var upper = Successor(prefix) ?? _keys.Max!;
        if (string.CompareOrdinal(prefix, upper) > 0)
        {
            return result;
        }

        foreach (var key in _keys.GetViewBetween(prefix, upper))
        {
            if (key.StartsWith(prefix, StringComparison.Ordinal))
            {
                result.Add(key);
            }
        }

        return result;
    }

    /// <summary>The prefix with its last character below U+FFFF incremented and what follows dropped:
    /// greater than every string that starts with the prefix, and the least such string.</summary>
    private static string? Successor(string prefix)
    {
        for (var i = prefix.Length - 1; i >= 0; i--)
        {
            if (prefix[i] != char.MaxValue)
            {
                return string.Concat(prefix.AsSpan(0, i), [(char)(prefix[i] + 1)]);
            }
        }

        return null;
    }
}
