using System.Text;
using System.Text.Json;
using CsCheck;
using FastFlow.Data;

namespace FastFlow.Core.Tests.Data;

public sealed class PlainDataJsonTests
{
    [Fact]
    public void ParseJson_maps_each_json_kind_to_its_plain_type()
    {
        var value = PlainData.ParseJson("""{"s":"x","i":2,"d":2.0,"e":1e2,"big":123456789012345678901234,"t":true,"f":false,"n":null,"a":[1,"b"],"o":{"k":-3}}""");

        var map = Assert.IsType<Dictionary<string, object?>>(value);
        Assert.Equal("x", map["s"]);
        Assert.Equal(2L, Assert.IsType<long>(map["i"]));
        Assert.Equal(2.0, Assert.IsType<double>(map["d"]));
        Assert.Equal(100.0, Assert.IsType<double>(map["e"]));
        Assert.Equal(1.2345678901234568E+23, Assert.IsType<double>(map["big"]));
        Assert.Equal(true, map["t"]);
        Assert.Equal(false, map["f"]);
        Assert.True(map.ContainsKey("n"));
        Assert.Null(map["n"]);
        Assert.Equal(new List<object?> { 1L, "b" }, Assert.IsType<List<object?>>(map["a"]));
        Assert.Equal(-3L, Assert.IsType<Dictionary<string, object?>>(map["o"])["k"]);
    }

    [Fact]
    public void ParseJson_keeps_key_order_and_the_last_of_a_repeated_key()
    {
        var map = Assert.IsType<Dictionary<string, object?>>(PlainData.ParseJson("""{"z":1,"a":2,"m":3,"a":4}"""));

        Assert.Equal(["z", "a", "m"], map.Keys);
        Assert.Equal(4L, map["a"]);
    }

    [Fact]
    public void ParseJson_keys_are_ordinal()
    {
        var map = Assert.IsType<Dictionary<string, object?>>(PlainData.ParseJson("""{"Key":1,"key":2}"""));

        Assert.Equal(2, map.Count);
        Assert.False(map.ContainsKey("KEY"));
    }

    [Fact]
    public void ParseJson_reports_the_position_of_bad_json()
    {
        var error = Assert.ThrowsAny<JsonException>(() => PlainData.ParseJson("{\n  \"a\": tru }"));

        Assert.Equal(1, error.LineNumber);
        Assert.NotNull(error.BytePositionInLine);
        Assert.InRange(error.BytePositionInLine!.Value, 7, 11);
    }

    [Theory]
    [InlineData("")]
    [InlineData("{")]
    [InlineData("[1,]")]
    [InlineData("{'a':1}")]
    [InlineData("// comment\n1")]
    [InlineData("1 2")]
    public void TryParseJson_refuses_what_is_not_strict_json(string text)
    {
        Assert.False(PlainData.TryParseJson(text, out var value));
        Assert.Null(value);
    }

    [Fact]
    public void TryParseJson_accepts_valid_json()
    {
        Assert.True(PlainData.TryParseJson("[1, 2.5]", out var value));
        Assert.Equal(new List<object?> { 1L, 2.5 }, value);
    }

    [Fact]
    public void FromJson_refuses_an_undefined_element() =>
        Assert.Throws<ArgumentException>(() => PlainData.FromJson(default));

    [Theory]
    [InlineData(2.0, "2.0")]
    [InlineData(-0.0, "-0.0")]
    [InlineData(0.1, "0.1")]
    [InlineData(1e20, "1E+20")]
    [InlineData(123456789012.0, "123456789012.0")]
    [InlineData(double.NaN, "\"NaN\"")]
    [InlineData(double.PositiveInfinity, "\"Infinity\"")]
    [InlineData(double.NegativeInfinity, "\"-Infinity\"")]
    public void ToJson_writes_doubles_so_that_they_read_back_as_numbers(double value, string expected)
    {
        Assert.Equal(expected, PlainData.ToJson(value));
        Assert.Equal(expected, PlainData.ToJson(new List<object?> { value })[1..^1]);
    }

    [Fact]
    public void ToJson_writes_whole_doubles_as_doubles_and_integers_as_integers()
    {
        var text = PlainData.ToJson(new List<object?> { 2L, 2.0 });

        Assert.Equal("[2,2.0]", text);
        var back = Assert.IsType<List<object?>>(PlainData.ParseJson(text));
        Assert.IsType<long>(back[0]);
        Assert.IsType<double>(back[1]);
    }

    [Fact]
    public void ToJson_writes_scalars_maps_and_lists()
    {
        var value = new Dictionary<string, object?>
        {
            ["b"] = true,
            ["n"] = null,
            ["s"] = "é \"q\" <tag>",
            ["l"] = new List<object?> { 1L, new Dictionary<string, object?>() },
        };

        Assert.Equal("""{"b":true,"n":null,"s":"é \"q\" <tag>","l":[1,{}]}""", PlainData.ToJson(value));
        Assert.Equal("null", PlainData.ToJson(null));
        Assert.Equal("false", PlainData.ToJson(false));
        Assert.Equal("-42", PlainData.ToJson(-42L));
        Assert.Equal("\"x\"", PlainData.ToJson("x"));
    }

    [Fact]
    public void ToJson_indents_on_request()
    {
        var text = PlainData.ToJson(new Dictionary<string, object?> { ["a"] = new List<object?> { 1L } }, indented: true);

        Assert.Equal("{\n  \"a\": [\n    1\n  ]\n}", text.ReplaceLineEndings("\n"));
    }

    [Fact]
    public void ToJson_normalizes_values_that_are_not_plain()
    {
        var value = new Dictionary<string, object?> { ["i"] = 3, ["poco"] = new Point(1, 2.5), ["e"] = FlowTaskStatus.InProgress };

        Assert.Equal("""{"i":3,"poco":{"X":1,"Y":2.5},"e":"in_progress"}""", PlainData.ToJson(value));
    }

    [Fact]
    public void WriteJson_writes_into_a_callers_writer()
    {
        using var stream = new MemoryStream();
        using (var writer = new Utf8JsonWriter(stream))
        {
            writer.WriteStartObject();
            writer.WritePropertyName("v");
            PlainData.WriteJson(writer, new List<object?> { 1.5, "x" });
            writer.WritePropertyName("w");
            PlainData.WriteJson(writer, 3.0);
            writer.WriteEndObject();
        }

        Assert.Equal("""{"v":[1.5,"x"],"w":3.0}""", Encoding.UTF8.GetString(stream.ToArray()));
    }

    [Fact]
    public void ToJson_refuses_a_list_that_contains_itself()
    {
        var list = new List<object?>();
        list.Add(list);

        Assert.Throws<InvalidOperationException>(() => PlainData.ToJson(list));
    }

    [Fact]
    public void Round_trip_keeps_every_plain_value_and_its_type() =>
        PlainDataGen.Value(4).Sample(value =>
        {
            var back = PlainData.ParseJson(PlainData.ToJson(value));
            Assert.True(PlainData.DeepEquals(value, back));
            Assert.True(PlainDataGen.SameTyped(value, back), PlainData.ToJson(value));
        }, iter: 2000);

    [Fact]
    public void Round_trip_through_indented_json_keeps_every_plain_value() =>
        PlainDataGen.Value(3).Sample(value =>
            PlainDataGen.SameTyped(value, PlainData.ParseJson(PlainData.ToJson(value, indented: true))), iter: 500);

    private sealed record Point(int X, double Y);
}
