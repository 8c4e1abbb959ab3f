namespace FastFlow.Actions.Exec;

/// <summary>Whether the engine lets <c>exec</c> start a program: <see cref="FlowEngineOptions.AllowExec"/>
/// must be set, and when <see cref="FlowEngineOptions.ExecAllowList"/> is not empty the program must
/// be on it, by the name written in the definition or by its full path.</summary>
internal static class ExecPolicy
{
    /// <summary>How to enable <c>exec</c>, for hints and errors.</summary>
    public const string EnableHint =
        "Set FlowEngineOptions.AllowExec = true (and ExecAllowList to limit the programs). `fastflow run` enables exec " +
        "for local runs; a server enables it only by configuration.";

    /// <summary>True when <paramref name="command"/> (as written) may run; <paramref name="resolvedPath"/>
    /// is its full path once found, matched against allow-list entries that are full paths.</summary>
    public static bool IsAllowed(FlowEngineOptions options, string command, string? resolvedPath)
    {
        if (!options.AllowExec)
        {
            return false;
        }

        if (options.ExecAllowList.Count == 0)
        {
            return true;
        }

        foreach (var entry in options.ExecAllowList)
        {
            // A bare name on the list allows that name as written (found on the PATH), not any file
            // that happens to share it: 'echo' does not allow './tmp/echo'.
            if (string.Equals(entry, command, StringComparison.Ordinal)
                || (resolvedPath is not null && Path.IsPathFullyQualified(entry) && string.Equals(entry, resolvedPath, StringComparison.Ordinal)))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>Why <paramref name="command"/> is refused, as a sentence.</summary>
    public static string Refusal(FlowEngineOptions options, string? command) => !options.AllowExec
        ? "exec is disabled in this engine (it starts programs). " + EnableHint
        : $"'{command}' is not on this engine's exec allow-list ({string.Join(", ", options.ExecAllowList)}).";
}
