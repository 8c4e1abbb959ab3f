using FastFlow.Actions.Http;
using FastFlow.Actions.Tests.Support;
using FastFlow.Validation;
using static FastFlow.Actions.Tests.Support.ActionHarness;

namespace FastFlow.Actions.Tests.Http;

public sealed class ApiCallActionTests : IAsyncLifetime
{
    private readonly ApiCallAction _api = new();
    private readonly FlowEngineOptions _options = new();
    private TestHttpServer _server = null!;

    public async Task InitializeAsync() => _server = await TestHttpServer.StartAsync();

    public async Task DisposeAsync() => await _server.DisposeAsync();

    private Dictionary<string, object?> Get(string path, params (string Name, object? Value)[] more)
    {
        var parameters = new Dictionary<string, object?> { ["url"] = _server.Url(path) };
        foreach (var (name, value) in more)
        {
            parameters[name] = value;
        }

        return parameters;
    }

    [Fact]
    public async Task A_200_json_response_gives_status_headers_and_the_parsed_body()
    {
        var output = Output(await Run(_api, Get("/json"), _options));

        Assert.Equal(200L, output["status"]);
        var headers = Assert.IsType<Dictionary<string, object?>>(output["headers"]);
        Assert.Equal("application/json", headers["content-type"]);
        Assert.Equal("test", headers["x-served-by"]);
        var body = Assert.IsType<Dictionary<string, object?>>(output["body"]);
        Assert.Equal(true, body["ok"]);
        Assert.Equal(2L, body["n"]);
    }

    [Fact]
    public async Task A_text_body_stays_text_and_an_empty_one_is_null()
    {
        var text = Output(await Run(_api, Get("/text"), _options));
        var empty = Output(await Run(_api, Get("/status/204"), _options));

        Assert.Equal("hello", text["body"]);
        Assert.Equal(204L, empty["status"]);
        Assert.Null(empty["body"]);
    }

    [Fact]
    public async Task Method_headers_and_a_data_body_are_sent_as_json()
    {
        var output = Output(await Run(_api, Get("/echo",
            ("method", "post"),
            ("headers", new Dictionary<string, object?> { ["X-Test"] = "yes" }),
            ("body", new Dictionary<string, object?> { ["name"] = "café", ["n"] = 1L })), _options));

        var echoed = Assert.IsType<Dictionary<string, object?>>(output["body"]);
        Assert.Equal("POST", echoed["method"]);
        Assert.Equal("application/json; charset=utf-8", echoed["content_type"]);
        Assert.Equal("""{"name":"café","n":1}""", echoed["body"]);
        Assert.Equal("yes", echoed["x_test"]);
    }

    [Fact]
    public async Task A_string_body_is_sent_as_text_unless_a_content_type_says_otherwise()
    {
        var plain = Output(await Run(_api, Get("/echo", ("method", "PUT"), ("body", "raw text")), _options));
        var typed = Output(await Run(_api, Get("/echo", ("method", "PUT"), ("body", "<a/>"),
            ("headers", new Dictionary<string, object?> { ["Content-Type"] = "application/xml" })), _options));

        Assert.Equal("text/plain; charset=utf-8", ((Dictionary<string, object?>)plain["body"]!)["content_type"]);
        Assert.Equal("raw text", ((Dictionary<string, object?>)plain["body"]!)["body"]);
        Assert.Equal("application/xml", ((Dictionary<string, object?>)typed["body"]!)["content_type"]);
    }

    [Fact]
    public async Task A_404_is_a_permanent_failure_with_the_status_and_body()
    {
        var result = await Run(_api, Get("/status/404"), _options);

        Assert.Equal(ErrorCategory.Permanent, result.Error!.Category);
        Assert.Equal($"GET {_server.Url("/status/404")} answered 404 Not Found: status 404", result.Error.Message);
    }

