using System.Net;
using System.Net.Sockets;
using FastFlow.Cli.Tests.Support;

namespace FastFlow.Cli.Tests.Serve;

/// <summary><c>fastflow serve</c> as a real process: the ready line, the token (given, from a file,
/// made up), SIGTERM with a run under way and the restart that finishes it, a port in use, and the
/// options that open the server up (with their warnings).</summary>
public sealed class ServeTests : IDisposable
{
    private const string Token = "serve-tests-token";

    private readonly TempDirectory _dir = new();

    public void Dispose() => _dir.Dispose();

    [Fact]
    public async Task Sigterm_exits_0_and_a_run_under_way_finishes_after_a_restart_on_the_same_data_directory()
    {
        var file = _dir.Write("slow.yaml", """
            id: slow
            tasks:
              first: { action: noop }
              wait: { action: delay, dependencies: [first], parameters: { seconds: 4 } }
              after: { action: noop, dependencies: [wait] }
            """);
        var data = _dir.Combine("data");

        string runId;
        CliResult stopped;
        await using (var first = await ServeProcess.StartAsync(_dir.Path, "--data", data, "--token", Token))
        {
            var submitted = await Tool.RunAsync(_dir.Path, "submit", file, "--server", first.Address, "--token", Token);
            Assert.True(submitted.ExitCode == 0, submitted.ToString());
            runId = submitted.StdOut.Trim();
            await first.TerminateAsync();
            stopped = await first.WaitAsync();
        }

        await using var second = await ServeProcess.StartAsync(_dir.Path, "--data", data, "--token", Token);
        var followed = await Tool.RunAsync(_dir.Path, "monitor", runId, "--json", "--server", second.Address, "--token", Token);

        Assert.True(stopped.ExitCode == 0, stopped.ToString());
        Assert.Contains("SIGTERM received", stopped.StdErr, StringComparison.Ordinal);
        Assert.Contains("(1 run): they go on when `fastflow serve --data", stopped.StdErr, StringComparison.Ordinal);
        Assert.EndsWith($"(data: {data})", second.ReadyLine, StringComparison.Ordinal);
        Assert.True(followed.ExitCode == 0, followed.ToString());
        var end = System.Text.Json.JsonDocument.Parse(followed.Lines[^1]).RootElement;
        Assert.Equal("run.ended", end.GetProperty("type").GetString());
        Assert.Equal("completed", end.GetProperty("run").GetProperty("tasks").GetProperty("after").GetProperty("status").GetString());
    }

    [Fact]
    public async Task A_made_up_token_is_printed_once_and_is_the_one_the_server_accepts()
    {
        await using var server = await ServeProcess.StartAsync(_dir.Path, "--in-memory");
        var health = await Tool.RunAsync(_dir.Path, "health", "--server", server.Address, "--token", TokenOf(server));
        var without = await Tool.RunAsync(_dir.Path, "health", "--server", server.Address);
        await server.TerminateAsync();
        var ended = await server.WaitAsync();

        Assert.True(health.ExitCode == 0, health.ToString());
        Assert.Contains(": ok (", health.StdOut, StringComparison.Ordinal);
        Assert.Equal(43, TokenOf(server).Length);
        Assert.Single(ended.Lines, static l => l.StartsWith("token: ", StringComparison.Ordinal));
        Assert.Equal(1, CountOf(ended.StdOut + ended.StdErr, TokenOf(server)));
        Assert.True(without.ExitCode == 5, without.ToString());
        Assert.Contains("--token TOKEN or FASTFLOW_TOKEN=TOKEN", without.StdErr, StringComparison.Ordinal);
        Assert.True(ended.ExitCode == 0, ended.ToString());
    }

    [Fact]
    public async Task The_token_file_gives_the_token_and_a_missing_or_empty_one_is_exit_2()
    {
        var tokenFile = _dir.Write("token.txt", "from-the-file\nsecond line\n");
        var empty = _dir.Write("empty.txt", "\n");

        var missing = await Tool.RunAsync(_dir.Path, "serve", "--port", "0", "--in-memory", "--token-file", _dir.Combine("nope.txt"));
        var blank = await Tool.RunAsync(_dir.Path, "serve", "--port", "0", "--in-memory", "--token-file", empty);
        await using var server = await ServeProcess.StartAsync(_dir.Path, "--in-memory", "--token-file", tokenFile);
        var health = await Tool.RunAsync(_dir.Path, "health", "--server", server.Address, "--token", "from-the-file");

        Assert.True(missing.ExitCode == 2, missing.ToString());
        Assert.Contains("nope.txt: there is no such file", missing.StdErr, StringComparison.Ordinal);
        Assert.True(blank.ExitCode == 2, blank.ToString());
        Assert.Contains("its first line is empty", blank.StdErr, StringComparison.Ordinal);
        Assert.True(health.ExitCode == 0, health.ToString());
    }

