using System.Threading.Channels;
using FastFlow.Cli.Running;
using FastFlow.Events;
using Spectre.Console;
using Spectre.Console.Rendering;

namespace FastFlow.Cli.Output;

/// <summary>Progress on a terminal: a live table of tasks (status, attempts, duration) redrawn as
/// events arrive and a few times a second for the running clocks; cleared at the end, when the
/// summary takes its place.</summary>
internal sealed class LiveProgress(IAnsiConsole console) : IRunDisplay
{
    /// <summary>Rows shown at most; a bigger run shows its busy and failed tasks first.</summary>
    private const int MaxRows = 24;

    private static readonly TimeSpan s_refresh = TimeSpan.FromMilliseconds(200);

    /// <summary>The last notice (cancelling…), written by signal threads, read by the renderer.</summary>
    private volatile string? _notice;

    public Task ShowAsync(ChannelReader<FlowEvent> events, RunProgress progress) =>
        console.Live(Render(progress))
            .AutoClear(true)
            .Overflow(VerticalOverflow.Ellipsis)
            .StartAsync(async context =>
            {
                var more = events.WaitToReadAsync().AsTask();
                while (true)
                {
                    if (await Task.WhenAny(more, Task.Delay(s_refresh)).ConfigureAwait(false) == more)
                    {
                        if (!await more.ConfigureAwait(false))
                        {
                            break;
                        }

                        while (events.TryRead(out var flowEvent))
                        {
                            progress.Apply(flowEvent);
                        }

                        more = events.WaitToReadAsync().AsTask();
                    }

                    context.UpdateTarget(Render(progress));
                }
            });

    public void Notice(string text) => _notice = text;

    private Rows Render(RunProgress progress)
    {
        var now = DateTimeOffset.UtcNow;
        var elapsed = progress.StartedAt is { } start ? Durations.Format(now - start) : "starting";
        var header = new Markup(
            $"[bold]{Markup.Escape(progress.WorkflowName ?? progress.WorkflowId)}[/] {StatusMarkup.Of(progress.Status)} " +
            $"[grey]{progress.DoneCount()}/{progress.Tasks.Count} tasks done · {elapsed}[/]");
        var table = new Table().Border(TableBorder.Rounded)
            .AddColumn("task")
            .AddColumn("status")
            .AddColumn(new TableColumn("attempts").RightAligned())
            .AddColumn(new TableColumn("duration").RightAligned());
        var shown = Shown(progress.Tasks);
        foreach (var task in shown)
        {
            table.AddRow(
                Markup.Escape(task.Id),
                StatusMarkup.Of(task.Status),
                task.Attempts > 0 ? task.Attempts.ToString(System.Globalization.CultureInfo.InvariantCulture) : string.Empty,
                task.Duration(now) is { } duration ? Durations.Format(duration) : string.Empty);
        }

        if (shown.Count < progress.Tasks.Count)
        {
            table.Caption($"{progress.Tasks.Count - shown.Count} more tasks not shown");
        }

        var parts = new List<IRenderable> { header, table };
        if (_notice is { } notice)
        {
            parts.Add(new Markup($"[darkorange]{Markup.Escape(notice)}[/]"));
        }

        return new Rows(parts);
    }

    /// <summary>All tasks when they fit; otherwise the busy and failed ones first, in declaration order.</summary>
    private static List<TaskProgress> Shown(IReadOnlyList<TaskProgress> tasks)
    {
        if (tasks.Count <= MaxRows)
        {
            return [.. tasks];
        }

        var chosen = tasks
            .Select(static (task, index) => (task, index))
            .OrderBy(static pair => Rank(pair.task.Status))
            .Take(MaxRows)
            .OrderBy(static pair => pair.index)
            .Select(static pair => pair.task);
        return [.. chosen];
    }

    private static int Rank(FlowTaskStatus status) => status switch
    {
        FlowTaskStatus.InProgress or FlowTaskStatus.Assigned or FlowTaskStatus.Waiting => 0,
        FlowTaskStatus.Failed or FlowTaskStatus.Timeout => 1,
        FlowTaskStatus.Pending => 3,
        _ => 2,
    };
}
