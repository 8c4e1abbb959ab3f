namespace FastFlow.Actions.Files;

/// <summary>Keeps <c>file_operation</c> inside its root: a path must be relative, may not climb out
/// with <c>..</c>, and may not leave through a symbolic link (each existing part of the path is
/// resolved, links included, and must stay under the root, itself resolved). What remains is a
/// race with someone who swaps a directory for a link between the check and the use; the engine's
/// own tasks cannot do that, and the root should not be writable by others.</summary>
internal static class FileRootGuard
{
    /// <summary>Links followed before giving up, as the kernel does (ELOOP).</summary>
    private const int MaxLinks = 40;

    private static readonly StringComparison s_comparison =
        OperatingSystem.IsWindows() || OperatingSystem.IsMacOS() ? StringComparison.OrdinalIgnoreCase : StringComparison.Ordinal;

    /// <summary>The root with every link resolved.</summary>
    /// <exception cref="PathRefusedException">The root does not exist.</exception>
    public static string ResolveRoot(string root)
    {
        var full = Path.GetFullPath(root);
        if (!Directory.Exists(full))
        {
            throw new PathRefusedException($"the file root {full} does not exist");
        }

        return RealPath(full);
    }

    /// <summary>The full path of <paramref name="relative"/> under <paramref name="realRoot"/> with
    /// links resolved, so that the operation acts on the very path that was checked.</summary>
    /// <exception cref="PathRefusedException">The path is absolute or escapes the root.</exception>
    public static string Resolve(string realRoot, string relative, string parameter)
    {
        if (relative.Length == 0)
        {
            throw new PathRefusedException($"'{parameter}' is empty");
        }

        if (Path.IsPathRooted(relative))
        {
            throw new PathRefusedException($"'{parameter}' is the absolute path '{relative}': paths are relative to the file root");
        }

        var lexical = Path.GetFullPath(relative, realRoot);
        if (!IsUnder(lexical, realRoot))
        {
            throw new PathRefusedException($"'{parameter}' ('{relative}') climbs out of the file root");
        }

        var real = RealPath(lexical);
        if (!IsUnder(real, realRoot))
        {
            throw new PathRefusedException($"'{parameter}' ('{relative}') leads out of the file root through a symbolic link (to {real})");
        }

        return real;
    }

    /// <summary>The path relative to the root, with '/' separators, for outputs.</summary>
    public static string Relative(string realRoot, string fullPath)
    {
        var relative = Path.GetRelativePath(realRoot, fullPath);
        return Path.DirectorySeparatorChar == '/' ? relative : relative.Replace(Path.DirectorySeparatorChar, '/');
    }

    /// <summary>True when <paramref name="path"/> is <paramref name="root"/> or inside it.</summary>
    public static bool IsUnder(string path, string root)
    {
        var trimmedRoot = Path.TrimEndingDirectorySeparator(root);
        var trimmedPath = Path.TrimEndingDirectorySeparator(path);
        if (string.Equals(trimmedPath, trimmedRoot, s_comparison))
        {
            return true;
        }

        // The root of the file system ('/') already ends with its separator.
        var prefix = Path.EndsInDirectorySeparator(trimmedRoot) ? trimmedRoot : trimmedRoot + Path.DirectorySeparatorChar;
        return trimmedPath.StartsWith(prefix, s_comparison);
    }

    /// <summary>The absolute, normalized <paramref name="fullPath"/> with every symbolic link in its
    /// existing part resolved; the part that does not exist yet is appended as it is.</summary>
    private static string RealPath(string fullPath)
    {
        var links = 0;
        var current = Path.GetPathRoot(fullPath)!;
        var rest = new Queue<string>(fullPath[current.Length..].Split(Path.DirectorySeparatorChar, StringSplitOptions.RemoveEmptyEntries));
        while (rest.TryDequeue(out var segment))
        {
            var next = Path.Combine(current, segment);
            var info = new FileInfo(next);
            if (info.LinkTarget is not { } target)
            {
                if (!info.Exists && !Directory.Exists(next))
                {
                    // Nothing further can be a link; the remainder is created, not followed.
                    return Path.GetFullPath(Path.Combine([next, .. rest]));
                }

                current = next;
                continue;
            }

            if (++links > MaxLinks)
            {
                throw new PathRefusedException($"too many symbolic links in {fullPath}");
            }

            // Restart from the link's target: it may be relative, hold '..' or pass through more links.
            var targetPath = Path.GetFullPath(target, current);
            var remaining = rest.ToArray();
            current = Path.GetPathRoot(targetPath)!;
            rest = new Queue<string>(targetPath[current.Length..].Split(Path.DirectorySeparatorChar, StringSplitOptions.RemoveEmptyEntries).Concat(remaining));
        }

        return current;
    }
}
