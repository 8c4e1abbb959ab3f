using System.Globalization;

namespace FastFlow.Actions.Tests.Support;

/// <summary>Watches processes the code under test started, by pid, through /proc.</summary>
internal static class ProcessProbe
{
    /// <summary>Reads the pid a script wrote into a named pipe (the script is running when this returns).</summary>
    public static async Task<int> ReadPidAsync(string fifo)
    {
        // Opening a FIFO blocks until the writer opens it: off the test's thread, with a deadline so
        // that a script that never starts fails the test instead of hanging it.
        var text = await Task.Run(() => File.ReadAllText(fifo)).WaitAsync(TimeSpan.FromSeconds(30));
        return int.Parse(text.Trim(), CultureInfo.InvariantCulture);
    }

    /// <summary>True while the process exists and is not a zombie (dead, waiting to be reaped).</summary>
    public static bool IsRunning(int pid)
    {
        try
        {
            var stat = File.ReadAllText($"/proc/{pid}/stat");
            // "pid (comm) S ...": the state follows the last ')'.
            var state = stat[(stat.LastIndexOf(')') + 2)..][0];
            return state is not ('Z' or 'X');
        }
        catch (IOException)
        {
            return false;
        }
    }

    /// <summary>Waits until the process has died; false if it is still running at the deadline.
    /// A kill is sent before this is called, so the wait is for the kernel to finish it.</summary>
    public static async Task<bool> WaitUntilGoneAsync(int pid, TimeSpan deadline)
    {
        var until = DateTime.UtcNow + deadline;
        while (IsRunning(pid))
        {
            if (DateTime.UtcNow > until)
            {
                return false;
            }

            await Task.Delay(20);
        }

        return true;
    }
}
