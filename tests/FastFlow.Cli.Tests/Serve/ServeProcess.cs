using System.Diagnostics;
using System.Globalization;
using FastFlow.Cli.Tests.Support;

namespace FastFlow.Cli.Tests.Serve;

/// <summary>A real <c>fastflow serve --port 0</c> process, ready once it printed its ready line;
/// the line names the port it got.</summary>
internal sealed class ServeProcess : IAsyncDisposable
{
    public const string ReadyPrefix = "fastflow serve listening on ";

    private ServeProcess(CliProcess process, string? tokenLine, string readyLine)
    {
        Process = process;
        TokenLine = tokenLine;
        ReadyLine = readyLine;
        // "fastflow serve listening on 127.0.0.1:41234 (data: DIR)"
        Address = readyLine[ReadyPrefix.Length..].Split(' ')[0];
    }

    public CliProcess Process { get; }

    /// <summary>The line with the token the server made up (<c>token: ...</c>); null when it was given one.</summary>
    public string? TokenLine { get; }

    /// <summary>The line that said the server is ready.</summary>
    public string ReadyLine { get; }

    /// <summary><c>127.0.0.1:PORT</c>, as the ready line names it.</summary>
    public string Address { get; }

    /// <summary>Starts <c>fastflow serve --port 0 ARGS</c> in <paramref name="workingDirectory"/> and waits for its ready line.</summary>
    public static async Task<ServeProcess> StartAsync(string workingDirectory, params string[] args)
    {
        var process = Tool.Start(workingDirectory, ["serve", "--port", "0", .. args]);
        // The made-up token is printed before the ready line.
        var tokenLine = args.Any(static a => a is "--token" or "--token-file" or "--insecure-no-auth")
            ? null
            : await process.WaitForLineAsync("token: ");
        var line = await process.WaitForLineAsync(ReadyPrefix);
        return new ServeProcess(process, tokenLine, line);
    }

    /// <summary>Sends SIGTERM, as a service manager stops it.</summary>
    public async Task TerminateAsync()
    {
        using var kill = System.Diagnostics.Process.Start(new ProcessStartInfo("kill", ["-TERM", Process.Id.ToString(CultureInfo.InvariantCulture)]) { UseShellExecute = false })!;
        await kill.WaitForExitAsync();
        Assert.Equal(0, kill.ExitCode);
    }

    /// <summary>Waits for the process to end and returns what it printed.</summary>
    public Task<CliResult> WaitAsync() => Process.WaitAsync();

    public ValueTask DisposeAsync() => Process.DisposeAsync();
}
