using System.Text.Json;
using FastFlow.Cli.Durable;
using FastFlow.Storage.Runs;

namespace FastFlow.Cli.Output;

/// <summary>Checkpoints in JSON: <c>{ checkpoint_id, level, taken_at, covers, run_status, reason,
/// corrupt, problem }</c>; the <c>--json</c> object of <c>checkpoints</c> is <c>{ run_id, checkpoints: [...] }</c>.</summary>
internal static class CheckpointJson
{
    public static void WriteList(string runId, IReadOnlyList<CheckpointInfo> checkpoints) => JsonOutput.Write(writer =>
    {
        writer.WriteStartObject();
        writer.WriteString("run_id", runId);
        writer.WriteStartArray("checkpoints");
        foreach (var checkpoint in checkpoints)
        {
            Write(writer, checkpoint);
        }

        writer.WriteEndArray();
        writer.WriteEndObject();
    });

    /// <summary>One checkpoint; a damaged one has <c>null</c> for what could not be read.</summary>
    public static void Write(Utf8JsonWriter writer, CheckpointInfo checkpoint)
    {
        writer.WriteStartObject();
        writer.WriteNumber("checkpoint_id", checkpoint.CheckpointId);
        if (checkpoint.Corrupt)
        {
            writer.WriteNull("level");
            writer.WriteNull("taken_at");
            writer.WriteNull("covers");
            writer.WriteNull("run_status");
        }
        else
        {
            writer.WriteString("level", checkpoint.Level);
            RunJson.WriteTime(writer, "taken_at", TaskHistoryReplay.Utc(checkpoint.TakenAt));
            writer.WriteNumber("covers", checkpoint.CoversSequence);
            writer.WriteString("run_status", checkpoint.RunStatus);
        }

        writer.WriteString("reason", checkpoint.Reason);
        writer.WriteBoolean("corrupt", checkpoint.Corrupt);
        writer.WriteString("problem", checkpoint.Problem);
        writer.WriteEndObject();
    }
}
