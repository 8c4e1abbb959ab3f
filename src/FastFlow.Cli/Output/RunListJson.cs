using FastFlow.Cli.Durable;
using FastFlow.Storage.Runs;

namespace FastFlow.Cli.Output;

/// <summary>The <c>--json</c> object of <c>runs</c>: <c>{ runs: [ { run_id, workflow_id, status,
/// created_at, started_at, completed_at, error } ] }</c>, newest first.</summary>
internal static class RunListJson
{
    public static void Write(IReadOnlyList<RunRecord> runs) => JsonOutput.Write(writer =>
    {
        writer.WriteStartObject();
        writer.WriteStartArray("runs");
        foreach (var run in runs)
        {
            writer.WriteStartObject();
            writer.WriteString("run_id", run.RunId);
            writer.WriteString("workflow_id", run.WorkflowId);
            writer.WriteString("status", run.Status);
            RunJson.WriteTime(writer, "created_at", TaskHistoryReplay.Utc(run.CreatedAt));
            RunJson.WriteTime(writer, "started_at", run.StartedAt is { } started ? TaskHistoryReplay.Utc(started) : null);
            RunJson.WriteTime(writer, "completed_at", run.CompletedAt is { } completed ? TaskHistoryReplay.Utc(completed) : null);
            RunJson.WriteError(writer, "error", TaskHistoryReplay.ToError(run.Error));
            writer.WriteEndObject();
        }

        writer.WriteEndArray();
        writer.WriteEndObject();
    });
}
