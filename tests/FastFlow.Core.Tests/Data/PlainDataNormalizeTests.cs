using System.Collections;
using System.Collections.Immutable;
using System.Numerics;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;
using FastFlow.Data;

namespace FastFlow.Core.Tests.Data;

public sealed class PlainDataNormalizeTests
{
    public static TheoryData<object, object> Integers => new()
    {
        { 5, 5L },
        { (short)-5, -5L },
        { (byte)200, 200L },
        { (sbyte)-8, -8L },
        { (ushort)65535, 65535L },
        { uint.MaxValue, 4294967295L },
        { 12UL, 12L },
        { ulong.MaxValue, 1.8446744073709552E+19 },
        { (nint)7, 7L },
        { (nuint)7, 7L },
        { (Int128)(-9), -9L },
        { Int128.MaxValue, (double)Int128.MaxValue },
        { (UInt128)9, 9L },
        { new BigInteger(long.MinValue), long.MinValue },
        { BigInteger.Pow(10, 30), 1e30 },
    };

    [Theory]
    [MemberData(nameof(Integers))]
    public void Integers_become_long_or_double_when_too_big(object value, object expected)
    {
        var normalized = PlainData.Normalize(value);

        Assert.Equal(expected.GetType(), normalized!.GetType());
        Assert.Equal(expected, normalized);
    }

    [Fact]
    public void Floats_decimals_and_halves_become_doubles()
    {
        Assert.Equal(1.1, PlainData.Normalize(1.1f));
        Assert.Equal(double.NaN, PlainData.Normalize(float.NaN));
        Assert.Equal(double.NegativeInfinity, PlainData.Normalize(float.NegativeInfinity));
        Assert.Equal(12.25, PlainData.Normalize(12.25m));
        Assert.Equal(0.5, PlainData.Normalize((Half)0.5));
    }

    [Fact]
    public void Text_like_values_become_invariant_strings()
    {
        var guid = Guid.Parse("0f8fad5b-d9cb-469f-a165-70867728950e");
        Assert.Equal("c", PlainData.Normalize('c'));
        Assert.Equal("0f8fad5b-d9cb-469f-a165-70867728950e", PlainData.Normalize(guid));
        Assert.Equal("2024-05-06T07:08:09.0000000Z", PlainData.Normalize(new DateTime(2024, 5, 6, 7, 8, 9, DateTimeKind.Utc)));
        Assert.Equal("2024-05-06T07:08:09.0000000+02:00", PlainData.Normalize(new DateTimeOffset(2024, 5, 6, 7, 8, 9, TimeSpan.FromHours(2))));
        Assert.Equal("2024-05-06", PlainData.Normalize(new DateOnly(2024, 5, 6)));
        Assert.Equal("07:08:09.0000000", PlainData.Normalize(new TimeOnly(7, 8, 9)));
        Assert.Equal("1.02:03:04.5000000", PlainData.Normalize(new TimeSpan(1, 2, 3, 4, 500)));
        Assert.Equal("http://x.test/a?b=1", PlainData.Normalize(new Uri("http://x.test/a?b=1")));
        Assert.Equal("AQID", PlainData.Normalize(new byte[] { 1, 2, 3 }));
    }

    [Fact]
    public void Enums_become_names_and_fastflow_enums_their_wire_names()
    {
        Assert.Equal("in_progress", PlainData.Normalize(FlowTaskStatus.InProgress));
        Assert.Equal("cancelled", PlainData.Normalize(RunStatus.Cancelled));
        Assert.Equal("all_success", PlainData.Normalize(TriggerRule.AllSuccess));
        Assert.Equal("Friday", PlainData.Normalize(DayOfWeek.Friday));
        Assert.Equal("Read, Delete", PlainData.Normalize(FileShare.Read | FileShare.Delete));
    }

    [Fact]
    public void Plain_scalars_pass_through_as_the_same_object()
    {
        object boxedLong = 5L;
        object boxedDouble = 2.5;
        object text = "s";
        object boxedBool = true;

        Assert.Same(boxedLong, PlainData.Normalize(boxedLong));
        Assert.Same(boxedDouble, PlainData.Normalize(boxedDouble));
        Assert.Same(text, PlainData.Normalize(text));
        Assert.Same(boxedBool, PlainData.Normalize(boxedBool));
        Assert.Null(PlainData.Normalize(null));
    }

