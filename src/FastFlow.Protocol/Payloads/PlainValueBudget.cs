using System.Globalization;

namespace FastFlow.Protocol.Payloads;

/// <summary>Bounds the objects one payload decodes into. A byte of MessagePack can become a
/// hundred bytes of objects (an empty map is one byte on the wire and a dictionary in memory),
/// so a 4 MiB payload of empty maps would take about 400 MiB; the budget keeps that near the
/// payload's own size. It is per thread because decoding is synchronous: <see cref="Start"/>
/// opens it for one payload, the readers charge it, and outside a decode nothing is charged.</summary>
internal static class PlainValueBudget
{
    /// <summary>Units a map, an array or an item of a record list costs (a plain scalar costs 1).</summary>
    public const int ContainerCost = 8;

#pragma warning disable IDE1006 // t_ for thread statics, as in dotnet/runtime
    /// <summary>Units left in the open budget.</summary>
    [ThreadStatic]
    private static long t_remaining;

    /// <summary>Whether a decode on this thread has opened a budget.</summary>
    [ThreadStatic]
    private static bool t_open;
#pragma warning restore IDE1006

    /// <summary>Opens a budget of <see cref="DecodeLimits.MaxPlainValues"/> units for one payload;
    /// disposing the scope restores whatever was open before (a compressed payload decodes inside
    /// its frame's decode).</summary>
    public static Scope Start(DecodeLimits limits)
    {
        var scope = new Scope(t_open, t_remaining);
        t_open = true;
        t_remaining = limits.MaxPlainValues;
        return scope;
    }

    /// <summary>Takes <paramref name="units"/> from the open budget.</summary>
    /// <exception cref="ProtocolException">The payload holds more than the limit allows.</exception>
    public static void Charge(int units, string field, DecodeLimits limits)
    {
        if (!t_open)
        {
            return;
        }

        t_remaining -= units;
        if (t_remaining < 0)
        {
            Exhausted(field, limits);
        }
    }

    private static void Exhausted(string field, DecodeLimits limits) =>
        throw new ProtocolException(ErrorCode.InvalidRequest, string.Create(CultureInfo.InvariantCulture,
            $"The payload holds too many values (at '{field}'): at most {limits.MaxPlainValues} per payload, a map, an array or a list item counting as {ContainerCost}. Send large data by reference (a file or URL the task reads), not inline."));

    /// <summary>The budget that was open before <see cref="Start"/>.</summary>
    public readonly struct Scope : IDisposable
    {
        private readonly bool _wasOpen;
        private readonly long _remaining;

        internal Scope(bool wasOpen, long remaining)
        {
            _wasOpen = wasOpen;
            _remaining = remaining;
        }

        /// <summary>Restores the budget that was open before.</summary>
        public void Dispose()
        {
            t_open = _wasOpen;
            t_remaining = _remaining;
        }
    }
}
