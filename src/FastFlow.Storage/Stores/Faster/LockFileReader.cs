using System.Globalization;
using System.Runtime.InteropServices;
using System.Text;

namespace FastFlow.Storage.Stores.Faster;

/// <summary>
/// Reads the process id in a lock file another process holds. .NET cannot: on Unix every
/// <see cref="FileStream"/> open takes a <c>flock</c> (shared for reading), which the holder's
/// exclusive lock refuses. The plain <c>open</c>/<c>read</c> system calls take no lock, so on Linux
/// and macOS they are called directly; elsewhere, or on any failure, the id is unknown.
/// </summary>
internal static class LockFileReader
{
    /// <summary>The id in the lock file, or <c>null</c> when it cannot be read.</summary>
    public static int? TryReadProcessId(string path)
    {
        if (!OperatingSystem.IsLinux() && !OperatingSystem.IsMacOS())
        {
            return null;
        }

        try
        {
            var pathBytes = Encoding.UTF8.GetBytes(path + "\0");
            var descriptor = NativeMethods.Open(pathBytes, 0); // O_RDONLY
            if (descriptor < 0)
            {
                return null;
            }

            var buffer = new byte[32];
            nint read;
            try
            {
                read = NativeMethods.Read(descriptor, buffer, buffer.Length);
            }
            finally
            {
                _ = NativeMethods.Close(descriptor);
            }

            return read > 0 && int.TryParse(Encoding.ASCII.GetString(buffer, 0, (int)read).Trim(),
                NumberStyles.None, CultureInfo.InvariantCulture, out var pid) ? pid : null;
        }
        catch (Exception ex) when (ex is DllNotFoundException or EntryPointNotFoundException)
        {
            return null;
        }
    }

    // DllImport rather than LibraryImport: the source-generated stubs need unsafe code in the
    // project, and blittable arrays marshal by pinning without it.
#pragma warning disable SYSLIB1054
    private static class NativeMethods
    {
        [DllImport("libc", EntryPoint = "open")]
        [DefaultDllImportSearchPaths(DllImportSearchPath.SafeDirectories)]
        public static extern int Open(byte[] path, int flags);

        [DllImport("libc", EntryPoint = "read")]
        [DefaultDllImportSearchPaths(DllImportSearchPath.SafeDirectories)]
        public static extern nint Read(int descriptor, byte[] buffer, nint count);

        [DllImport("libc", EntryPoint = "close")]
        [DefaultDllImportSearchPaths(DllImportSearchPath.SafeDirectories)]
        public static extern int Close(int descriptor);
    }
#pragma warning restore SYSLIB1054
}