    [Fact]
    public void Plain_maps_and_lists_are_not_copied()
    {
        var map = new Dictionary<string, object?> { ["a"] = new List<object?> { 1L, "x", null }, ["b"] = new Dictionary<string, object?>() };
        var ordinal = new Dictionary<string, object?>(StringComparer.Ordinal) { ["a"] = 1L };

        Assert.Same(map, PlainData.Normalize(map));
        Assert.Same(ordinal, PlainData.Normalize(ordinal));
        Assert.Same(map["a"], PlainData.Normalize(map["a"]));
    }

    [Fact]
    public void A_map_with_a_non_plain_value_is_copied_in_order_and_the_original_is_untouched()
    {
        var inner = new List<object?> { 1L };
        var map = new Dictionary<string, object?> { ["first"] = inner, ["second"] = 2, ["third"] = "t" };

        var normalized = Assert.IsType<Dictionary<string, object?>>(PlainData.Normalize(map));

        Assert.NotSame(map, normalized);
        Assert.Equal(["first", "second", "third"], normalized.Keys);
        Assert.Same(inner, normalized["first"]);
        Assert.Equal(2L, normalized["second"]);
        Assert.IsType<int>(map["second"]);
    }

    [Fact]
    public void A_list_with_a_non_plain_item_is_copied()
    {
        var list = new List<object?> { "a", 1, new[] { 2, 3 } };

        var normalized = Assert.IsType<List<object?>>(PlainData.Normalize(list));

        Assert.NotSame(list, normalized);
        Assert.Equal("a", normalized[0]);
        Assert.Equal(1L, normalized[1]);
        Assert.Equal(new List<object?> { 2L, 3L }, normalized[2]);
    }

    [Fact]
    public void A_map_with_a_case_insensitive_comparer_becomes_an_ordinal_map()
    {
        var map = new Dictionary<string, object?>(StringComparer.OrdinalIgnoreCase) { ["Key"] = 1L };

        var normalized = Assert.IsType<Dictionary<string, object?>>(PlainData.Normalize(map));

        Assert.NotSame(map, normalized);
        Assert.True(normalized.ContainsKey("Key"));
        Assert.False(normalized.ContainsKey("key"));
    }

    [Fact]
    public void Dictionaries_with_string_keys_become_maps()
    {
        var typed = new Dictionary<string, int> { ["b"] = 2, ["a"] = 1 };
        var sorted = new SortedDictionary<string, string> { ["z"] = "last", ["a"] = "first" };
        var hashtable = new Hashtable { ["k"] = 1.5f };
        var readOnly = new ReadOnlyMap(new Dictionary<string, int> { ["x"] = 9 });
        var immutable = ImmutableDictionary<string, object>.Empty.Add("i", 'c');

        Assert.Equal(Map(("b", 2L), ("a", 1L)), PlainData.Normalize(typed));
        Assert.Equal(["a", "z"], Assert.IsType<Dictionary<string, object?>>(PlainData.Normalize(sorted)).Keys);
        Assert.Equal(Map(("k", 1.5)), PlainData.Normalize(hashtable));
        Assert.Equal(Map(("x", 9L)), PlainData.Normalize(readOnly));
        Assert.Equal(Map(("i", "c")), PlainData.Normalize(immutable));
    }

    [Fact]
    public void Dictionaries_with_other_keys_get_string_keys_as_json_gives_them()
    {
        var byNumber = new Dictionary<int, string> { [1] = "one", [2] = "two" };

        Assert.Equal(Map(("1", "one"), ("2", "two")), PlainData.Normalize(byNumber));
    }

