namespace FastFlow.Cli.Remote;

/// <summary>What a remote request concerns, for the message of a refusal: the definition file
/// sent (its findings are reported against it) and the run named.</summary>
/// <param name="File">The definition file as the user named it, when one was sent.</param>
/// <param name="RunId">The run the request names, when it names one.</param>
internal sealed record RequestContext(string? File, string? RunId)
{
    /// <summary>A request about nothing in particular (health, list).</summary>
    public static RequestContext None { get; } = new(null, null);

    /// <summary>A request about one run.</summary>
    public static RequestContext ForRun(string runId) => new(null, runId);

    /// <summary>A request that sends a definition file.</summary>
    public static RequestContext ForFile(string file) => new(file, null);
}