    [Theory]
    [InlineData(500)]
    [InlineData(503)]
    [InlineData(429)]
    [InlineData(408)]
    public async Task Server_errors_and_try_again_statuses_are_transient(int status)
    {
        var result = await Run(_api, Get($"/status/{status}"), _options);

        Assert.Equal(ErrorCategory.Transient, result.Error!.Category);
        Assert.Contains($"answered {status}", result.Error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_refused_connection_is_a_transient_failure()
    {
        var url = $"http://127.0.0.1:{TestHttpServer.ClosedPort()}/x";

        var result = await Run(_api, new() { ["url"] = url }, _options);

        Assert.Equal(ErrorCategory.Transient, result.Error!.Category);
        Assert.StartsWith($"GET {url} failed: ", result.Error.Message, StringComparison.Ordinal);
        Assert.Contains("refused", result.Error.Message, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task Timeout_seconds_ends_a_request_that_does_not_answer_as_a_timeout()
    {
        var result = await Run(_api, Get("/hang", ("timeout_seconds", 0.2)), _options);

        Assert.Equal(ErrorCategory.Timeout, result.Error!.Category);
        Assert.Contains("did not answer within 0.2 s", result.Error.Message, StringComparison.Ordinal);
        await _server.HangAborted.Task.WaitAsync(TimeSpan.FromSeconds(10));
    }

    [Fact]
    public async Task The_attempts_token_cancels_the_request()
    {
        using var cancel = new CancellationTokenSource();
        var running = Run(_api, Get("/hang"), _options, cancel.Token).AsTask();
        await _server.HangArrived.Task.WaitAsync(TimeSpan.FromSeconds(10));

        await cancel.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => running);
        await _server.HangAborted.Task.WaitAsync(TimeSpan.FromSeconds(10));
    }

    [Fact]
    public async Task Expect_status_accepts_the_listed_statuses_only()
    {
        var notFoundExpected = Output(await Run(_api, Get("/status/404", ("expect_status", 404L)), _options));
        var listed = Output(await Run(_api, Get("/json", ("expect_status", List(200L, 201L))), _options));
        var unexpected = await Run(_api, Get("/json", ("expect_status", List(201L, 202L))), _options);

        Assert.Equal(404L, notFoundExpected["status"]);
        Assert.Equal("status 404", notFoundExpected["body"]);
        Assert.Equal(200L, listed["status"]);
        Assert.Equal(ErrorCategory.Permanent, unexpected.Error!.Category);
        Assert.Contains("expected 201 or 202, got 200 OK", unexpected.Error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_error_body_in_json_is_quoted_in_the_failure()
    {
        var result = await Run(_api, Get("/problem"), _options);

        Assert.Equal(ErrorCategory.Permanent, result.Error!.Category);
        Assert.Contains("""400 Bad Request: {"title":"bad request","field":"name"}""", result.Error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Prepare_checks_method_url_expect_status_and_timeout()
    {
        var diagnostics = Prepare(_api, new()
        {
            ["method"] = "GTE",
            ["url"] = "example.com/x",
            ["expect_status"] = List(200L, 700L),
            ["timeout_seconds"] = -1L,
            ["header"] = new Dictionary<string, object?>(),
        }, _options);
        var missing = Prepare(_api, new() { ["method"] = "GET" }, _options);
        var templated = Prepare(_api, new() { ["method"] = "${{ inputs.m }}", ["url"] = "${{ inputs.url }}/x", ["expect_status"] = "${{ inputs.s }}" }, _options);

        Assert.All(diagnostics, d => Assert.Equal(DiagnosticCodes.InvalidParameter, d.Code));
        Assert.Equal(["tasks.t.parameters.expect_status", "tasks.t.parameters.header", "tasks.t.parameters.method", "tasks.t.parameters.timeout_seconds", "tasks.t.parameters.url"],
            diagnostics.Select(d => d.Path).Order(StringComparer.Ordinal));
        Assert.StartsWith("Did you mean 'GET'?", diagnostics.Single(d => d.Path.EndsWith("method", StringComparison.Ordinal)).Hint, StringComparison.Ordinal);
        Assert.Equal("Did you mean 'headers'?", diagnostics.Single(d => d.Path.EndsWith("header", StringComparison.Ordinal)).Hint);
        Assert.Contains("needs the parameter 'url'", Assert.Single(missing).Message, StringComparison.Ordinal);
        Assert.Empty(templated);
    }

    [Fact]
    public async Task Http_disabled_in_the_engine_refuses_the_action()
    {
        var options = new FlowEngineOptions { AllowHttp = false };

        var diagnostic = Assert.Single(Prepare(_api, Get("/json"), options));
        var error = await Refused(_api, Get("/json"), options);

        Assert.Equal(DiagnosticCodes.ActionUnavailable, diagnostic.Code);
        Assert.Contains("HTTP is disabled", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_url_that_resolved_to_something_else_than_an_http_url_is_a_permanent_error()
    {
        var error = await Refused(_api, new() { ["url"] = "ftp://example.com/file" }, _options);

        Assert.Contains("not an absolute http or https URL: 'ftp://example.com/file'", error.Message, StringComparison.Ordinal);
    }
}
