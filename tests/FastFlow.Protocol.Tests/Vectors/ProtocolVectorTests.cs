using System.Buffers;
using FastFlow.Protocol.Framing;
using FastFlow.Protocol.Messages;
using FastFlow.Protocol.Payloads;

namespace FastFlow.Protocol.Tests.Vectors;

/// <summary>docs/protocol-vectors.json against the codecs. With <c>FASTFLOW_WRITE_VECTORS=1</c> the
/// file (and the examples of docs/protocol.md) are rewritten from the codecs instead of checked.</summary>
public sealed class ProtocolVectorTests
{
    public static TheoryData<string> ValidNames() => Names(valid: true);

    public static TheoryData<string> InvalidNames() => Names(valid: false);

    [Fact]
    public void The_file_is_what_the_codecs_write()
    {
        var expected = ProtocolVectors.Format(VectorCatalog.Build());
        if (Environment.GetEnvironmentVariable("FASTFLOW_WRITE_VECTORS") == "1")
        {
            File.WriteAllText(ProtocolVectors.FilePath, expected);
        }

        var actual = File.ReadAllText(ProtocolVectors.FilePath);
        Assert.True(expected == actual,
            $"{ProtocolVectors.RelativePath} differs from what the codecs write. If the change is intended, regenerate it: FASTFLOW_WRITE_VECTORS=1 dotnet test tests/FastFlow.Protocol.Tests --filter FullyQualifiedName~ProtocolVectorTests");
    }

    [Fact]
    public void The_examples_of_protocol_md_are_what_the_codecs_write()
    {
        var expected = ProtocolDocExamples.Build(VectorCatalog.Build());
        var document = File.ReadAllText(ProtocolDocExamples.FilePath);
        if (Environment.GetEnvironmentVariable("FASTFLOW_WRITE_VECTORS") == "1")
        {
            document = ProtocolDocExamples.Replace(document, expected);
            File.WriteAllText(ProtocolDocExamples.FilePath, document);
        }

        Assert.True(expected == ProtocolDocExamples.Current(document),
            $"The examples in {ProtocolDocExamples.RelativePath} differ from what the codecs write. If the change is intended, regenerate them: FASTFLOW_WRITE_VECTORS=1 dotnet test tests/FastFlow.Protocol.Tests --filter FullyQualifiedName~ProtocolVectorTests");
    }

    [Fact]
    public void Every_message_type_has_a_valid_vector()
    {
        var covered = ProtocolVectors.Load().Where(vector => vector.IsValid).Select(vector => vector.Type).ToHashSet();
        var missing = Enum.GetValues<MessageType>().Select(MessageCodec.NameOf).Where(name => !covered.Contains(name)).ToList();
        Assert.Empty(missing);
    }

    [Fact]
    public void Names_are_unique()
    {
        var names = ProtocolVectors.Load().Select(vector => vector.Name).ToList();
        Assert.Equal(names.Count, names.Distinct().Count());
    }

    [Theory]
    [MemberData(nameof(ValidNames))]
    public void A_valid_vector_decodes_and_encodes_to_the_same_bytes(string name)
    {
        var vector = ProtocolVectors.Get(name);
        var sequence = new ReadOnlySequence<byte>(vector.Bytes);

        Assert.Equal(FrameReadStatus.Frame, FrameReader.TryRead(ref sequence, ProtocolVectors.DefaultMaxFrame, out var frame));
        Assert.True(sequence.IsEmpty, "the vector is exactly one frame");
        Assert.Equal(vector.RequestId, frame.RequestId);
        Assert.Equal(vector.Flags, (byte)frame.Header.Flags);
        Assert.Equal(vector.Type, MessageCodec.NameOf(frame.Type));
        Assert.Equal(vector.Direction, (byte)frame.Type >= 0x80 ? "server" : "client");

        var message = MessageCodec.Decode(frame, DecodeLimits.Default);
        var compressAbove = (frame.Header.Flags & FrameFlags.Compressed) != 0 ? 1 : 0;
        var again = VectorCatalog.Encode(message, frame.RequestId, frame.Header.Flags & ~FrameFlags.Compressed, compressAbove);
        Assert.Equal(vector.Hex, Convert.ToHexStringLower(again));
    }

    [Theory]
    [MemberData(nameof(InvalidNames))]
    public void An_invalid_vector_fails_with_its_error(string name)
    {
        var vector = ProtocolVectors.Get(name);
        Assert.Equal(vector.Error, ReadError(vector.Bytes, vector.FrameLimit));
    }

    [Fact]
    public void Invalid_vectors_name_real_error_codes()
    {
        var names = Enum.GetValues<ErrorCode>().Select(ErrorCodes.Name).ToHashSet();
        Assert.All(ProtocolVectors.Load().Where(vector => !vector.IsValid), vector => Assert.Contains(vector.Error!, names));
    }

    /// <summary>What a reader answers to <paramref name="bytes"/>: the error code's name, "ok"
    /// when every frame decodes, "incomplete" when a frame is cut short.</summary>
    internal static string ReadError(byte[] bytes, int maxFrame)
    {
        var sequence = new ReadOnlySequence<byte>(bytes);
        while (!sequence.IsEmpty)
        {
            switch (FrameReader.TryRead(ref sequence, maxFrame, out var frame))
            {
                case FrameReadStatus.Frame:
                    try
                    {
                        MessageCodec.Decode(frame, DecodeLimits.Default);
                    }
                    catch (ProtocolException exception)
                    {
                        return ErrorCodes.Name(exception.Code);
                    }

                    break;
                case FrameReadStatus.TooLarge:
                    return ErrorCodes.Name(ErrorCode.FrameTooLarge);
                case FrameReadStatus.TooShort:
                    return ErrorCodes.Name(ErrorCode.BadFrame);
                case FrameReadStatus.UnsupportedVersion:
                    return ErrorCodes.Name(ErrorCode.UnsupportedVersion);
                default:
                    return "incomplete";
            }
        }

        return "ok";
    }

    private static TheoryData<string> Names(bool valid)
    {
        var data = new TheoryData<string>();
        foreach (var vector in ProtocolVectors.Load().Where(vector => vector.IsValid == valid))
        {
            data.Add(vector.Name);
        }

        return data;
    }
}
