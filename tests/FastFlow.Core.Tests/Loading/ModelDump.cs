using System.Collections;
using System.Globalization;
using System.Text;
using System.Text.Json;
using FastFlow.Definitions;

namespace FastFlow.Core.Tests.Loading;

/// <summary>A definition as canonical text: every field of the model (not the source map), with
/// value types tagged (5L, 5.0D), so two definitions are equal models exactly when their dumps
/// are equal strings.</summary>
internal static class ModelDump
{
    public static string Of(WorkflowDefinition d)
    {
        var text = new StringBuilder();
        text.AppendLine($"workflow id={S(d.Id)} name={S(d.Name)} version={S(d.SchemaVersion)} revision={d.Revision} description={S(d.Description)}");
        text.AppendLine($"  timeout={N(d.TimeoutSeconds)} max_concurrency={d.MaxConcurrency} on_failure={d.OnFailure}");
        text.AppendLine($"  defaults timeout={N(d.Defaults.TimeoutSeconds)} retry={Retry(d.Defaults.Retry)} trigger={d.Defaults.TriggerRule} priority={d.Defaults.Priority} on_failure={d.Defaults.OnFailure}");
        foreach (var input in d.Inputs)
        {
            text.AppendLine($"  input {S(input.Name)} type={input.Type} required={input.Required} default={(input.HasDefault ? V(input.Default) : "-")} description={S(input.Description)}");
        }

        foreach (var output in d.Outputs)
        {
            text.AppendLine($"  output {S(output.Name)} = {S(output.Expression)}");
        }

        foreach (var task in d.Tasks)
        {
            var o = task.Options;
            text.AppendLine($"  task {S(task.Id)} explicit={d.Tasks.HasExplicitId(task.Index)} deps=[{string.Join(",", task.DependencyIds.Select(S))}]");
            text.AppendLine($"    name={S(o.Name)} description={S(o.Description)} action={S(o.Action)} handler={S(o.Handler)} agent={S(o.AgentId)}");
            text.AppendLine($"    capabilities={L(o.Capabilities)} coordination={V(o.Coordination)} parameters={V(o.Parameters)}");
            text.AppendLine($"    when={S(o.When)} conditions={L(o.Conditions)} trigger={o.TriggerRule} priority={o.Priority} timeout={N(o.TimeoutSeconds)}");
            text.AppendLine($"    retry={Retry(o.Retry)} on_failure={o.OnFailure} mode={o.ExecutionMode}");
            if (o.Compensation is { } c)
            {
                text.AppendLine($"    compensation action={S(c.Action)} handler={S(c.Handler)} parameters={V(c.Parameters)}");
            }
        }

        foreach (var u in d.Tasks.Unresolved)
        {
            text.AppendLine($"  unresolved {d.Tasks.GetId(u.Task)}[{u.Ordinal}] -> {S(u.Name)}");
        }

        return text.ToString();
    }

    private static string Retry(RetrySettings? r) => r is null
        ? "-"
        : $"(attempts={r.MaxAttempts} base={N(r.BaseDelaySeconds)} max={N(r.MaxDelaySeconds)} exp={r.ExponentialBackoff} jitter={r.Jitter} errors={(r.RetriableErrors is null ? "-" : string.Join(",", r.RetriableErrors))})";

    private static string S(string? s) => s is null ? "-" : JsonSerializer.Serialize(s);

    private static string N(double? n) => n is null ? "-" : n.Value.ToString("R", CultureInfo.InvariantCulture);

    private static string L(IReadOnlyList<string>? list) => list is null ? "-" : "[" + string.Join(",", list.Select(S)) + "]";

    public static string V(object? value) => value switch
    {
        null => "null",
        bool b => b ? "true" : "false",
        long l => l.ToString(CultureInfo.InvariantCulture) + "L",
        double x => x.ToString("R", CultureInfo.InvariantCulture) + "D",
        string s => JsonSerializer.Serialize(s),
        IEnumerable<KeyValuePair<string, object?>> map => "{" + string.Join(",", map.Select(kv => S(kv.Key) + ":" + V(kv.Value))) + "}",
        IEnumerable list => "[" + string.Join(",", list.Cast<object?>().Select(V)) + "]",
        _ => throw new ArgumentException("not plain data: " + value.GetType()),
    };
}
