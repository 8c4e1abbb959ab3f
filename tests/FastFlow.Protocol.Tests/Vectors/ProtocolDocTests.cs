using System.Globalization;
using System.Text.RegularExpressions;
using FastFlow.Protocol.Messages;

namespace FastFlow.Protocol.Tests.Vectors;

/// <summary>docs/protocol.md states what the code does: its error table and its message type
/// table name every code and type with the number, name, category and fatality of the code.</summary>
public sealed partial class ProtocolDocTests
{
    private static readonly string s_document = File.ReadAllText(ProtocolDocExamples.FilePath);

    [Fact]
    public void The_error_table_matches_the_error_codes()
    {
        var rows = ErrorRow().Matches(s_document).ToDictionary(
            match => int.Parse(match.Groups["code"].Value, CultureInfo.InvariantCulture),
            match => (Name: match.Groups["name"].Value, Category: match.Groups["category"].Value, Fatal: match.Groups["fatal"].Value == "yes"));
        var codes = Enum.GetValues<ErrorCode>();

        Assert.Equal(codes.Length, rows.Count);
        Assert.All(codes, code =>
        {
            Assert.True(rows.TryGetValue((int)code, out var row), $"docs/protocol.md has no row for error code {(int)code}.");
            Assert.Equal((ErrorCodes.Name(code), ErrorCodes.Category(code), ErrorCodes.IsFatal(code)), row);
        });
    }

    [Fact]
    public void The_message_type_table_matches_the_type_bytes()
    {
        var rows = TypeRow().Matches(s_document).ToDictionary(
            match => byte.Parse(match.Groups["type"].Value, NumberStyles.HexNumber, CultureInfo.InvariantCulture),
            match => match.Groups["name"].Value);
        var types = Enum.GetValues<MessageType>();

        Assert.Equal(types.Length, rows.Count);
        Assert.All(types, type => Assert.Equal(MessageCodec.NameOf(type), rows[(byte)type]));
    }

    [Fact]
    public void The_generated_tables_are_there()
    {
        Assert.All(Enum.GetValues<MessageType>(), type =>
            Assert.Contains($"#### `{MessageCodec.NameOf(type)}`\n\nType `0x{(byte)type:x2}`", s_document, StringComparison.Ordinal));
        Assert.Contains("#### `leased_task`", s_document, StringComparison.Ordinal);
    }

    [GeneratedRegex(@"^\| (?<code>\d+) \| `(?<name>[a-z_]+)` \| (?<category>[a-z_]+) \| (?<fatal>yes|no) \|", RegexOptions.Multiline)]
    private static partial Regex ErrorRow();

    [GeneratedRegex(@"^\| `0x(?<type>[0-9a-f]{2})` \| \[`(?<name>[a-z_]+)`\]", RegexOptions.Multiline)]
    private static partial Regex TypeRow();
}