    [Fact]
    public void Enumerables_become_lists()
    {
        Assert.Equal(new List<object?> { 1L, 2L, 3L }, PlainData.Normalize(new[] { 1, 2, 3 }));
        Assert.Equal(new List<object?> { "a", null }, PlainData.Normalize(new List<string?> { "a", null }));
        Assert.Equal(new List<object?> { 0L, 2L, 4L }, PlainData.Normalize(Enumerable.Range(0, 3).Select(i => i * 2)));
        Assert.Equal(new List<object?> { 1L }, PlainData.Normalize(new HashSet<long> { 1 }));
        Assert.Equal(new List<object?> { new List<object?> { true } }, PlainData.Normalize(new[] { new[] { true } }));
    }

    [Fact]
    public void Json_values_become_plain_data()
    {
        using var document = JsonDocument.Parse("""{"a":[1,2.5]}""");
        var node = JsonNode.Parse("""{"a":[1,2.5],"b":null}""")!;
        var expected = Map(("a", new List<object?> { 1L, 2.5 }));

        Assert.Equal(expected, PlainData.Normalize(document.RootElement));
        Assert.Equal(expected, PlainData.Normalize(document));
        Assert.True(PlainData.DeepEquals(Map(("a", new List<object?> { 1L, 2.5 }), ("b", null)), PlainData.Normalize(node)));
        Assert.Equal(5L, PlainData.Normalize(JsonValue.Create(5)));
        Assert.Equal("s", PlainData.Normalize(JsonValue.Create("s")));
        Assert.Equal(new List<object?> { true, null }, PlainData.Normalize(new JsonArray(true, null)));
    }

    [Fact]
    public void Objects_go_through_system_text_json()
    {
        var anonymous = new { Name = "n", Count = 3, Tags = new[] { "t" }, Inner = new { Ok = true } };

        Assert.True(PlainData.DeepEquals(
            Map(("Name", "n"), ("Count", 3L), ("Tags", new List<object?> { "t" }), ("Inner", Map(("Ok", true)))),
            PlainData.Normalize(anonymous)));
        Assert.True(PlainData.DeepEquals(Map(("X", 1L), ("Y", double.NaN.ToString())), PlainData.Normalize(new Point(1, double.NaN))));
        Assert.True(PlainData.DeepEquals(Map(("Item1", 1L), ("Item2", "b")), PlainData.Normalize((1, "b"))));
        Assert.True(PlainData.DeepEquals(Map(("renamed", 1L)), PlainData.Normalize(new Renamed { Value = 1 })));
    }

    [Fact]
    public void A_list_that_contains_itself_is_refused()
    {
        var list = new List<object?> { 1 };
        list.Add(list);

        Assert.Throws<InvalidOperationException>(() => PlainData.Normalize(list));
    }

    [Fact]
    public void An_object_cycle_is_refused()
    {
        var node = new Node();
        node.Next = node;

        Assert.ThrowsAny<JsonException>(() => PlainData.Normalize(node));
    }

    [Fact]
    public void What_json_cannot_serialize_is_refused() =>
        Assert.ThrowsAny<NotSupportedException>(() => PlainData.Normalize(new Action(() => { })));

    private static Dictionary<string, object?> Map(params (string Key, object? Value)[] entries)
    {
        var map = new Dictionary<string, object?>(StringComparer.Ordinal);
        foreach (var (key, value) in entries)
        {
            map[key] = value;
        }

        return map;
    }

    private sealed record Point(int X, double Y);

    private sealed class Renamed
    {
        [JsonPropertyName("renamed")]
        public int Value { get; init; }
    }

    private sealed class Node
    {
        public Node? Next { get; set; }
    }

    /// <summary>A read-only dictionary that is not an IDictionary.</summary>
    private sealed class ReadOnlyMap(Dictionary<string, int> inner) : IReadOnlyDictionary<string, int>
    {
        public int this[string key] => inner[key];
        public IEnumerable<string> Keys => inner.Keys;
        public IEnumerable<int> Values => inner.Values;
        public int Count => inner.Count;
        public bool ContainsKey(string key) => inner.ContainsKey(key);
        public IEnumerator<KeyValuePair<string, int>> GetEnumerator() => inner.GetEnumerator();
        public bool TryGetValue(string key, out int value) => inner.TryGetValue(key, out value);
        IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();
    }
}
