using System.Globalization;
using System.Text;

namespace FastFlow.Storage.CrashHost;

/// <summary>How workload values name the operation that wrote them: they start with
/// <c>n=&lt;operation&gt;;</c>.</summary>
public static class WorkloadText
{
    /// <summary>The operation number a value starts with, or <c>null</c>.</summary>
    public static long? OperationOf(byte[] value)
    {
        var text = Encoding.ASCII.GetString(value, 0, Math.Min(value.Length, 24));
        var end = text.IndexOf(';', StringComparison.Ordinal);
        return text.StartsWith("n=", StringComparison.Ordinal) && end > 2
            && long.TryParse(text.AsSpan(2, end - 2), NumberStyles.None, CultureInfo.InvariantCulture, out var n) ? n : null;
    }

    /// <summary>A value for messages: its operation and length.</summary>
    public static string Describe(byte[] value) =>
        string.Create(CultureInfo.InvariantCulture, $"[{(OperationOf(value) is { } n ? "n=" + n : "?")}, {value.Length} bytes]");
}