    [Fact]
    public async Task A_port_in_use_is_exit_2_naming_the_port_and_the_option()
    {
        using var taken = new TcpListener(IPAddress.Loopback, 0);
        taken.Start();
        var port = ((IPEndPoint)taken.LocalEndpoint).Port.ToString(System.Globalization.CultureInfo.InvariantCulture);

        var result = await Tool.RunAsync(_dir.Path, "serve", "--port", port, "--in-memory", "--token", Token);

        Assert.True(result.ExitCode == 2, result.ToString());
        Assert.Contains($"port {port} is in use; pick another with --port", result.StdErr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Without_auth_on_every_interface_it_warns_of_both_and_runs_the_allowed_programs()
    {
        var file = _dir.Write("echo.yaml", """
            id: greet
            tasks:
              hello: { action: exec, parameters: { command: echo, args: [hello] } }
            """);

        await using var server = await ServeProcess.StartAsync(_dir.Path, "--in-memory", "--bind", "0.0.0.0", "--insecure-no-auth", "--allow-program", "echo");
        var port = server.Address[(server.Address.LastIndexOf(':') + 1)..];
        var result = await Tool.RunAsync(_dir.Path, "submit", file, "--wait", "--json", "--server", "127.0.0.1:" + port);
        await server.TerminateAsync();
        var ended = await server.WaitAsync();

        Assert.StartsWith("0.0.0.0:", server.Address, StringComparison.Ordinal);
        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Equal("completed", result.Json().GetProperty("tasks").GetProperty("hello").GetProperty("status").GetString());
        Assert.Contains("warning: listening on 0.0.0.0, not only on this machine", ended.StdErr, StringComparison.Ordinal);
        Assert.Contains("warning: --insecure-no-auth", ended.StdErr, StringComparison.Ordinal);
        Assert.DoesNotContain(ended.Lines, static l => l.StartsWith("token: ", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Nothing_listening_is_exit_5_naming_the_address()
    {
        int port;
        using (var probe = new TcpListener(IPAddress.Loopback, 0))
        {
            probe.Start();
            port = ((IPEndPoint)probe.LocalEndpoint).Port;
        }

        var result = await Tool.RunAsync(_dir.Path, "status", "some-run", "--server", $"127.0.0.1:{port}", "--token", Token);

        Assert.True(result.ExitCode == 5, result.ToString());
        Assert.Contains($"cannot reach a FastFlow server at 127.0.0.1:{port}", result.StdErr, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("health", "--server", "127.0.0.1:99999")]
    [InlineData("submit", "flow.yaml", "--server", "http://127.0.0.1:7400")]
    [InlineData("status", "r1", "--server", "127.0.0.1:7400", "--data", "d")]
    [InlineData("serve", "--port", "70000")]
    [InlineData("serve", "--token", "a", "--insecure-no-auth")]
    [InlineData("serve", "--data", "d", "--in-memory")]
    [InlineData("serve", "--bind", "not-an-address")]
    [InlineData("serve", "--port", "0", "--in-memory", "--token", "t", "--file-root", "no-such-dir")]
    public async Task Argument_mistakes_are_exit_2_with_what_is_wrong(params string[] args)
    {
        var result = await Tool.RunAsync(_dir.Path, args);

        Assert.True(result.ExitCode == 2, result.ToString());
        Assert.Contains("error:", result.StdErr, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", result.StdErr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Run_with_a_server_points_to_submit_wait()
    {
        _dir.Write("flow.yaml", "id: f\ntasks:\n  a: { action: noop }\n");

        var result = await Tool.RunAsync(_dir.Path, "run", "flow.yaml", "--server", "127.0.0.1:7400");

        Assert.True(result.ExitCode == 2, result.ToString());
        Assert.Contains("fastflow submit FILE --wait --server 127.0.0.1:7400", result.StdErr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_command_that_needs_a_server_without_one_says_how_to_name_it()
    {
        var info = Tool.StartInfo(_dir.Path, "health");
        info.Environment.Remove("FASTFLOW_SERVER");
        await using var process = new CliProcess(System.Diagnostics.Process.Start(info)!);
        var result = await process.WaitAsync();

        Assert.True(result.ExitCode == 2, result.ToString());
        Assert.Contains("pass --server HOST:PORT", result.StdErr, StringComparison.Ordinal);
    }

    private static string TokenOf(ServeProcess server) => server.TokenLine!["token: ".Length..];

    private static int CountOf(string text, string part)
    {
        var count = 0;
        for (var at = text.IndexOf(part, StringComparison.Ordinal); at >= 0; at = text.IndexOf(part, at + part.Length, StringComparison.Ordinal))
        {
            count++;
        }

        return count;
    }
}
