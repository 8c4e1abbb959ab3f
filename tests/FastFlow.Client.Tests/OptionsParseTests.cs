using CsCheck;

namespace FastFlow.Client.Tests;

/// <summary>Reading a server address as users type it.</summary>
public sealed class OptionsParseTests
{
    [Theory]
    [InlineData("127.0.0.1:7401", "127.0.0.1", 7401)]
    [InlineData("localhost", "localhost", 7400)]
    [InlineData("  fastflow.internal:9000 ", "fastflow.internal", 9000)]
    [InlineData("[::1]:7402", "::1", 7402)]
    [InlineData("[::1]", "::1", 7400)]
    [InlineData("::1", "::1", 7400)]
    [InlineData("fe80::1", "fe80::1", 7400)]
    public void Valid_addresses_give_host_and_port(string endpoint, string host, int port)
    {
        var options = FastFlowClientOptions.Parse(endpoint, "tok");
        Assert.Equal((host, port, "tok"), (options.Host, options.Port, options.Token));
    }

    [Theory]
    [InlineData("", "empty")]
    [InlineData("   ", "empty")]
    [InlineData("host:", "port ''")]
    [InlineData("host:abc", "port 'abc'")]
    [InlineData("host:0", "port '0'")]
    [InlineData("host:65536", "port '65536'")]
    [InlineData("host:-1", "port '-1'")]
    [InlineData(":7400", "host before the port is empty")]
    [InlineData("[::1:7400", "no closing ']'")]
    [InlineData("[::1]7400", "after ']'")]
    [InlineData("[nothost]:7400", "not an IPv6 address")]
    [InlineData("a:b:c", "several ':'")]
    [InlineData("tcp://host:7400", "scheme")]
    [InlineData("my host:7400", "space")]
    public void Invalid_addresses_say_what_is_wrong_and_show_the_form(string endpoint, string why)
    {
        var error = Assert.Throws<FormatException>(() => FastFlowClientOptions.Parse(endpoint));
        Assert.Contains(why, error.Message, StringComparison.Ordinal);
        Assert.Contains("host:port", error.Message, StringComparison.Ordinal);
        Assert.Contains($"'{endpoint}'", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Any_host_and_port_round_trip_through_ToString_and_Parse()
    {
        var hosts = Gen.OneOf(
            Gen.Char["abcdefghijklmnopqrstuvwxyz0123456789-."].Array[1, 30].Select(chars => new string(chars)),
            Gen.Byte.Array[4].Select(bytes => new System.Net.IPAddress(bytes).ToString()),
            Gen.Byte.Array[16].Select(bytes => new System.Net.IPAddress(bytes).ToString()));
        Gen.Select(hosts, Gen.Int[1, 65535]).Sample((host, port) =>
        {
            var text = new FastFlowClientOptions { Host = host, Port = port }.ToString();
            var parsed = FastFlowClientOptions.Parse(text);
            Assert.Equal((host, port), (parsed.Host, parsed.Port));
        });
    }

    [Fact]
    public void Any_text_either_parses_or_throws_a_format_exception()
    {
        Gen.String.Sample(text =>
        {
            try
            {
                var options = FastFlowClientOptions.Parse(text);
                Assert.False(string.IsNullOrWhiteSpace(options.Host));
                Assert.InRange(options.Port, 1, 65535);
            }
            catch (FormatException)
            {
            }
        });
    }
}
