using System.Diagnostics.CodeAnalysis;
using System.Runtime.CompilerServices;
using System.Text;

namespace FastFlow.Storage.Stores;

/// <summary>Argument checks every store makes the same way, so that both implementations refuse
/// the same inputs with the same exceptions.</summary>
internal static class StoreArguments
{
    /// <summary>UTF-8 that throws on lone surrogates instead of writing U+FFFD, so that a key always
    /// reads back as the string that was written.</summary>
    public static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    /// <summary>Checks a key or stream name and returns its length in UTF-8 bytes.</summary>
    public static int CheckName(string name, [CallerArgumentExpression(nameof(name))] string? paramName = null)
    {
        ArgumentNullException.ThrowIfNull(name, paramName);
        if (name.Length == 0)
        {
            ThrowEmpty(paramName);
        }

        int bytes;
        try
        {
            bytes = StrictUtf8.GetByteCount(name);
        }
        catch (EncoderFallbackException ex)
        {
            throw new ArgumentException("The name is not well-formed UTF-16 (it has a lone surrogate).", paramName, ex);
        }

        if (bytes > StoreLimits.MaxKeyBytes)
        {
            ThrowTooLong(bytes, paramName);
        }

        return bytes;
    }

    /// <summary>Checks a sequence number to read from.</summary>
    public static void CheckFromSequence(long fromSequence) =>
        ArgumentOutOfRangeException.ThrowIfNegative(fromSequence);

    /// <summary>Checks that a ticket to wait for was handed out by a store whose last ticket is
    /// <paramref name="last"/>.</summary>
    public static void CheckTicket(StoreTicket ticket, StoreTicket last)
    {
        if (ticket > last)
        {
            throw new ArgumentOutOfRangeException(nameof(ticket), ticket.Position,
                $"The {ticket} is later than the store's last write ({last}); it comes from another store.");
        }
    }

    [DoesNotReturn]
    private static void ThrowEmpty(string? paramName) =>
        throw new ArgumentException("A key or stream name cannot be empty.", paramName);

    [DoesNotReturn]
    private static void ThrowTooLong(int bytes, string? paramName) =>
        throw new ArgumentException(
            $"A key or stream name is at most {StoreLimits.MaxKeyBytes} UTF-8 bytes; this one has {bytes}.", paramName);
}
