using FastFlow.Actions.Agents;
using FastFlow.Actions.Tests.Support;

namespace FastFlow.Actions.Tests.Agents;

public sealed class HttpAgentTransportTests : IAsyncLifetime
{
    private TestHttpServer _server = null!;

    public async Task InitializeAsync() => _server = await TestHttpServer.StartAsync();

    public async Task DisposeAsync() => await _server.DisposeAsync();

    private Task<TaskResult> Send(string path, IReadOnlyDictionary<string, string>? headers = null, CancellationToken cancellationToken = default) =>
        new HttpAgentTransport(new Uri(_server.Url(path)), headers).SendAsync(AgentRequests.For("remote"), cancellationToken).AsTask();

    [Fact]
    public async Task The_request_is_posted_as_json_and_a_2xx_body_is_the_output()
    {
        var result = await Send("/agent/ok", new Dictionary<string, string> { ["Authorization"] = "Bearer t0ken" });

        var output = Assert.IsType<Dictionary<string, object?>>(result.Output);
        Assert.Equal("analyze", output["got"]);
        Assert.Equal("remote", output["agent"]);
        Assert.Equal(2L, ((Dictionary<string, object?>)output["parameters"]!)["estimated_hours"]);
        Assert.Equal("run-7/analyze/2", output["idempotency_key"]);
        Assert.Equal("Bearer t0ken", output["authorization"]);
        Assert.Equal("application/json; charset=utf-8", output["content_type"]);
    }

    [Fact]
    public async Task A_plain_text_body_is_a_string_output()
    {
        var result = await Send("/agent/text");

        Assert.Equal("plain words", result.Output);
    }

    [Fact]
    public async Task An_error_object_in_a_non_2xx_body_sets_the_category()
    {
        var result = await Send("/agent/error");

        Assert.Equal(ErrorCategory.Permanent, result.Error!.Category);
        Assert.Equal("Agent 'remote': bad input", result.Error.Message);
    }

    [Fact]
    public async Task A_non_2xx_without_an_error_object_is_transient_naming_the_status()
    {
        var busy = await Send("/agent/busy");
        var missing = await Send("/agent/nowhere");

        Assert.Equal(ErrorCategory.Transient, busy.Error!.Category);
        Assert.Equal("Agent 'remote' answered 503 Service Unavailable: overloaded, come back later", busy.Error.Message);
        Assert.Equal(ErrorCategory.Transient, missing.Error!.Category);
        Assert.Contains("answered 404 Not Found", missing.Error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_malformed_json_reply_is_an_error_naming_the_agent_and_the_body()
    {
        var result = await Send("/agent/malformed");

        Assert.Equal(ErrorCategory.Permanent, result.Error!.Category);
        Assert.Equal("""Agent 'remote' answered with malformed JSON: {"result": [1, 2""", result.Error.Message);
    }

    [Fact]
    public async Task An_unreachable_agent_is_a_transient_failure()
    {
        var url = new Uri($"http://127.0.0.1:{TestHttpServer.ClosedPort()}/tasks");

        var result = await new HttpAgentTransport(url).SendAsync(AgentRequests.For("remote"), default);

        Assert.Equal(ErrorCategory.Transient, result.Error!.Category);
        Assert.StartsWith($"Agent 'remote' could not be reached at {url}", result.Error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Cancellation_aborts_the_request()
    {
        using var cancel = new CancellationTokenSource();
        var running = Send("/hang", cancellationToken: cancel.Token);
        await _server.HangArrived.Task.WaitAsync(TimeSpan.FromSeconds(10));

        await cancel.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => running);
        await _server.HangAborted.Task.WaitAsync(TimeSpan.FromSeconds(10));
    }

    [Fact]
    public void Only_absolute_http_urls_are_accepted()
    {
        Assert.Throws<ArgumentException>(() => new HttpAgentTransport(new Uri("file:///tmp/x")));
    }
}
