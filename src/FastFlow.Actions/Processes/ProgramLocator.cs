namespace FastFlow.Actions.Processes;

/// <summary>Finds the file a command names, the way a shell would, so that a missing program is a
/// clear error naming it rather than an operating-system exception.</summary>
internal static class ProgramLocator
{
    /// <summary>The full path of the program, or null when there is none. A command with a directory
    /// part is taken relative to <paramref name="workingDirectory"/>; a bare name is looked up in
    /// <paramref name="searchPath"/> (the PATH variable; on Windows with the PATHEXT extensions).</summary>
    public static string? Find(string command, string workingDirectory, string? searchPath)
    {
        if (HasDirectory(command))
        {
            var full = Path.GetFullPath(command, workingDirectory);
            return IsProgram(full) ? full : null;
        }

        foreach (var directory in (searchPath ?? string.Empty).Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries))
        {
            foreach (var candidate in Candidates(Path.Combine(directory, command)))
            {
                if (IsProgram(candidate))
                {
                    return Path.GetFullPath(candidate);
                }
            }
        }

        return null;
    }

    /// <summary>True when the command names a path (<c>./run.sh</c>, <c>bin/tool</c>) rather than a program on the PATH.</summary>
    public static bool HasDirectory(string command) =>
        command.Contains('/', StringComparison.Ordinal) || (OperatingSystem.IsWindows() && command.Contains('\\', StringComparison.Ordinal));

    private static IEnumerable<string> Candidates(string path)
    {
        yield return path;
        if (OperatingSystem.IsWindows() && !Path.HasExtension(path))
        {
            var extensions = Environment.GetEnvironmentVariable("PATHEXT") ?? ".COM;.EXE;.BAT;.CMD";
            foreach (var extension in extensions.Split(';', StringSplitOptions.RemoveEmptyEntries))
            {
                yield return path + extension;
            }
        }
    }

    private static bool IsProgram(string path)
    {
        if (!File.Exists(path))
        {
            return false;
        }

        if (OperatingSystem.IsWindows())
        {
            return true;
        }

        const UnixFileMode anyExecute = UnixFileMode.UserExecute | UnixFileMode.GroupExecute | UnixFileMode.OtherExecute;
        return (File.GetUnixFileMode(path) & anyExecute) != 0;
    }
}
