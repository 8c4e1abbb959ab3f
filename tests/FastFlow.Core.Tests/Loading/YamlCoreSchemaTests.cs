using FastFlow.Definitions.Loading;

namespace FastFlow.Core.Tests.Loading;

public sealed class YamlCoreSchemaTests
{
    public static TheoryData<string, object?> Plain => new()
    {
        { "", null },
        { "~", null },
        { "null", null },
        { "NULL", null },
        { "true", true },
        { "False", false },
        { "TRUE", true },
        { "0", 0L },
        { "-17", -17L },
        { "+5", 5L },
        { "0o17", 15L },
        { "0x1F", 31L },
        { "9223372036854775807", long.MaxValue },
        { "9223372036854775808", 9223372036854775808d },
        { "2.5", 2.5d },
        { "2.0", 2.0d },
        { "5.", 5.0d },
        { ".5", 0.5d },
        { "1e3", 1000d },
        { "-1.5E-2", -0.015d },
        { ".inf", double.PositiveInfinity },
        { "-.Inf", double.NegativeInfinity },
        { "yes", "yes" },
        { "no", "no" },
        { "on", "on" },
        { "0x", "0x" },
        { "0xZZ", "0xZZ" },
        { "1.2.3", "1.2.3" },
        { "-", "-" },
        { ".", "." },
        { "1e", "1e" },
        { "12:30", "12:30" },
        { "nullable", "nullable" },
    };

    [Theory]
    [MemberData(nameof(Plain))]
    public void Plain_scalars_resolve_by_the_core_schema(string text, object? expected)
    {
        var value = YamlCoreSchema.Resolve(text);

        Assert.Equal(expected?.GetType(), value?.GetType());
        Assert.Equal(expected, value);
    }

    [Fact]
    public void Nan_resolves_to_a_double_nan()
    {
        Assert.True(double.IsNaN((double)YamlCoreSchema.Resolve(".nan")!));
    }
}
