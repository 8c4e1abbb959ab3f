using System.Diagnostics;
using System.Text;

namespace FastFlow.Cli.Tests.Support;

/// <summary>Runs the real <c>fastflow</c> binary (the CLI project's build output, copied next to
/// the tests) as a child process: <c>dotnet fastflow.dll ARGS</c>, stdout and stderr captured.</summary>
internal static class Tool
{
    /// <summary>Longest a command may take before the test fails (and the process is killed).</summary>
    public static readonly TimeSpan Timeout = TimeSpan.FromSeconds(90);

    public static string Dll => Path.Combine(AppContext.BaseDirectory, "fastflow.dll");

    /// <summary>Runs to the end and returns what it printed.</summary>
    public static async Task<CliResult> RunAsync(string workingDirectory, params string[] args)
    {
        await using var process = Start(workingDirectory, args);
        return await process.WaitAsync();
    }

    /// <summary>Starts the binary; the caller watches its output and ends it.</summary>
    public static CliProcess Start(string workingDirectory, params string[] args) =>
        new(Process.Start(StartInfo(workingDirectory, args)) ?? throw new InvalidOperationException("dotnet did not start"));

    /// <summary>How the binary is started: <c>dotnet fastflow.dll ARGS</c>, output redirected as a
    /// script sees it (no colors, UTC clock).</summary>
    public static ProcessStartInfo StartInfo(string workingDirectory, params string[] args)
    {
        var info = new ProcessStartInfo(DotnetHost())
        {
            WorkingDirectory = workingDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
            StandardOutputEncoding = Encoding.UTF8,
            StandardErrorEncoding = Encoding.UTF8,
        };
        info.ArgumentList.Add(Dll);
        foreach (var arg in args)
        {
            info.ArgumentList.Add(arg);
        }

        // Output as a script sees it: no colors, and the run's clock in UTC.
        info.Environment["NO_COLOR"] = "1";
        info.Environment["TZ"] = "UTC";
        info.Environment.Remove("FASTFLOW_DEBUG");
        // A developer's shell may point fastflow at a server; the tests choose for themselves.
        info.Environment.Remove("FASTFLOW_SERVER");
        info.Environment.Remove("FASTFLOW_TOKEN");
        return info;
    }

    /// <summary>The dotnet host running these tests (set by `dotnet test`), else the one on the PATH.</summary>
    private static string DotnetHost() => Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") is { Length: > 0 } host ? host : "dotnet";
}
