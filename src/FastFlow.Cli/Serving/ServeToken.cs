using System.Buffers.Text;
using System.Security.Cryptography;
using FastFlow.Cli.Commands;

namespace FastFlow.Cli.Serving;

/// <summary>The token of <c>fastflow serve</c>: given (<c>--token</c>), read from a file
/// (<c>--token-file</c>, its first line), or made up (32 random bytes, base64url) and printed once.</summary>
internal static class ServeToken
{
    /// <summary>Bytes of randomness in a generated token (256 bits).</summary>
    private const int GeneratedBytes = 32;

    /// <summary>A new token: 43 characters of base64url, safe on a command line and in an environment variable.</summary>
    public static string Generate()
    {
        Span<byte> random = stackalloc byte[GeneratedBytes];
        RandomNumberGenerator.Fill(random);
        return Base64Url.EncodeToString(random);
    }

    /// <summary>The first line of <paramref name="file"/>, without surrounding spaces.</summary>
    /// <exception cref="CommandFailedException">The file cannot be read or its first line is empty.</exception>
    public static string ReadFile(string file)
    {
        string? line;
        try
        {
            using var reader = new StreamReader(file);
            line = reader.ReadLine();
        }
        catch (Exception exception) when (exception is FileNotFoundException or DirectoryNotFoundException)
        {
            throw new CommandFailedException(
                $"--token-file {file}: there is no such file",
                "give a file whose first line is the token, e.g. `head -c 32 /dev/urandom | base64 > token.txt`; or leave out --token-file to have one made up");
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
        {
            throw new CommandFailedException(
                $"--token-file {file} cannot be read: {exception.Message}",
                "check the file's permissions (the token file should be readable by this user only)");
        }

        var token = line?.Trim();
        if (string.IsNullOrEmpty(token))
        {
            throw new CommandFailedException(
                $"--token-file {file}: its first line is empty, and a server needs a token",
                "write the token on the file's first line; or leave out --token-file to have one made up");
        }

        return token;
    }
}
