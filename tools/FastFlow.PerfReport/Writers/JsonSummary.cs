using System.Text.Json;
using FastFlow.PerfReport.Machine;

namespace FastFlow.PerfReport.Writers;

/// <summary>Writes perf-reports/&lt;date&gt;-&lt;machine&gt;.json, the figures for programs: the
/// machine, one entry per benchmark (suite, method, category, parameters, job, baseline,
/// mean_ns, median_ns, allocated_bytes, ratio) and the DAG shapes' ns per task.</summary>
internal static class JsonSummary
{
    /// <summary>Writes the summary, indented, in UTF-8.</summary>
    public static void Write(Stream stream, BenchmarkReport report)
    {
        using var json = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = true });
        json.WriteStartObject();
        json.WriteString("date", report.Date);
        WriteMachine(json, report.Machine);

        json.WriteStartArray("benchmarks");
        foreach (var row in report.Rows)
        {
            var result = row.Result;
            json.WriteStartObject();
            json.WriteString("suite", result.Suite);
            json.WriteString("namespace", result.Namespace);
            json.WriteString("method", result.Method);
            json.WriteString("category", row.Category);
            json.WriteString("parameters", result.Parameters);
            json.WriteString("job", result.Job);
            json.WriteBoolean("baseline", row.IsBaseline);
            WriteNumber(json, "mean_ns", result.MeanNs);
            WriteNumber(json, "median_ns", result.MedianNs);
            WriteNumber(json, "allocated_bytes", result.AllocatedBytes);
            WriteNumber(json, "ratio", row.Ratio);
            json.WriteEndObject();
        }

        json.WriteEndArray();

        json.WriteStartArray("shapes");
        foreach (var shape in report.Shapes)
        {
            json.WriteStartObject();
            json.WriteString("shape", shape.Shape);
            WriteNumber(json, "fastflow_ns_per_task", shape.FastFlowNs);
            WriteNumber(json, "baseline_ns_per_task", shape.BaselineNs);
            json.WriteNumber("taskflow_4_1_ns_per_task", shape.TaskflowNs);
            json.WriteEndObject();
        }

        json.WriteEndArray();
        json.WriteEndObject();
    }

    private static void WriteMachine(Utf8JsonWriter json, MachineInfo machine)
    {
        json.WriteStartObject("machine");
        json.WriteString("slug", machine.Slug);
        foreach (var key in MachineInfo.Keys)
        {
            json.WriteString(key, machine[key]);
        }

        json.WriteEndObject();
    }

    private static void WriteNumber(Utf8JsonWriter json, string name, double? value)
    {
        if (value is { } number && double.IsFinite(number))
        {
            json.WriteNumber(name, number);
        }
        else
        {
            json.WriteNull(name);
        }
    }

    private static void WriteNumber(Utf8JsonWriter json, string name, long? value)
    {
        if (value is { } number)
        {
            json.WriteNumber(name, number);
        }
        else
        {
            json.WriteNull(name);
        }
    }
}
