// FastFlow example agent: one program, several roles (analyst, data, synthesizer, transformer,
// notifier). It follows the process-agent protocol of docs/agents.md:
//   - one task arrives as a JSON object on standard input;
//   - exit code 0 and a JSON value on standard output is the task's output;
//   - to fail, print { "error": { "category": ..., "message": ... } } and exit non-zero.
// Run it by hand:  echo '{"task_id":"t","agent_id":"analyst","parameters":{}}' | dotnet run agent.cs -- analyst
// examples/agents.yaml runs it through agent.sh, which builds it once and then starts it directly.
using System.Globalization;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;

var role = args.Length > 0 ? args[0] : "analyst";
var request = JsonNode.Parse(Console.In.ReadToEnd())?.AsObject() ?? [];
var parameters = request["parameters"] as JsonObject ?? [];

// Any task can ask an example agent to fail, to see how failures and retries look.
if (parameters["fail"] is JsonValue failure)
{
    return Reply(new JsonObject
    {
        ["error"] = new JsonObject { ["category"] = failure.ToString(), ["message"] = $"{role} was asked to fail ({failure})" },
    }, exitCode: 1);
}

return role switch
{
    "data" => Reply(Data.Run(request, parameters)),
    "analyst" => Reply(Analyst.Run(request, parameters)),
    "synthesizer" => Reply(Synthesizer.Run(request)),
    "transformer" => Reply(Transformer.Run(request, parameters)),
    "notifier" => Reply(Notifier.Run(parameters)),
    _ => Reply(new JsonObject
    {
        ["error"] = new JsonObject { ["category"] = "permanent", ["message"] = $"unknown role '{role}'" },
    }, exitCode: 2),
};

static int Reply(JsonObject output, int exitCode = 0)
{
    var options = new JsonSerializerOptions { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };
    Console.Out.WriteLine(output.ToJsonString(options));
    return exitCode;
}

/// <summary>Extracts a data set and cleans it: the values are made up, but always the same for the same source.</summary>
static class Data
{
    public static JsonObject Run(JsonObject request, JsonObject parameters)
    {
        if ((string?)parameters["operation"] == "load")
        {
            var partitions = parameters["partitions"] as JsonObject ?? [];
            var loaded = partitions.Select(p => p.Value?["rows_out"]?.GetValue<long>() ?? 0).Sum();
            return new JsonObject
            {
                ["operation"] = "load",
                ["loaded_rows"] = loaded,
                ["partitions"] = new JsonArray([.. partitions.Select(p => (JsonNode?)JsonValue.Create(p.Key))]),
                ["loaded_at"] = DateTimeOffset.UtcNow.ToString("O", CultureInfo.InvariantCulture),
            };
        }

        var query = (string?)parameters["query"];
        var source = query?.Split(' ', StringSplitOptions.RemoveEmptyEntries).LastOrDefault() ?? (string?)request["workflow_id"] ?? "sample";
        var raw = Sample(source, 12);
        // Cleaning: readings above 95 are sensor glitches in this made-up source; the order (time) is kept.
        var values = raw.Where(v => v <= 95).ToArray();
        return new JsonObject
        {
            ["source"] = source,
            ["count"] = values.Length,
            ["dropped_outliers"] = raw.Length - values.Length,
            ["values"] = new JsonArray([.. values.Select(v => (JsonNode?)JsonValue.Create(v))]),
        };
    }

    /// <summary>Deterministic pseudo-random readings in 10..109, seeded by the source name (FNV-1a).</summary>
    private static long[] Sample(string source, int count)
    {
        var seed = 2166136261u;
        foreach (var c in source)
        {
            seed = (seed ^ c) * 16777619u;
        }

        var values = new long[count];
        for (var i = 0; i < count; i++)
        {
            seed = (seed * 1664525u) + 1013904223u;
            values[i] = 10 + (seed >> 8) % 100;
        }

        return values;
    }
}

/// <summary>Reviews its task: a summary from the parameters it received and statistics of any
/// numbers found upstream. analyst_1 looks at the distribution, analyst_2 at the trend.</summary>
static class Analyst
{
    public static JsonObject Run(JsonObject request, JsonObject parameters)
    {
        var agentId = (string?)request["agent_id"] ?? "analyst";
        var focus = agentId.EndsWith("_1", StringComparison.Ordinal) ? "distribution"
            : agentId.EndsWith("_2", StringComparison.Ordinal) ? "trend"
            : "overview";
        var values = Numbers.Find(request["upstream"]).Concat(Numbers.Find(parameters["values"])).ToArray();
        var findings = new JsonArray();
        foreach (var (name, value) in parameters)
        {
            findings.Add((JsonNode?)JsonValue.Create($"{name}: {value?.ToJsonString()}"));
        }

        var description = (string?)parameters["description"] ?? $"Analysis of task {(string?)request["task_id"]}";
        var hours = parameters["estimated_hours"]?.GetValue<double>();
        var summary = description
            + (hours is { } h ? $" (planned {h.ToString(CultureInfo.InvariantCulture)} h)" : string.Empty)
            + (parameters.Count > 0 ? $": reviewed {parameters.Count} parameter(s)" : ":");
        var output = new JsonObject
        {
            ["agent"] = agentId,
            ["task"] = (string?)request["task_id"],
            ["focus"] = focus,
            ["findings"] = findings,
        };
        if (values.Length > 0)
        {
            var mean = values.Average();
            var statistics = new JsonObject
            {
                ["count"] = values.Length,
                ["mean"] = Math.Round(mean, 2),
                ["min"] = values.Min(),
                ["max"] = values.Max(),
            };
            if (focus != "trend")
            {
                statistics["stddev"] = Math.Round(Math.Sqrt(values.Average(v => (v - mean) * (v - mean))), 2);
                summary += $" {values.Length} values, mean {Math.Round(mean, 2).ToString(CultureInfo.InvariantCulture)}";
            }

            if (focus != "distribution")
            {
                var half = values.Length / 2;
                var delta = values.Skip(half).DefaultIfEmpty(0).Average() - values.Take(half).DefaultIfEmpty(0).Average();
                statistics["trend"] = delta > 1 ? "rising" : delta < -1 ? "falling" : "flat";
                summary += $"{(focus == "trend" ? $" {values.Length} values," : ",")} trend {statistics["trend"]}";
            }

            output["statistics"] = statistics;
        }

        output["summary"] = summary;
        return output;
    }
}

