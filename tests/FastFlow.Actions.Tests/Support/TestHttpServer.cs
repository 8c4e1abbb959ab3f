using System.Net;
using System.Net.Sockets;
using System.Text;
using FastFlow.Data;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace FastFlow.Actions.Tests.Support;

/// <summary>A real Kestrel server on 127.0.0.1 with an ephemeral port, answering a fixed set of
/// paths that play the endpoints api_call and HTTP agents meet.</summary>
internal sealed class TestHttpServer : IAsyncDisposable
{
    private readonly WebApplication _app;

    private TestHttpServer(WebApplication app, Uri baseUri)
    {
        _app = app;
        BaseUri = baseUri;
    }

    public Uri BaseUri { get; }

    /// <summary>Completes when a request reaches /hang (which then never answers).</summary>
    public TaskCompletionSource HangArrived { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>Completes when the /hang request is aborted by the client.</summary>
    public TaskCompletionSource HangAborted { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public string Url(string path) => new Uri(BaseUri, path).ToString();

    public static async Task<TestHttpServer> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        var app = builder.Build();
        TestHttpServer? server = null;
        app.Run(context => server!.HandleAsync(context));
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.Single();
        server = new TestHttpServer(app, new Uri(address));
        return server;
    }

    /// <summary>A port nothing listens on: bound, then released.</summary>
    public static int ClosedPort()
    {
        var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        return port;
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }

    private async Task HandleAsync(HttpContext context)
    {
        var path = context.Request.Path.Value ?? "/";
        var response = context.Response;
        switch (path)
        {
            case "/json":
                await Write(response, 200, "application/json", """{"ok":true,"n":2}""");
                break;
            case "/text":
                await Write(response, 200, "text/plain", "hello");
                break;
            case "/problem":
                await Write(response, 400, "application/problem+json", """{"title":"bad request","field":"name"}""");
                break;
            case "/echo":
                await Echo(context);
                break;
            case "/hang":
                HangArrived.TrySetResult();
                try
                {
                    await Task.Delay(Timeout.Infinite, context.RequestAborted);
                }
                catch (OperationCanceledException)
                {
                    HangAborted.TrySetResult();
                }

                break;
            case "/agent/ok":
                var request = (Dictionary<string, object?>)PlainData.ParseJson(await ReadBody(context.Request))!;
                await Write(response, 200, "application/json", PlainData.ToJson(new Dictionary<string, object?>
                {
                    ["got"] = request["task_id"],
                    ["agent"] = request["agent_id"],
                    ["parameters"] = request["parameters"],
                    ["idempotency_key"] = context.Request.Headers["Idempotency-Key"].ToString(),
                    ["authorization"] = context.Request.Headers.Authorization.ToString(),
                    ["content_type"] = context.Request.ContentType,
                }));
                break;
            case "/agent/text":
                await Write(response, 200, "text/plain", "plain words");
                break;
            case "/agent/error":
                await Write(response, 422, "application/json", """{"error":{"category":"permanent","message":"bad input"}}""");
                break;
            case "/agent/busy":
                await Write(response, 503, "text/plain", "overloaded, come back later");
                break;
            case "/agent/malformed":
                await Write(response, 200, "application/json", """{"result": [1, 2""");
                break;
            default:
                if (path.StartsWith("/status/", StringComparison.Ordinal) && int.TryParse(path["/status/".Length..], out var status))
                {
                    await Write(response, status, "text/plain", status == 204 ? string.Empty : $"status {status}");
                    break;
                }

                await Write(response, 404, "text/plain", "no such path");
                break;
        }
    }

    private static async Task Echo(HttpContext context)
    {
        var request = context.Request;
        var body = await ReadBody(request);
        await Write(context.Response, 200, "application/json", PlainData.ToJson(new Dictionary<string, object?>
        {
            ["method"] = request.Method,
            ["content_type"] = request.ContentType,
            ["body"] = body,
            ["x_test"] = request.Headers["X-Test"].ToString(),
        }));
    }

    private static async Task<string> ReadBody(HttpRequest request)
    {
        using var reader = new StreamReader(request.Body, Encoding.UTF8);
        return await reader.ReadToEndAsync();
    }

    private static async Task Write(HttpResponse response, int status, string contentType, string body)
    {
        response.StatusCode = status;
        if (body.Length > 0)
        {
            response.ContentType = contentType;
            response.Headers["X-Served-By"] = "test";
            await response.WriteAsync(body);
        }
    }
}
