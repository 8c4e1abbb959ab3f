using CsCheck;

namespace FastFlow.Core.Tests.Loading;

/// <summary>Random definitions as document trees: every field of DESIGN §2 may appear, with
/// random ids, names, plain data, shorthands and both forms of <c>tasks</c>. Every generated
/// definition is valid in shape, so it must load without any diagnostic.</summary>
internal static class DefinitionGen
{
    private const string IdChars = "abcdefghijklmnopqrstuvwxyzABCXYZ0123456789._-";
    private const string TextChars = "abcdefghij XYZ0189_.-:#,'\"\\{}[]&*!|>%@`éß€\t\n";

    private static readonly KeyValuePair<string, object?>? s_none = null;
    private static readonly string[] s_actions = ["noop", "set", "condition_check", "delay", "exec", "fail", "agent_task"];
    private static readonly string[] s_triggers = ["all_success", "none_failed", "one_success", "all_done", "ALL_DONE"];
    private static readonly string[] s_priorities = ["low", "normal", "medium", "high", "critical", "High"];
    private static readonly string[] s_taskFailures = ["fail", "skip", "pause", "compensate"];
    private static readonly string[] s_runFailures = ["fail", "compensate", "pause"];
    private static readonly string[] s_modes = ["parallel", "sequential", "conditional"];
    private static readonly string[] s_categories = ["transient", "permanent", "timeout", "capacity", "business"];
    private static readonly string[] s_inputTypes = ["any", "string", "integer", "number", "boolean", "object", "array"];

    public static readonly Gen<string> Id = Gen.Char[IdChars].Array[1, 8].Select(c => new string(c));

    public static readonly Gen<string> Text = Gen.Char[TextChars].Array[0, 12].Select(c => new string(c));

    /// <summary>Plain words: written as plain YAML scalars, so the core schema is exercised.</summary>
    public static readonly Gen<string> Word = Gen.Char["abcdefxyz_"].Array[1, 6].Select(c => new string(c));

    public static readonly Gen<double> Finite = Gen.Double.Where(double.IsFinite);

    public static readonly Gen<object?> Scalar = Gen.Frequency(
        (1, Gen.Const((object?)null)),
        (1, Gen.Bool.Select(b => (object?)b)),
        (2, Gen.Long.Select(l => (object?)l)),
        (2, Gen.Int[-1000, 1000].Select(l => (object?)(long)l)),
        (2, Finite.Select(d => (object?)d)),
        (3, Text.Select(s => (object?)s)),
        (2, Word.Select(s => (object?)s)),
        (1, Gen.OneOf("true", "null", "12", "1.5", "0x1F", "~", "").Select(s => (object?)s)));

    public static readonly Gen<object?> Data = DataOf(3);

    public static readonly Gen<Map> Parameters = MapOf(DataOf(2));

    /// <summary>A whole definition.</summary>
    public static readonly Gen<Map> Definition =
        Gen.SelectMany(Id.HashSet[1, 6], Gen.Bool, (ids, listForm) => Workflow([.. ids], listForm));

    private static Gen<object?> DataOf(int depth) => depth == 0
        ? Scalar
        : Gen.Frequency(
            (4, Scalar),
            (1, MapOf(DataOf(depth - 1)).Select(m => (object?)m)),
            (1, DataOf(depth - 1).List[0, 4].Select(l => (object?)l)));

    private static Gen<Map> MapOf(Gen<object?> values) =>
        Gen.Select(Gen.OneOf(Text, Word), values).Array[0, 4].Select(entries =>
            new Map(entries.DistinctBy(e => e.Item1).Select(e => new KeyValuePair<string, object?>(e.Item1, e.Item2))));

    private static Gen<Map> Workflow(string[] ids, bool listForm) => Fields(
        Maybe("version", Gen.OneOf("2.0.0", "2.1", "2").Select(v => (object?)v)),
        Gen.OneOf(
            Id.Select(id => Entry("id", id)),
            Gen.Const(s_none)),
        // Always a name with a letter, so that an absent id can be made from it.
        Text.Select(t => Entry("name", "W" + t)),
        Maybe("revision", Gen.Int[0, 100].Select(r => (object?)(long)r)),
        Maybe("description", Text.Select(t => (object?)t)),
        Maybe("inputs", Id.HashSet[1, 3].SelectMany(names => Inputs([.. names])).Select(m => (object?)m)),
        Maybe("defaults", s_defaults.Select(m => (object?)m)),
        Maybe("timeout_seconds", s_number),
        Maybe("max_concurrency", Gen.Int[1, 64].Select(n => (object?)(long)n)),
        Maybe("on_failure", Gen.OneOf(s_runFailures).Select(s => (object?)s)),
        Tasks(ids, listForm).Select(t => Entry("tasks", t)),
        Maybe("outputs", Gen.Select(Id, Text).Array[1, 3].Select(outputs =>
            (object?)new Map(outputs.DistinctBy(o => o.Item1).Select(o => new KeyValuePair<string, object?>(o.Item1, o.Item2))))));

    private static Gen<object?> Tasks(string[] ids, bool listForm)
    {
        var tasks = ids.Select(id => Task(id, ids, listForm)).ToArray();
        var all = tasks.Aggregate(Gen.Const(Array.Empty<Map>()), (acc, task) => Gen.Select(acc, task, (a, t) => (Map[])[.. a, t]));
        return all.Select(maps => listForm
            ? (object?)maps.Select(m => (object?)m).ToList()
            : new Map(maps.Select((m, i) => new KeyValuePair<string, object?>(ids[i], m))));
    }