/// <summary>Combines the outputs of the tasks before it (the request's "upstream"), falling back
/// to parameters that carry them.</summary>
static class Synthesizer
{
    public static JsonObject Run(JsonObject request)
    {
        var sources = new List<(string Task, JsonObject Output)>();
        foreach (var container in new[] { request["upstream"], request["parameters"] })
        {
            if (container is JsonObject map)
            {
                sources.AddRange(map.Where(p => p.Value is JsonObject).Select(p => (p.Key, (JsonObject)p.Value!)));
            }
        }

        if (sources.Count == 0)
        {
            return new JsonObject
            {
                ["agent"] = (string?)request["agent_id"],
                ["sources"] = new JsonArray(),
                ["summary"] = "Nothing to synthesize: the request carried no upstream outputs.",
            };
        }

        var parts = sources.Select(s => $"{s.Task}: {(string?)s.Output["summary"] ?? s.Output.ToJsonString()}").ToArray();
        var means = sources.Select(s => s.Output["statistics"]?["mean"]?.GetValue<double>()).OfType<double>().ToArray();
        var trends = sources.Select(s => (string?)s.Output["statistics"]?["trend"]).OfType<string>().Distinct().ToArray();
        var findings = new JsonArray([.. sources.SelectMany(s => s.Output["findings"] as JsonArray ?? []).Select(f => f?.DeepClone())]);
        var output = new JsonObject
        {
            ["agent"] = (string?)request["agent_id"],
            ["sources"] = new JsonArray([.. sources.Select(s => (JsonNode?)JsonValue.Create(s.Task))]),
            ["summary"] = $"Combined {sources.Count} result(s). " + string.Join(" | ", parts),
            ["findings"] = findings,
        };
        if (means.Length > 0)
        {
            output["overall_mean"] = Math.Round(means.Average(), 2);
        }

        if (trends.Length > 0)
        {
            output["trend"] = trends.Length == 1 ? trends[0] : "mixed";
        }

        return output;
    }
}

/// <summary>Transforms one partition of the rows: partition p of n gets every n-th row.</summary>
static class Transformer
{
    public static JsonObject Run(JsonObject request, JsonObject parameters)
    {
        var partition = parameters["partition"]?.GetValue<long>() ?? 0;
        var of = Math.Max(1, parameters["of"]?.GetValue<long>() ?? 1);
        var rows = parameters["rows"] is JsonValue value && value.TryGetValue<long>(out var n) ? n : 0;
        var mine = rows <= partition ? 0 : ((rows - partition - 1) / of) + 1;
        return new JsonObject
        {
            ["agent"] = (string?)request["agent_id"],
            ["partition"] = partition,
            ["of"] = of,
            ["rows_in"] = rows,
            ["rows_out"] = mine,
        };
    }
}

/// <summary>"Sends" a notification: writes it to standard error (the engine's log) and says to whom.</summary>
static class Notifier
{
    public static JsonObject Run(JsonObject parameters)
    {
        var to = parameters["to"] is JsonArray list ? list.Select(t => (string?)t).OfType<string>().ToArray() : [(string?)parameters["to"] ?? "nobody"];
        var text = (string?)parameters["text"] ?? "(no text)";
        Console.Error.WriteLine($"notify {string.Join(", ", to)}: {text}");
        return new JsonObject
        {
            ["delivered_to"] = new JsonArray([.. to.Select(t => (JsonNode?)JsonValue.Create(t))]),
            ["text"] = text,
        };
    }
}

/// <summary>The numbers of every list in a JSON tree (data sets), in document order; single
/// numbers such as counts are not data.</summary>
static class Numbers
{
    public static IEnumerable<double> Find(JsonNode? node) => node switch
    {
        JsonArray array => array.SelectMany(item => item is JsonValue value && value.GetValueKind() == JsonValueKind.Number
            ? [value.GetValue<double>()]
            : Find(item)),
        JsonObject map => map.SelectMany(p => Find(p.Value)),
        _ => [],
    };
}
