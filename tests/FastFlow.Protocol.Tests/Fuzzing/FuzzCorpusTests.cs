using System.Buffers.Binary;
using System.Globalization;
using CsCheck;
using FastFlow.Protocol.Fuzz;
using FastFlow.Protocol.Tests.Vectors;

namespace FastFlow.Protocol.Tests.Fuzzing;

/// <summary>The fuzz target's contract, in the test run: every input of the regression corpus,
/// every vector and random mutations of them end in frames or a <see cref="ProtocolException"/>,
/// never in another exception (the target also checks that segmenting changes nothing and that
/// what decodes re-encodes stably). <c>FASTFLOW_FUZZ_SECONDS=N</c> turns the mutation test into
/// an N-second run; afl++ runs the same target: tools/fuzz-protocol.sh.</summary>
public sealed class FuzzCorpusTests
{
    private static readonly string s_corpus = Path.Combine(ProtocolVectors.RepositoryRoot(), "tests", "FastFlow.Protocol.Tests", "Fuzzing", "Corpus");

    private static readonly byte[][] s_seeds = ProtocolVectors.Load().Select(vector => vector.Bytes)
        .Concat(CorpusFiles().Select(File.ReadAllBytes)).ToArray();

    [Fact]
    public void Every_corpus_input_ends_in_frames_or_a_protocol_error()
    {
        var failures = new List<string>();
        foreach (var path in CorpusFiles())
        {
            try
            {
                ProtocolFuzzTarget.Run(File.ReadAllBytes(path));
            }
            catch (Exception exception) when (exception is not ProtocolException)
            {
                failures.Add($"{Path.GetFileName(path)}: {exception}");
            }
        }

        Assert.Empty(failures);
    }

    [Fact]
    public void Every_vector_reads_in_the_fuzz_target_as_its_test_says()
    {
        foreach (var vector in ProtocolVectors.Load().Where(vector => vector.FrameLimit == ProtocolVectors.DefaultMaxFrame))
        {
            var outcome = ProtocolFuzzTarget.Run(vector.Bytes);
            var expected = vector.IsValid ? "1 frames" : vector.Error;
            Assert.True(outcome.EndsWith(Expected(vector), StringComparison.Ordinal) || outcome == expected, $"{vector.Name}: {outcome}");
        }
    }

    [Fact]
    public void Mutated_frames_end_in_frames_or_a_protocol_error()
    {
        var seconds = int.TryParse(Environment.GetEnvironmentVariable("FASTFLOW_FUZZ_SECONDS"), NumberStyles.None, CultureInfo.InvariantCulture, out var n) ? n : 0;
        var inputs = Gen.Select(Gen.Int[0, s_seeds.Length - 1], Gen.Int, Gen.Int[1, 8]).Select(input => Mutate(s_seeds[input.Item1], new Random(input.Item2), input.Item3));
        if (seconds > 0)
        {
            inputs.Sample(input => ProtocolFuzzTarget.Run(input), time: seconds, print: Convert.ToHexStringLower);
        }
        else
        {
            inputs.Sample(input => ProtocolFuzzTarget.Run(input), iter: 4000, print: Convert.ToHexStringLower);
        }
    }

    [Fact]
    public void Random_bytes_end_in_frames_or_a_protocol_error()
    {
        // Random headers in front of random payloads, so the decoders are reached, not just the framing.
        Gen.Select(Gen.Byte, Gen.Byte, Gen.Byte.Array[0, 200], Gen.Byte.Array[0, 40]).Sample(input =>
        {
            var (type, flags, payload, tail) = input;
            var bytes = new byte[11 + payload.Length + tail.Length];
            BinaryPrimitives.WriteUInt32BigEndian(bytes, (uint)(7 + payload.Length));
            bytes[4] = 1;
            bytes[5] = type;
            bytes[6] = (byte)(flags & 0x03);
            payload.CopyTo(bytes, 11);
            tail.CopyTo(bytes, 11 + payload.Length);
            ProtocolFuzzTarget.Run(bytes);
            ProtocolFuzzTarget.Run([.. tail, .. payload]);
        }, iter: 5000, print: input => Convert.ToHexStringLower(input.Item3));
    }

    /// <summary>Applies <paramref name="count"/> mutations: byte flips, inserts, deletes,
    /// truncation, a new length prefix, a container opened deep, duplicated frames.</summary>
    internal static byte[] Mutate(byte[] seed, Random random, int count)
    {
        var bytes = seed.ToList();
        for (var i = 0; i < count; i++)
        {
            var at = bytes.Count == 0 ? 0 : random.Next(bytes.Count);
            switch (random.Next(8))
            {
                case 0 when bytes.Count > 0:
                    bytes[at] ^= (byte)(1 << random.Next(8));
                    break;
                case 1 when bytes.Count > 0:
                    bytes[at] = (byte)random.Next(256);
                    break;
                case 2:
                    bytes.Insert(at, s_interesting[random.Next(s_interesting.Length)]);
                    break;
                case 3 when bytes.Count > 0:
                    bytes.RemoveRange(at, Math.Min(bytes.Count - at, random.Next(1, 5)));
                    break;
                case 4:
                    bytes.RemoveRange(at, bytes.Count - at);
                    break;
                case 5 when bytes.Count >= 4:
                    // A length prefix that disagrees with the bytes: shorter, longer or huge.
                    var length = random.Next(3) switch { 0 => (uint)random.Next(0, bytes.Count), 1 => (uint)(bytes.Count + random.Next(1, 9)), _ => (uint)random.NextInt64(0, uint.MaxValue) };
                    var prefix = new byte[4];
                    BinaryPrimitives.WriteUInt32BigEndian(prefix, length);
                    bytes.RemoveRange(0, 4);
                    bytes.InsertRange(0, prefix);
                    break;
                case 6:
                    // Open many containers in a row, then fix the length prefix to cover them.
                    bytes.InsertRange(Math.Max(at, Math.Min(11, bytes.Count)), Enumerable.Repeat(random.Next(2) == 0 ? (byte)0x91 : (byte)0xDC, random.Next(1, 64)));
                    FixLength(bytes);
                    break;
                default:
                    bytes.AddRange(seed);
                    break;
            }
        }

        return [.. bytes];
    }

    private static readonly byte[] s_interesting = [0x00, 0x7F, 0x80, 0x8F, 0x90, 0x9F, 0xA0, 0xBF, 0xC0, 0xC1, 0xC2, 0xC3, 0xC4, 0xCA, 0xCB, 0xCF, 0xD3, 0xD4, 0xD9, 0xDA, 0xDB, 0xDC, 0xDD, 0xDE, 0xDF, 0xE0, 0xFF];

    private static void FixLength(List<byte> bytes)
    {
        if (bytes.Count >= 11)
        {
            var prefix = new byte[4];
            BinaryPrimitives.WriteUInt32BigEndian(prefix, (uint)(bytes.Count - 4));
            for (var i = 0; i < 4; i++)
            {
                bytes[i] = prefix[i];
            }
        }
    }

    private static string Expected(ProtocolVectors.Vector vector) => vector.Error switch
    {
        null => "1 frames",
        "frame_too_large" => "TooLarge",
        "bad_frame" when vector.Hex.Length < 22 => "TooShort",
        "unsupported_version" => "UnsupportedVersion",
        var error => error,
    };

    private static IEnumerable<string> CorpusFiles() =>
        Directory.Exists(s_corpus)
            ? Directory.GetFiles(s_corpus).Where(path => !path.EndsWith(".md", StringComparison.Ordinal)).Order(StringComparer.Ordinal)
            : [];
}
