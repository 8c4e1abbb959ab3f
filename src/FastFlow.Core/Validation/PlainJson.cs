using System.Text.Json;

namespace FastFlow.Validation;

/// <summary>JSON text to the engine's plain data (string-keyed dictionaries, lists, long, double,
/// string, bool, null), for inputs given as text on the command line.</summary>
internal static class PlainJson
{
    private static readonly JsonDocumentOptions s_options = new() { MaxDepth = 64 };

    /// <summary>Parses <paramref name="text"/>; false when it is not JSON.</summary>
    public static bool TryParse(string text, out object? value)
    {
        try
        {
            using var document = JsonDocument.Parse(text, s_options);
            value = Convert(document.RootElement);
            return true;
        }
        catch (JsonException)
        {
            value = null;
            return false;
        }
    }

    private static object? Convert(JsonElement element)
    {
        switch (element.ValueKind)
        {
            case JsonValueKind.Object:
                var map = new Dictionary<string, object?>(StringComparer.Ordinal);
                foreach (var property in element.EnumerateObject())
                {
                    map[property.Name] = Convert(property.Value);
                }

                return map;
            case JsonValueKind.Array:
                var list = new List<object?>(element.GetArrayLength());
                foreach (var item in element.EnumerateArray())
                {
                    list.Add(Convert(item));
                }

                return list;
            case JsonValueKind.String:
                return element.GetString();
            case JsonValueKind.Number:
                return element.TryGetInt64(out var whole) ? whole : (object)element.GetDouble();
            case JsonValueKind.True:
                return true;
            case JsonValueKind.False:
                return false;
            default:
                return null;
        }
    }
}
