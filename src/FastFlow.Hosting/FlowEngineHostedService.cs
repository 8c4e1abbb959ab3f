using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace FastFlow.Hosting;

/// <summary>Builds the engine when the host starts (so configuration errors surface at start-up,
/// not on the first request) and, when it stops, waits up to the grace period for active runs to
/// end before the engine is disposed with the container.</summary>
internal sealed partial class FlowEngineHostedService(FlowEngine engine, IOptions<FastFlowOptions> options, ILogger<FlowEngineHostedService> logger) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public async Task StopAsync(CancellationToken cancellationToken)
    {
        var active = engine.ActiveRuns;
        if (active.Count == 0)
        {
            return;
        }

        LogWaiting(logger, active.Count, options.Value.ShutdownGrace.TotalSeconds);
        using var grace = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        grace.CancelAfter(options.Value.ShutdownGrace);
        try
        {
            await Task.WhenAll(active.Select(run => run.Completion)).WaitAsync(grace.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            LogAbandoned(logger, engine.ActiveRunCount);
        }
    }

    [LoggerMessage(EventId = 1, Level = LogLevel.Information, Message = "Waiting up to {Seconds} s for {Count} active FastFlow runs to end.")]
    private static partial void LogWaiting(ILogger logger, int count, double seconds);

    [LoggerMessage(EventId = 2, Level = LogLevel.Warning, Message = "{Count} FastFlow runs were still active when the host stopped; they are abandoned.")]
    private static partial void LogAbandoned(ILogger logger, int count);
}
