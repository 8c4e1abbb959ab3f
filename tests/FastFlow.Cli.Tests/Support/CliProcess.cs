using System.Diagnostics;
using System.Text;
using System.Threading.Channels;

namespace FastFlow.Cli.Tests.Support;

/// <summary>A running fastflow process: its stdout lines can be awaited as they come, signals sent
/// to it, and its end awaited with everything it printed.</summary>
internal sealed class CliProcess : IAsyncDisposable
{
    private readonly Process _process;
    private readonly StringBuilder _stdout = new();
    private readonly StringBuilder _stderr = new();
    private readonly Channel<string> _lines = Channel.CreateUnbounded<string>();
    private readonly TaskCompletionSource _stdoutClosed = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly TaskCompletionSource _stderrClosed = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public CliProcess(Process process)
    {
        _process = process;
        _process.OutputDataReceived += (_, e) =>
        {
            if (e.Data is null)
            {
                _lines.Writer.TryComplete();
                _stdoutClosed.TrySetResult();
                return;
            }

            lock (_stdout)
            {
                _stdout.Append(e.Data).Append('\n');
            }

            _lines.Writer.TryWrite(e.Data);
        };
        _process.ErrorDataReceived += (_, e) =>
        {
            if (e.Data is null)
            {
                _stderrClosed.TrySetResult();
                return;
            }

            lock (_stderr)
            {
                _stderr.Append(e.Data).Append('\n');
            }
        };
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();
        _process.StandardInput.Close();
    }

    public int Id => _process.Id;

    /// <summary>Waits for the first stdout line that contains <paramref name="text"/>.</summary>
    public async Task<string> WaitForLineAsync(string text)
    {
        using var timeout = new CancellationTokenSource(Tool.Timeout);
        try
        {
            await foreach (var line in _lines.Reader.ReadAllAsync(timeout.Token))
            {
                if (line.Contains(text, StringComparison.Ordinal))
                {
                    return line;
                }
            }
        }
        catch (OperationCanceledException)
        {
            Kill();
        }

        Assert.Fail($"fastflow never printed a line with '{text}'.\n{Snapshot()}");
        return string.Empty;
    }

    /// <summary>Sends SIGINT, as Ctrl-C does, with the kill command.</summary>
    public async Task InterruptAsync()
    {
        using var kill = Process.Start(new ProcessStartInfo("kill", ["-INT", Id.ToString(System.Globalization.CultureInfo.InvariantCulture)]) { UseShellExecute = false })!;
        await kill.WaitForExitAsync();
        Assert.Equal(0, kill.ExitCode);
    }

    /// <summary>Waits for the end (failing the test after <see cref="Tool.Timeout"/>) and returns what it printed.</summary>
    public async Task<CliResult> WaitAsync()
    {
        using var timeout = new CancellationTokenSource(Tool.Timeout);
        try
        {
            await _process.WaitForExitAsync(timeout.Token);
            await Task.WhenAll(_stdoutClosed.Task, _stderrClosed.Task).WaitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            Kill();
            Assert.Fail($"fastflow did not end within {Tool.Timeout}.\n{Snapshot()}");
        }

        return new CliResult(_process.ExitCode, Text(_stdout), Text(_stderr));
    }

    public ValueTask DisposeAsync()
    {
        Kill();
        _process.Dispose();
        return ValueTask.CompletedTask;
    }

    private void Kill()
    {
        try
        {
            if (!_process.HasExited)
            {
                _process.Kill(entireProcessTree: true);
            }
        }
        catch (InvalidOperationException)
        {
            // It ended meanwhile.
        }
    }

    private string Snapshot() => $"--- stdout\n{Text(_stdout)}\n--- stderr\n{Text(_stderr)}";

    private static string Text(StringBuilder builder)
    {
        lock (builder)
        {
            return builder.ToString();
        }
    }
}
