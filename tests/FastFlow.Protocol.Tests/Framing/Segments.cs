using System.Buffers;

namespace FastFlow.Protocol.Tests.Framing;

/// <summary>Builds a multi-segment <see cref="ReadOnlySequence{T}"/>, as a pipe hands over bytes
/// that arrived in several reads.</summary>
internal sealed class Segments : ReadOnlySequenceSegment<byte>
{
    private Segments(ReadOnlyMemory<byte> memory, long runningIndex)
    {
        Memory = memory;
        RunningIndex = runningIndex;
    }

    /// <summary>The bytes cut at <paramref name="cuts"/> (ascending offsets inside the array; each
    /// piece is its own array, so no piece shares memory with the next).</summary>
    public static ReadOnlySequence<byte> Split(byte[] bytes, IEnumerable<int> cuts)
    {
        var bounds = cuts.Where(cut => cut > 0 && cut < bytes.Length).Distinct().Order().Append(bytes.Length).ToList();
        if (bytes.Length == 0)
        {
            return ReadOnlySequence<byte>.Empty;
        }

        var first = new Segments(bytes.AsSpan(0, bounds[0]).ToArray(), 0);
        var last = first;
        for (var i = 1; i < bounds.Count; i++)
        {
            var next = new Segments(bytes.AsSpan(bounds[i - 1], bounds[i] - bounds[i - 1]).ToArray(), bounds[i - 1]);
            last.Next = next;
            last = next;
        }

        return new ReadOnlySequence<byte>(first, 0, last, last.Memory.Length);
    }
}
