namespace FastFlow.Storage.Records;

/// <summary>The hash a record carries over its header fields and compressed payload. Values are
/// part of the on-disk format: never renumber them.</summary>
public enum HashAlgorithmKind : byte
{
    /// <summary>64-bit XXH3 (seed 0), stored little-endian in 8 bytes. Fast; catches accidental
    /// corruption such as torn writes and bit rot, not deliberate tampering.</summary>
    XxHash3 = 1,

    /// <summary>SHA-256, stored as its 32-byte digest. Slower; for deployments that want a
    /// cryptographic hash.</summary>
    Sha256 = 2,
}
