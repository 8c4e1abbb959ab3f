namespace FastFlow.Cli.Output;

/// <summary>What the terminal can show: live progress and colors only when a person is watching.</summary>
internal static class Terminal
{
    /// <summary>True when stdout is a terminal (not a pipe or a file).</summary>
    public static bool StandardOutputIsInteractive => !Console.IsOutputRedirected && !IsDumb;

    /// <summary>Colors on stdout: a terminal, and the user did not opt out (https://no-color.org).</summary>
    public static bool ColorOnStandardOutput => StandardOutputIsInteractive && !NoColor;

    /// <summary>Colors on stderr, as for stdout.</summary>
    public static bool ColorOnStandardError => !Console.IsErrorRedirected && !IsDumb && !NoColor;

    private static bool NoColor => !string.IsNullOrEmpty(Environment.GetEnvironmentVariable("NO_COLOR"));

    private static bool IsDumb => Environment.GetEnvironmentVariable("TERM") == "dumb";
}
