using System.Globalization;
using System.Threading.Channels;
using FastFlow.Cli.Running;
using FastFlow.Events;

namespace FastFlow.Cli.Output;

/// <summary>Progress for pipes and logs: one timestamped line per event,
/// <c>12:00:01.123 task.started extract</c>.</summary>
internal sealed class LineProgress(TextWriter writer) : IRunDisplay
{
    public async Task ShowAsync(ChannelReader<FlowEvent> events, RunProgress progress)
    {
        await foreach (var flowEvent in events.ReadAllAsync().ConfigureAwait(false))
        {
            var task = progress.Apply(flowEvent);
            writer.WriteLine(Durations.Clock(flowEvent.Timestamp) + " " + Describe(flowEvent, task, progress));
        }
    }

    public void Notice(string text) => writer.WriteLine(Durations.Clock(DateTimeOffset.Now) + " " + text);

    private static string Describe(FlowEvent flowEvent, TaskProgress? task, RunProgress progress)
    {
        var name = flowEvent.Type.ToWireName();
        if (task is null)
        {
            var line = $"{name} {progress.WorkflowId}";
            return flowEvent.Type switch
            {
                FlowEventType.WorkflowCreated => $"{line} run {progress.RunId}",
                FlowEventType.WorkflowFailed or FlowEventType.WorkflowCancelled when flowEvent.Error is { } error => $"{line}: {error}",
                _ => line,
            };
        }

        return flowEvent.Type switch
        {
            FlowEventType.TaskStarted when flowEvent.Attempt > 1 => $"{name} {task.Id} (attempt {flowEvent.Attempt})",
            FlowEventType.TaskCompleted => $"{name} {task.Id} ({Durations.Format(task.Duration(flowEvent.Timestamp) ?? TimeSpan.Zero)})",
            FlowEventType.TaskFailed => $"{name} {task.Id} ({task.Status.ToWireName()}){Error(flowEvent)}",
            FlowEventType.TaskRetrying => $"{name} {task.Id}{Error(flowEvent)}; attempt {flowEvent.Attempt + 1} in {Durations.Format(flowEvent.RetryDelay ?? TimeSpan.Zero)}",
            _ => $"{name} {task.Id}",
        };
    }

    private static string Error(FlowEvent flowEvent) =>
        flowEvent.Error is { } error ? string.Create(CultureInfo.InvariantCulture, $": {error}") : string.Empty;
}
