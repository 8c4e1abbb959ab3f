using FastFlow.Cli.Durable;

namespace FastFlow.Cli.Output;

/// <summary>What the run summary says beyond the run itself: how this process stopped it, and
/// where it is kept (for the commands it suggests).</summary>
/// <param name="Data">The data directory the run is kept in; null for a run kept in memory.</param>
/// <param name="Interrupted">Cancelled by Ctrl-C or SIGTERM.</param>
/// <param name="TimedOut">Cancelled by <c>--timeout</c>.</param>
/// <param name="Server">For a run kept by a server: what names it in a suggested command (<c> --server HOST:PORT</c>).</param>
internal sealed record SummaryNotes(DataDirectory? Data, bool Interrupted = false, bool TimedOut = false, string? Server = null);
