using System.Diagnostics;
using System.Text;
using FastFlow.Cli.Tests.Support;

namespace FastFlow.Cli.Tests.Crash;

/// <summary>One life of a <c>fastflow</c> process in the crash harness: started, its stdout read
/// line by line as it prints (what it printed is what it acknowledged), then killed with SIGKILL
/// (the whole process tree, as a machine losing power would) or left to end.</summary>
internal sealed class CrashLife : IDisposable
{
    private readonly Process _process;
    private readonly List<string> _lines = [];
    private readonly StringBuilder _stderr = new();
    private readonly TaskCompletionSource _closed = new(TaskCreationOptions.RunContinuationsAsynchronously);

    private CrashLife(Process process)
    {
        _process = process;
        _process.OutputDataReceived += (_, e) =>
        {
            if (e.Data is null)
            {
                _closed.TrySetResult();
                return;
            }

            lock (_lines)
            {
                _lines.Add(e.Data);
            }
        };
        _process.ErrorDataReceived += (_, e) =>
        {
            if (e.Data is not null)
            {
                lock (_stderr)
                {
                    _stderr.Append(e.Data).Append('\n');
                }
            }
        };
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();
        _process.StandardInput.Close();
    }

    public static CrashLife Start(string workingDirectory, params string[] args) =>
        new(Process.Start(Tool.StartInfo(workingDirectory, args)) ?? throw new InvalidOperationException("dotnet did not start"));

    /// <summary>Kills the process tree with SIGKILL after <paramref name="delay"/>, unless it ended first.</summary>
    /// <returns>True when it was killed; false when it ended by itself.</returns>
    public async Task<bool> KillAfterAsync(TimeSpan delay)
    {
        var exit = _process.WaitForExitAsync();
        if (await Task.WhenAny(exit, Task.Delay(delay)) == exit)
        {
            await WaitEndAsync();
            return false;
        }

        try
        {
            _process.Kill(entireProcessTree: true);
        }
        catch (InvalidOperationException)
        {
            // It ended on its own at this very moment.
        }

        await WaitEndAsync();
        return true;
    }

    public async Task WaitEndAsync()
    {
        using var timeout = new CancellationTokenSource(Tool.Timeout);
        await _process.WaitForExitAsync(timeout.Token);
        await _closed.Task.WaitAsync(timeout.Token);
    }

    public int ExitCode => _process.ExitCode;

    /// <summary>The lines printed before the end; only complete lines count as acknowledged.</summary>
    public IReadOnlyList<string> Lines
    {
        get
        {
            lock (_lines)
            {
                return [.. _lines];
            }
        }
    }

    public string Stderr
    {
        get
        {
            lock (_stderr)
            {
                return _stderr.ToString();
            }
        }
    }

    public void Dispose() => _process.Dispose();
}
