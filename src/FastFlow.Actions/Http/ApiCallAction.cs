using System.Net.Http.Headers;
using System.Text;
using FastFlow.Actions.Parameters;
using FastFlow.Data;
using FastFlow.Validation;

namespace FastFlow.Actions.Http;

/// <summary><c>api_call</c>: one HTTP request (<c>method, url, headers, body, expect_status,
/// timeout_seconds</c>). Output <c>{ status, headers, body }</c>, the body parsed when it is JSON.
/// 5xx, 408, 429 and network errors are transient, other 4xx permanent, a status outside
/// <c>expect_status</c> permanent (naming expected and got), <c>timeout_seconds</c> running out a timeout.</summary>
internal sealed class ApiCallAction(HttpClient client) : FlowAction(ActionName)
{
    public const string ActionName = "api_call";

    private static readonly string[] s_parameters = ["method", "url", "headers", "body", "expect_status", "timeout_seconds"];
    private static readonly string[] s_methods = ["GET", "POST", "PUT", "PATCH", "DELETE", "HEAD", "OPTIONS"];

    public ApiCallAction() : this(SharedHttpClient.Instance)
    {
    }

    public override object? Prepare(ActionPreparation preparation)
    {
        var check = new ParameterCheck(preparation, ActionName);
        check.OnlyKnown(s_parameters);
        if (!preparation.EngineOptions.AllowHttp)
        {
            preparation.Report(DiagnosticCodes.ActionUnavailable, "action",
                $"Task '{preparation.TaskId}' makes an HTTP request, and HTTP is disabled in this engine.",
                "Set FlowEngineOptions.AllowHttp = true.");
        }

        if (check.TryGetConstant("method", out var method) && (method is not string name || !IsMethod(name)))
        {
            var closest = method is string text ? NameSuggester.Closest(text.ToUpperInvariant(), s_methods) : null;
            check.Report("method", $"'{method}' is not an HTTP method.",
                (closest is not null ? $"Did you mean '{closest}'? " : string.Empty) + "Use one of: " + string.Join(", ", s_methods) + ".");
        }

        if (check.Required("url", "https://example.com/api") && check.TryGetConstant("url", out var url) && !TryUrl(url, out _))
        {
            check.Report("url", $"'{url}' is not an absolute http or https URL.", "Write the whole URL: https://host/path.");
        }

        check.Shape("headers", static v => ParameterValues.TryTextMap(v, out _), "a map of header names to values");
        check.Shape("expect_status", static v => ParameterValues.TryIntList(v, out var codes) && codes.All(c => c is >= 100 and <= 599),
            "an HTTP status (100-599) or a list of them");
        check.Shape("timeout_seconds", static v => ParameterValues.TryNumber(v, out var n) && n > 0 && double.IsFinite(n), "a number of seconds above 0");
        return null;
    }

    public override async ValueTask<TaskResult> ExecuteAsync(TaskContext context)
    {
        var reader = new ParameterReader(context, ActionName);
        if (!context.EngineServices.Options.AllowHttp)
        {
            throw reader.Fail("cannot run: HTTP is disabled in this engine (FlowEngineOptions.AllowHttp)");
        }

        var method = (reader.OptionalString("method") ?? "GET").ToUpperInvariant();
        if (!IsMethod(method))
        {
            throw reader.Fail($"has an unknown method '{method}' (use one of: {string.Join(", ", s_methods)})");
        }

        var urlText = reader.RequiredString("url");
        if (!TryUrl(urlText, out var url))
        {
            throw reader.Fail($"has a url that is not an absolute http or https URL: '{urlText}'");
        }

        var headers = reader.TextMap("headers");
        var expected = reader.IntList("expect_status");
        var timeout = reader.PositiveNumber("timeout_seconds");
        using var request = new HttpRequestMessage(new HttpMethod(method), url);
        if (reader.Has("body"))
        {
            var body = reader.Raw("body");
            request.Content = body is string text
                ? new StringContent(text, Encoding.UTF8, "text/plain")
                : new StringContent(PlainData.ToJson(body), Encoding.UTF8, "application/json");
        }

        foreach (var (name, value) in headers)
        {
            AddHeader(request, reader, name, value ?? string.Empty);
        }

        var what = $"{method} {url}";
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(context.CancellationToken);
        if (timeout is { } seconds)
        {
            deadline.CancelAfter(TimeSpan.FromSeconds(seconds));
        }

        HttpReply reply;
        try
        {
            using var response = await client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, deadline.Token).ConfigureAwait(false);
            reply = await HttpReply.ReadAsync(response, deadline.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (!context.CancellationToken.IsCancellationRequested && deadline.IsCancellationRequested)
        {
            return TaskResult.Failure(ErrorCategory.Timeout, $"{what} did not answer within {timeout} s (timeout_seconds).");
        }
        catch (HttpRequestException exception)
        {
            return TaskResult.Failure(new TaskError(ErrorCategory.Transient, $"{what} failed: {exception.Message}", exception));
        }

        return Outcome(what, reply, expected);
    }

    private static TaskResult Outcome(string what, HttpReply reply, List<int> expected)
    {
        var status = reply.Status;
        var success = expected.Count > 0 ? expected.Contains(status) : status is >= 200 and <= 299;
        if (success)
        {
            var output = new Dictionary<string, object?>(StringComparer.Ordinal)
            {
                ["status"] = (long)status,
                ["headers"] = reply.Headers,
                ["body"] = reply.ParsedBody(),
            };
            if (reply.Truncated)
            {
                output["truncated"] = true;
            }

            return TaskResult.Success(output);
        }

        // Servers say "try again" with 5xx, 408 (request timeout) and 429 (too many requests).
        var category = status is >= 500 or 408 or 429 ? ErrorCategory.Transient : ErrorCategory.Permanent;
        var expectation = expected.Count > 0 ? $"expected {string.Join(" or ", expected)}, got {reply.StatusText}" : $"answered {reply.StatusText}";
        return TaskResult.Failure(category, $"{what} {expectation}: {reply.BodyExcerpt}");
    }

    private static void AddHeader(HttpRequestMessage request, ParameterReader reader, string name, string value)
    {
        if (request.Headers.TryAddWithoutValidation(name, value))
        {
            return;
        }

        // Content headers (Content-Type...) belong to the body.
        if (request.Content is null)
        {
            throw reader.Fail($"sets the body header '{name}' without a body");
        }

        if (string.Equals(name, "Content-Type", StringComparison.OrdinalIgnoreCase))
        {
            request.Content.Headers.ContentType = MediaTypeHeaderValue.TryParse(value, out var type)
                ? type
                : throw reader.Fail($"has a Content-Type header that is not a media type: '{value}'");
            return;
        }

        request.Content.Headers.Remove(name);
        if (!request.Content.Headers.TryAddWithoutValidation(name, value))
        {
            throw reader.Fail($"has a header that cannot be sent: '{name}'");
        }
    }

    private static bool IsMethod(string method) => s_methods.Contains(method, StringComparer.OrdinalIgnoreCase);

    private static bool TryUrl(object? value, out Uri url)
    {
        url = null!;
        return value is string text && Uri.TryCreate(text, UriKind.Absolute, out url!) && url.Scheme is "http" or "https";
    }
}
