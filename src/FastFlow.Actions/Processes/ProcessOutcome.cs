namespace FastFlow.Actions.Processes;

/// <summary>How a program ended and what it printed.</summary>
/// <param name="ExitCode">The exit code.</param>
/// <param name="Stdout">Everything printed on standard output (UTF-8).</param>
/// <param name="Stderr">Everything printed on standard error (UTF-8).</param>
/// <param name="Truncated">True when stdout or stderr went past <see cref="Text.OutputLimits.MaxTextChars"/> and was cut there.</param>
internal readonly record struct ProcessOutcome(int ExitCode, string Stdout, string Stderr, bool Truncated = false);
