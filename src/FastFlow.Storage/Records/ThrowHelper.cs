using System.Diagnostics.CodeAnalysis;
using System.Globalization;

namespace FastFlow.Storage.Records;

/// <summary>Builds and throws <see cref="CorruptRecordException"/>, kept out of the codec's hot
/// methods so they stay small.</summary>
internal static class ThrowHelper
{
    /// <summary>Throws a <see cref="CorruptRecordException"/> whose message names the record, the
    /// check, the byte offset and what was wrong.</summary>
    [DoesNotReturn]
    public static void ThrowCorrupt(string? name, RecordCheck check, long offset, string? expected, string? actual,
        string description, Exception? innerException = null)
    {
        var where = offset >= 0 ? string.Create(CultureInfo.InvariantCulture, $" at byte {offset}") : "";
        var message = string.Create(CultureInfo.InvariantCulture,
            $"Record {Describe(name)} failed the {check} check{where}: {description}");
        throw new CorruptRecordException(name, check, offset, expected, actual, message, innerException);
    }

    /// <summary>The record's name in quotes, or a phrase for an unnamed one.</summary>
    public static string Describe(string? name) => name is null ? "(unnamed)" : "'" + name + "'";

    /// <summary>Bytes as upper-case hex for messages.</summary>
    public static string Hex(ReadOnlySpan<byte> bytes) => Convert.ToHexString(bytes);
}