    private static Gen<Map> Task(string id, string[] ids, bool listForm) => Fields(
        listForm ? Gen.Const(Entry("id", id)) : Gen.Frequency((4, Gen.Const(s_none)), (1, Gen.Const(Entry("id", id)))),
        Gen.Frequency(
            (4, Gen.OneOf(s_actions).Select(a => Entry("action", a))),
            (1, Word.Select(h => Entry("handler", h)))),
        Maybe("name", Text.Select(t => (object?)t)),
        Maybe("description", Text.Select(t => (object?)t)),
        Maybe("agent_id", Id.Select(a => (object?)a)),
        Maybe("capabilities", StringsOrOne(Word)),
        Maybe("coordination", Parameters.Select(p => (object?)p)),
        Maybe("parameters", Parameters.Select(p => (object?)p)),
        Maybe("dependencies", StringsOrOne(Gen.Frequency((6, Gen.OneOf(ids)), (1, Gen.Const("ghost"))))),
        Maybe("when", Text.Select(t => (object?)t)),
        Maybe("conditions", StringsOrOne(Text)),
        Maybe("trigger_rule", Gen.OneOf(s_triggers).Select(s => (object?)s)),
        Maybe("priority", Gen.OneOf(s_priorities).Select(s => (object?)s)),
        Maybe("timeout_seconds", s_number),
        Gen.Frequency(
            (2, Gen.Const(Array.Empty<KeyValuePair<string, object?>>())),
            (1, s_retry.Select(r => new[] { new KeyValuePair<string, object?>("retry", r) })),
            (1, Gen.Select(Gen.Int[0, 9], s_number, Gen.Int[0, 2], (count, delay, which) => which switch
            {
                0 => new[] { new KeyValuePair<string, object?>("retry_count", (long)count) },
                1 => [new KeyValuePair<string, object?>("retry_delay", delay)],
                _ => [new("retry_count", (long)count), new("retry_delay", delay)],
            }))).Select(entries => entries.Length == 0 ? (KeyValuePair<string, object?>?)null : Entry("__spread", new Map(entries))),
        Maybe("on_failure", Gen.OneOf(s_taskFailures).Select(s => (object?)s)),
        Maybe("compensation", Fields(
            Gen.OneOf(Gen.OneOf(s_actions).Select(a => Entry("action", a)), Word.Select(h => Entry("handler", h))),
            Maybe("parameters", Parameters.Select(p => (object?)p))).Select(m => (object?)m)),
        Maybe("execution_mode", Gen.OneOf(s_modes).Select(s => (object?)s)));

    private static readonly Gen<object?> s_number = Gen.OneOf(
        Gen.Int[1, 3600].Select(n => (object?)(long)n),
        Gen.Double[0.001, 1000].Select(d => (object?)d));

    private static readonly Gen<Map> s_retry = Fields(
        Maybe("max_attempts", Gen.Int[1, 10].Select(n => (object?)(long)n)),
        Maybe("base_delay_seconds", s_number),
        Maybe("max_delay_seconds", s_number),
        Maybe("exponential_backoff", Gen.Bool.Select(b => (object?)b)),
        Maybe("jitter", Gen.Bool.Select(b => (object?)b)),
        Maybe("retriable_errors", StringsOrOne(Gen.OneOf(s_categories))));

    private static readonly Gen<Map> s_defaults = Fields(
        Maybe("timeout_seconds", s_number),
        Maybe("retry", s_retry.Select(r => (object?)r)),
        Maybe("trigger_rule", Gen.OneOf(s_triggers).Select(s => (object?)s)),
        Maybe("priority", Gen.OneOf(s_priorities).Select(s => (object?)s)),
        Maybe("on_failure", Gen.OneOf(s_taskFailures).Select(s => (object?)s)));

    private static Gen<Map> Inputs(string[] names)
    {
        var input = Gen.Frequency(
            (1, Gen.Const((object?)null)),
            (5, Fields(
                Maybe("type", Gen.OneOf(s_inputTypes).Select(s => (object?)s)),
                Maybe("required", Gen.Bool.Select(b => (object?)b)),
                Maybe("default", Data),
                Maybe("description", Text.Select(t => (object?)t))).Select(m => (object?)m)));
        return input.Array[names.Length].Select(values =>
            new Map(names.Select((name, i) => new KeyValuePair<string, object?>(name, values[i]))));
    }

    /// <summary>A list of strings, or sometimes one string alone.</summary>
    private static Gen<object?> StringsOrOne(Gen<string> item) => Gen.Frequency(
        (3, item.List[0, 4].Select(l => (object?)l.Select(s => (object?)s).ToList())),
        (1, item.Select(s => (object?)s)));

    private static Gen<KeyValuePair<string, object?>?> Maybe(string name, Gen<object?> value) => Gen.Frequency(
        (1, Gen.Const(s_none)),
        (1, value.Select(v => Entry(name, v))));

    private static KeyValuePair<string, object?>? Entry(string name, object? value) => new KeyValuePair<string, object?>(name, value);

    /// <summary>A mapping of the fields that are present; a <c>__spread</c> entry adds several.</summary>
    private static Gen<Map> Fields(params Gen<KeyValuePair<string, object?>?>[] fields) =>
        fields.Aggregate(Gen.Const(new Map()), (acc, field) => Gen.Select(acc, field, (map, entry) =>
        {
            if (entry is not { } e)
            {
                return map;
            }

            var next = new Map(map);
            if (e.Key == "__spread")
            {
                next.AddRange((Map)e.Value!);
            }
            else
            {
                next.Add(e);
            }

            return next;
        }));
}
