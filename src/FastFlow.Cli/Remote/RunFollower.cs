using FastFlow.Cli.Commands;
using FastFlow.Client;
using FastFlow.Protocol.Messages;

namespace FastFlow.Cli.Remote;

/// <summary>Follows one run on a server until it ends or pauses, from its event stream: the
/// subscription is opened before the command acts on the run (starts, resumes or cancels it), so
/// no event of the act is missed; each event is shown as it comes; the run's final state is
/// asked for at the end.</summary>
internal static class RunFollower
{
    /// <summary>Events the server holds for this follower before it drops a slow one.</summary>
    private const int Buffer = 4096;

    /// <summary>Subscribes to <paramref name="runId"/>, runs <paramref name="act"/>, and returns the
    /// run's state once it has ended or paused.</summary>
    /// <param name="client">The connection.</param>
    /// <param name="runId">The run.</param>
    /// <param name="act">What the command does to the run once subscribed; null to only watch.</param>
    /// <param name="lines">Where each event is shown.</param>
    /// <param name="server">The server, for messages.</param>
    /// <param name="untilEnded">Follow through pauses, to the run's end (a cancel: a paused run stays paused until it is cancelled).</param>
    public static async Task<RunStateMessage> FollowAsync(
        FastFlowClient client, string runId, Func<Task>? act, EventLines lines, ServerAddress server, bool untilEnded = false)
    {
        var subscription = await client.SubscribeAsync(runId, Buffer).ConfigureAwait(false);
        await using (subscription.ConfigureAwait(false))
        {
            if (act is not null)
            {
                // Subscribed before the act: its events, up to the run's end or pause, are all in the stream.
                await act().ConfigureAwait(false);
            }
            else
            {
                // Only watching: the run may have ended (or paused) before the subscription began.
                var state = await client.GetRunAsync(runId).ConfigureAwait(false);
                if (IsEnded(state.Status) || (!untilEnded && state.Status == "paused"))
                {
                    return state;
                }
            }

            await foreach (var item in subscription.ReadAllAsync().ConfigureAwait(false))
            {
                if (item.RunId != runId)
                {
                    continue;
                }

                lines.Write(item);
                if (item.EventType == "workflow.paused" && !untilEnded)
                {
                    return await client.GetRunAsync(runId).ConfigureAwait(false);
                }

                if (item.EventType is "workflow.completed" or "workflow.failed" or "workflow.cancelled")
                {
                    return await client.WaitRunAsync(runId).ConfigureAwait(false);
                }
            }

            return await AfterStreamEndedAsync(client, runId, subscription.Ended, lines, server, untilEnded).ConfigureAwait(false);
        }
    }

    /// <summary>The stream ended before the run's end was seen in it.</summary>
    private static async Task<RunStateMessage> AfterStreamEndedAsync(
        FastFlowClient client, string runId, SubscriptionEndedMessage? ended, EventLines lines, ServerAddress server, bool untilEnded)
    {
        switch (ended?.Reason)
        {
            case "shutting_down":
                throw new CommandFailedException(
                    $"the server at {server.Display} is shutting down: {ended.Message}",
                    $"the run goes on when the server starts again on the same data directory; `fastflow status {runId}{server.Option}` shows it then",
                    ExitCodes.ServerUnavailable);
            case "too_slow":
                // The run is not lost, only the live view: wait for its end without it.
                lines.Notice($"the event stream was dropped ({ended.Message}); waiting for the run to end");
                return await client.WaitRunAsync(runId).ConfigureAwait(false);
            default:
                // run_ended, or unsubscribed by the server: the run's state says which.
                var state = await client.GetRunAsync(runId).ConfigureAwait(false);
                return IsEnded(state.Status) || (!untilEnded && state.Status == "paused") ? state : await client.WaitRunAsync(runId).ConfigureAwait(false);
        }
    }

    /// <summary>Completed, failed or cancelled: nothing changes it any more (but a rollback).</summary>
    private static bool IsEnded(string status) => status is "completed" or "failed" or "cancelled";
}
