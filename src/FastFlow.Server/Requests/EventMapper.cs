using FastFlow.Events;
using FastFlow.Protocol.Messages;
using FastFlow.Storage.Runs;

namespace FastFlow.Server.Requests;

/// <summary>The engine's events as pushed <see cref="EventMessage"/> frames.</summary>
internal static class EventMapper
{
    /// <summary>One event of subscription <paramref name="subscription"/>.</summary>
    public static EventMessage From(FlowEvent flowEvent, long subscription) => new()
    {
        Subscription = subscription,
        EventType = flowEvent.Type.ToWireName(),
        RunId = flowEvent.RunId,
        WorkflowId = flowEvent.WorkflowId,
        TaskId = flowEvent.TaskId,
        Attempt = flowEvent.Attempt,
        Time = flowEvent.Timestamp,
        RunStatus = flowEvent.RunStatus?.ToWireName(),
        TaskStatus = flowEvent.TaskStatus?.ToWireName(),
        Error = RunStateMapper.From(flowEvent.Error),
        RetryDelayMs = flowEvent.RetryDelay is { } delay ? (long)delay.TotalMilliseconds : null,
    };

    /// <summary>True for the event that ends a run: completed, failed or cancelled.</summary>
    public static bool EndsRun(FlowEventType type) =>
        type is FlowEventType.WorkflowCompleted or FlowEventType.WorkflowFailed or FlowEventType.WorkflowCancelled;

    /// <summary>The final event of a run that ended before the subscription began.</summary>
    public static EventMessage Ended(RunResult result, long subscription) => new()
    {
        Subscription = subscription,
        EventType = EndType(result.Status),
        RunId = result.RunId,
        WorkflowId = result.WorkflowId,
        Time = result.CompletedAt,
        RunStatus = result.Status.ToWireName(),
        Error = RunStateMapper.From(result.Error),
    };

    /// <summary>The final event of a stored run that ended before the subscription began.</summary>
    public static EventMessage Ended(RunRecord record, long subscription) => new()
    {
        Subscription = subscription,
        EventType = WireNames.TryParse<RunStatus>(record.Status, out var status) ? EndType(status.Value) : "workflow." + record.Status,
        RunId = record.RunId,
        WorkflowId = record.WorkflowId,
        Time = RunStateMapper.Utc(record.CompletedAt),
        RunStatus = record.Status,
        Error = RunStateMapper.From(record.Error),
    };

    private static string EndType(RunStatus status) => status switch
    {
        RunStatus.Completed => FlowEventType.WorkflowCompleted.ToWireName(),
        RunStatus.Failed => FlowEventType.WorkflowFailed.ToWireName(),
        _ => FlowEventType.WorkflowCancelled.ToWireName(),
    };
}
