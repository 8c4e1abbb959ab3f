using System.Diagnostics;
using System.Text;

namespace FastFlow.Storage.Tests.Stores;

/// <summary>The crash host (tests/FastFlow.Storage.CrashHost), started with <c>dotnet</c> from this
/// test project's output; killed with SIGKILL on dispose if still running.</summary>
public sealed class CrashHostProcess : IDisposable
{
    private static readonly TimeSpan s_lineTimeout = TimeSpan.FromSeconds(30);

    private readonly Process _process;
    private readonly StringBuilder _errors = new();

    private CrashHostProcess(Process process)
    {
        _process = process;
        _process.ErrorDataReceived += (_, e) =>
        {
            lock (_errors)
            {
                _errors.AppendLine(e.Data);
            }
        };
        _process.BeginErrorReadLine();
    }

    public int Id => _process.Id;

    public static CrashHostProcess Start(params string[] arguments)
    {
        var host = Path.Combine(AppContext.BaseDirectory, "FastFlow.Storage.CrashHost.dll");
        var start = new ProcessStartInfo("dotnet")
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(host);
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        return new CrashHostProcess(Process.Start(start) ?? throw new InvalidOperationException("dotnet did not start"));
    }

    /// <summary>The next line the host prints; fails with its standard error when it ends or hangs.</summary>
    public async Task<string> ReadLineAsync()
    {
        string? line;
        try
        {
            line = await _process.StandardOutput.ReadLineAsync().WaitAsync(s_lineTimeout);
        }
        catch (TimeoutException)
        {
            throw new InvalidOperationException("The crash host printed nothing for 30 s. Its standard error: " + Errors());
        }

        return line ?? throw new InvalidOperationException("The crash host ended. Its standard error: " + Errors());
    }

    /// <summary>SIGKILL on Unix: no finally block, no flush, no disposal runs in the host.</summary>
    public async Task KillAsync()
    {
        _process.Kill(entireProcessTree: true);
        await _process.WaitForExitAsync().WaitAsync(s_lineTimeout);
    }

    public void Dispose()
    {
        try
        {
            if (!_process.HasExited)
            {
                _process.Kill(entireProcessTree: true);
                _process.WaitForExit(10_000);
            }
        }
        catch (InvalidOperationException)
        {
            // It had exited.
        }

        _process.Dispose();
    }

    private string Errors()
    {
        lock (_errors)
        {
            return _errors.ToString();
        }
    }
}
