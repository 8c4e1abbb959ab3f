using System.Text.Json;
using System.Text.Json.Serialization;

namespace FastFlow.Protocol.Tests.Vectors;

/// <summary>The frames of docs/protocol-vectors.json, which the protocol's, the server's and the
/// client's tests share. Link this file into another test project with
/// <c>&lt;Compile Include="..\FastFlow.Protocol.Tests\Vectors\ProtocolVectors.cs" Link="Vectors\ProtocolVectors.cs" /&gt;</c>;
/// it needs nothing but the base library.</summary>
public static class ProtocolVectors
{
    /// <summary>The vectors file, relative to the repository root.</summary>
    public const string RelativePath = "docs/protocol-vectors.json";

    /// <summary>The frame limit a reader uses unless a vector names another.</summary>
    public const int DefaultMaxFrame = 4 * 1024 * 1024;

    private static readonly Lazy<IReadOnlyList<Vector>> s_all = new(() => Parse(File.ReadAllText(FilePath)));

    /// <summary>Where the vectors file is on this machine.</summary>
    public static string FilePath => Path.Combine(RepositoryRoot(), RelativePath);

    /// <summary>Every vector, in file order (read once per test run).</summary>
    public static IReadOnlyList<Vector> Load() => s_all.Value;

    /// <summary>The vector named <paramref name="name"/>.</summary>
    public static Vector Get(string name) =>
        Load().FirstOrDefault(vector => vector.Name == name)
        ?? throw new KeyNotFoundException($"{RelativePath} has no vector named '{name}'.");

    /// <summary>Reads vectors from the file's JSON text.</summary>
    public static IReadOnlyList<Vector> Parse(string json) =>
        JsonSerializer.Deserialize<List<Vector>>(json, s_options)
        ?? throw new InvalidDataException($"{RelativePath} is not a JSON array of vectors.");

    /// <summary>The folder holding FastFlow.sln, found by walking up from the test assembly.</summary>
    public static string RepositoryRoot()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "FastFlow.sln")))
            {
                return directory.FullName;
            }
        }

        throw new DirectoryNotFoundException($"No folder above {AppContext.BaseDirectory} holds FastFlow.sln.");
    }

    private static readonly JsonSerializerOptions s_options = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
        WriteIndented = true,
    };

    /// <summary>One frame of the vectors file.</summary>
    /// <param name="Name">A unique name, such as <c>ping</c> or <c>invalid_too_deep_inputs</c>.</param>
    /// <param name="Direction"><c>client</c> (sent to the server) or <c>server</c> (sent to the client).</param>
    /// <param name="Type">The snake_case message type of the type byte (<c>unknown</c> when none has it).</param>
    /// <param name="RequestId">The header's request id.</param>
    /// <param name="Flags">The header's flags byte.</param>
    /// <param name="Hex">The whole frame, header included, as lowercase hex.</param>
    /// <param name="Meaning">What the frame says, in words.</param>
    /// <param name="Error">For an invalid frame: the snake_case name of the error code a reader
    /// must answer with; null for a valid frame.</param>
    /// <param name="MaxFrame">For an invalid frame: the frame limit the reader applies (the
    /// 16 KiB handshake limit, or the 4 MiB default).</param>
    public sealed record Vector(
        string Name,
        string Direction,
        string Type,
        uint RequestId,
        byte Flags,
        string Hex,
        string Meaning,
        string? Error = null,
        int? MaxFrame = null)
    {
        /// <summary>Whether a reader must accept the frame.</summary>
        [JsonIgnore]
        public bool IsValid => Error is null;

        /// <summary>The frame's bytes.</summary>
        [JsonIgnore]
        public byte[] Bytes => Convert.FromHexString(Hex);

        /// <summary>The frame limit to read it with.</summary>
        [JsonIgnore]
        public int FrameLimit => MaxFrame ?? DefaultMaxFrame;

        /// <inheritdoc/>
        public override string ToString() => Name;
    }

    /// <summary>Writes vectors as the file's JSON text (used by the regeneration mode).</summary>
    public static string Format(IEnumerable<Vector> vectors) => JsonSerializer.Serialize(vectors.ToList(), s_options) + "\n";
}
