namespace FastFlow.Cli.Output;

/// <summary>Statuses as Spectre markup: the wire name in a color that says good, bad or busy.</summary>
internal static class StatusMarkup
{
    public static string Of(FlowTaskStatus status) => Colored(status.ToWireName(), status switch
    {
        FlowTaskStatus.Completed => "green",
        FlowTaskStatus.Failed or FlowTaskStatus.Timeout => "red",
        FlowTaskStatus.InProgress or FlowTaskStatus.Assigned => "yellow",
        FlowTaskStatus.Waiting => "darkorange",
        FlowTaskStatus.Compensated => "blue",
        _ => "grey",
    });

    public static string Of(RunStatus status) => Colored(status.ToWireName(), status switch
    {
        RunStatus.Completed => "bold green",
        RunStatus.Failed => "bold red",
        RunStatus.Running => "bold yellow",
        RunStatus.Paused => "bold darkorange",
        _ => "bold grey",
    });

    private static string Colored(string text, string style) => $"[{style}]{text}[/]";
}
