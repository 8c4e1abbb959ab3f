using System.Globalization;
using System.Text;

namespace FastFlow.Storage.Stores.Faster;

/// <summary>
/// The exclusive lock on a data directory: <c>&lt;dir&gt;/LOCK</c> open with
/// <see cref="FileShare.None"/>, holding the owner's process id. On Linux and macOS .NET takes an
/// advisory <c>flock(LOCK_EX)</c> for that share mode, which a second open fails to get whether it
/// comes from another process or from this one, and which the kernel drops when the process dies:
/// a lock left by a killed process never blocks. The file itself is kept on release (deleting it
/// could let two openers lock two different files); only the lock matters, the id is for the message.
/// </summary>
internal sealed class DataDirectoryLock : IDisposable
{
    /// <summary>The lock file's name in the data directory.</summary>
    public const string FileName = "LOCK";

    // Errors that mean "someone holds the lock": EWOULDBLOCK on Linux (11) and macOS (35), and
    // ERROR_SHARING_VIOLATION / ERROR_LOCK_VIOLATION on Windows.
    private const int LinuxWouldBlock = 11;
    private const int MacWouldBlock = 35;
    private const int WindowsSharingViolation = unchecked((int)0x80070020);
    private const int WindowsLockViolation = unchecked((int)0x80070021);

    /// <summary>The open lock file; closing it releases the lock.</summary>
    private readonly FileStream _file;

    private DataDirectoryLock(FileStream file) => _file = file;

    /// <summary>Takes the lock of <paramref name="directory"/>, which must exist.</summary>
    /// <exception cref="StateStoreInUseException">Another process, or another store of this one, holds it.</exception>
    public static DataDirectoryLock Acquire(string directory)
    {
        var path = Path.Combine(directory, FileName);
        FileStream file;
        try
        {
            file = new FileStream(path, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None, bufferSize: 1);
        }
        catch (IOException ex) when (ex.HResult is LinuxWouldBlock or MacWouldBlock or WindowsSharingViolation or WindowsLockViolation)
        {
            throw new StateStoreInUseException(directory, LockFileReader.TryReadProcessId(path), ex);
        }

        try
        {
            file.SetLength(0);
            file.Write(Encoding.ASCII.GetBytes(Environment.ProcessId.ToString(CultureInfo.InvariantCulture) + "\n"));
            file.Flush(flushToDisk: true);
            return new DataDirectoryLock(file);
        }
        catch
        {
            file.Dispose();
            throw;
        }
    }

    /// <summary>Releases the lock.</summary>
    public void Dispose() => _file.Dispose();
}
