namespace FastFlow.Core.Tests.Loading;

/// <summary>An ordered mapping for <see cref="DocumentWriter"/>.</summary>
internal sealed class Map : List<KeyValuePair<string, object?>>
{
    public Map()
    {
    }

    public Map(IEnumerable<KeyValuePair<string, object?>> entries)
        : base(entries)
    {
    }

    public void Add(string key, object? value) => Add(new KeyValuePair<string, object?>(key, value));
}
