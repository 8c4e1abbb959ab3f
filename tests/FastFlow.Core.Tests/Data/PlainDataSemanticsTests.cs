using CsCheck;
using FastFlow.Data;

namespace FastFlow.Core.Tests.Data;

public sealed class PlainDataSemanticsTests
{
    public static TheoryData<object?, string> TypeNames => new()
    {
        { null, "null" },
        { true, "boolean" },
        { 1L, "integer" },
        { 1.0, "number" },
        { "", "string" },
        { new Dictionary<string, object?>(), "object" },
        { new List<object?>(), "array" },
        { 3, "integer" },
        { 2.5f, "number" },
        { new[] { 1 }, "array" },
        { new { A = 1 }, "object" },
    };

    [Theory]
    [MemberData(nameof(TypeNames))]
    public void TypeName_names_each_kind(object? value, string expected) =>
        Assert.Equal(expected, PlainData.TypeName(value));

    public static TheoryData<object?, bool> Truthiness => new()
    {
        { null, false },
        { false, false },
        { true, true },
        { 0L, false },
        { -1L, true },
        { 0.0, false },
        { -0.0, false },
        { double.NaN, false },
        { 0.001, true },
        { "", false },
        { "false", true },
        { "0", true },
        { new List<object?>(), false },
        { new List<object?> { null }, true },
        { new Dictionary<string, object?>(), false },
        { new Dictionary<string, object?> { ["a"] = null }, true },
        { 0, false },
        { 7, true },
        { Array.Empty<int>(), false },
    };

    [Theory]
    [MemberData(nameof(Truthiness))]
    public void IsTruthy_follows_the_documented_table(object? value, bool expected) =>
        Assert.Equal(expected, PlainData.IsTruthy(value));

    public static TheoryData<object?, object?, bool> Equalities => new()
    {
        { null, null, true },
        { null, 0L, false },
        { 2L, 2.0, true },
        { 2.0, 2L, true },
        { 2L, 2.5, false },
        { long.MaxValue, 9.223372036854775807E18, false },
        { long.MinValue, -9.223372036854775808E18, true },
        { 9007199254740993L, 9007199254740992.0, false },
        { double.NaN, double.NaN, true },
        { 0.0, -0.0, true },
        { 1L, "1", false },
        { true, 1L, false },
        { "a", "A", false },
        { "é", "é", true },
        { 3, 3L, true },
        { new[] { 1, 2 }, new List<object?> { 1L, 2.0 }, true },
        { new List<object?> { 1L, 2L }, new List<object?> { 2L, 1L }, false },
        { new List<object?> { 1L }, new List<object?> { 1L, 1L }, false },
        { new List<object?>(), new Dictionary<string, object?>(), false },
    };

    [Theory]
    [MemberData(nameof(Equalities))]
    public void DeepEquals_compares_numbers_by_value_and_everything_else_by_structure(object? a, object? b, bool expected)
    {
        Assert.Equal(expected, PlainData.DeepEquals(a, b));
        Assert.Equal(expected, PlainData.DeepEquals(b, a));
    }

    [Fact]
    public void DeepEquals_ignores_map_order_but_not_keys_or_values()
    {
        var a = new Dictionary<string, object?> { ["x"] = 1L, ["y"] = new List<object?> { "s" } };
        var reordered = new Dictionary<string, object?> { ["y"] = new List<object?> { "s" }, ["x"] = 1.0 };
        var otherKey = new Dictionary<string, object?> { ["x"] = 1L, ["z"] = new List<object?> { "s" } };
        var otherValue = new Dictionary<string, object?> { ["x"] = 1L, ["y"] = new List<object?> { "t" } };

        Assert.True(PlainData.DeepEquals(a, reordered));
        Assert.False(PlainData.DeepEquals(a, otherKey));
        Assert.False(PlainData.DeepEquals(a, otherValue));
    }

    [Fact]
    public void DeepEquals_is_reflexive_and_symmetric_over_random_values() =>
        Gen.Select(PlainDataGen.Value(3), PlainDataGen.Value(3)).Sample((a, b) =>
            PlainData.DeepEquals(a, a)
            && PlainData.DeepEquals(a, PlainData.ParseJson(PlainData.ToJson(a)))
            && PlainData.DeepEquals(a, b) == PlainData.DeepEquals(b, a), iter: 1000);
}
