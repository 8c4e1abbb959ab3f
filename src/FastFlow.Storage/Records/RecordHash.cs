using System.Buffers.Binary;
using System.IO.Hashing;
using System.Security.Cryptography;

namespace FastFlow.Storage.Records;

/// <summary>The hash trailer: one-shot hashing of the header and payload span.</summary>
internal static class RecordHash
{
    /// <summary>Length of an XXH3 hash in bytes.</summary>
    public const int XxHash3Length = 8;

    /// <summary>Length of a SHA-256 digest in bytes.</summary>
    public const int Sha256Length = 32;

    /// <summary>The longest hash of any algorithm.</summary>
    public const int MaxLength = Sha256Length;

    /// <summary>Whether <paramref name="algorithm"/> is one this build computes.</summary>
    public static bool IsKnown(HashAlgorithmKind algorithm) =>
        algorithm is HashAlgorithmKind.XxHash3 or HashAlgorithmKind.Sha256;

    /// <summary>The hash length of a known algorithm.</summary>
    public static int GetLength(HashAlgorithmKind algorithm) =>
        algorithm == HashAlgorithmKind.Sha256 ? Sha256Length : XxHash3Length;

    /// <summary>Hashes <paramref name="source"/> into the first <see cref="GetLength"/> bytes of
    /// <paramref name="destination"/>.</summary>
    public static void Compute(HashAlgorithmKind algorithm, ReadOnlySpan<byte> source, Span<byte> destination)
    {
        if (algorithm == HashAlgorithmKind.XxHash3)
        {
            BinaryPrimitives.WriteUInt64LittleEndian(destination, XxHash3.HashToUInt64(source));
        }
        else
        {
            SHA256.HashData(source, destination);
        }
    }
}
