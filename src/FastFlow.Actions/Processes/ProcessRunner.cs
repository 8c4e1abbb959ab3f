using System.ComponentModel;
using System.Diagnostics;
using System.Text;
using FastFlow.Actions.Text;

namespace FastFlow.Actions.Processes;

/// <summary>Runs a program to its end: writes its standard input, reads both outputs concurrently
/// (so that neither pipe fills and blocks the program; each is kept up to
/// <see cref="OutputLimits.MaxTextChars"/>) and, when the token fires, kills the whole process
/// tree. Used by <c>exec</c> and by process agents.</summary>
internal static class ProcessRunner
{
    private static readonly UTF8Encoding s_utf8 = new(encoderShouldEmitUTF8Identifier: false);

    /// <summary>Starts <paramref name="start"/> (its redirections are set here), feeds it
    /// <paramref name="stdin"/> (nothing: standard input is closed at once) and waits for its end.</summary>
    /// <exception cref="OperationCanceledException">The token fired; the process tree was killed.</exception>
    /// <exception cref="Win32Exception">The program could not be started.</exception>
    public static async Task<ProcessOutcome> RunAsync(ProcessStartInfo start, ReadOnlyMemory<byte>? stdin, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        start.UseShellExecute = false;
        start.RedirectStandardInput = true;
        start.RedirectStandardOutput = true;
        start.RedirectStandardError = true;
        start.StandardOutputEncoding = s_utf8;
        start.StandardErrorEncoding = s_utf8;
        start.StandardInputEncoding = s_utf8;
        start.CreateNoWindow = true;

        using var process = new Process { StartInfo = start };
        process.Start();
        var stdout = OutputLimits.ReadAsync(process.StandardOutput, OutputLimits.MaxTextChars, CancellationToken.None);
        var stderr = OutputLimits.ReadAsync(process.StandardError, OutputLimits.MaxTextChars, CancellationToken.None);
        var input = WriteInputAsync(process, stdin);
        var exited = process.WaitForExitAsync(CancellationToken.None);
        try
        {
            await Task.WhenAll(input, stdout, stderr, exited).WaitAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            KillTree(process);
            // The reads end when the killed processes close their pipes; nobody awaits them now,
            // so their faults (the process is disposed under them) must not go unobserved.
            Observe(input);
            Observe(stdout);
            Observe(stderr);
            Observe(exited);
            throw;
        }

        var output = await stdout.ConfigureAwait(false);
        var errors = await stderr.ConfigureAwait(false);
        return new ProcessOutcome(process.ExitCode, output.Text, errors.Text, output.Truncated || errors.Truncated);
    }

    private static async Task WriteInputAsync(Process process, ReadOnlyMemory<byte>? stdin)
    {
        var stream = process.StandardInput.BaseStream;
        try
        {
            if (stdin is { Length: > 0 } bytes)
            {
                await stream.WriteAsync(bytes).ConfigureAwait(false);
                await stream.FlushAsync().ConfigureAwait(false);
            }
        }
        catch (IOException)
        {
            // The program exited or closed its input without reading everything (a broken pipe):
            // that is its business, and its exit code says how it went.
        }
        finally
        {
            try
            {
                process.StandardInput.Close();
            }
            catch (IOException)
            {
                // Closing flushes; the pipe may be broken already.
            }
        }
    }

    private static void KillTree(Process process)
    {
        try
        {
            process.Kill(entireProcessTree: true);
        }
        catch (InvalidOperationException)
        {
            // It exited on its own meanwhile. Children it left behind are no longer in its tree;
            // a program that daemonizes escapes this, as it escapes a shell's job control.
        }
        catch (Win32Exception)
        {
            // Some process of the tree could not be killed (gone, or not ours); the rest were.
        }
    }

    private static void Observe(Task task) =>
        task.ContinueWith(static t => _ = t.Exception, CancellationToken.None, TaskContinuationOptions.OnlyOnFaulted | TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
}
