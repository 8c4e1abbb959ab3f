using FastFlow.Cli.Tests.Support;

namespace FastFlow.Cli.Tests.Serve;

/// <summary>One <c>fastflow serve</c> on a temp data directory with a token, shared by the tests
/// of a class; <see cref="RunAsync"/> runs a remote command against it.</summary>
public sealed class ServerFixture : IAsyncLifetime
{
    public const string Token = "cli-tests-token-3f9a";

    private ServeProcess? _server;

    internal TempDirectory Directory { get; } = new();

    public string Address => _server?.Address ?? throw new InvalidOperationException("The server has not started.");

    public async Task InitializeAsync() =>
        _server = await ServeProcess.StartAsync(Directory.Path, "--data", Directory.Combine("data"), "--token", Token);

    /// <summary>Runs <c>fastflow ARGS --server ADDRESS --token TOKEN</c> in the fixture's directory.</summary>
    internal Task<CliResult> RunAsync(params string[] args) =>
        Tool.RunAsync(Directory.Path, [.. args, "--server", Address, "--token", Token]);

    /// <summary>Starts <c>fastflow ARGS --server ADDRESS --token TOKEN</c>; the caller watches it.</summary>
    internal CliProcess Start(params string[] args) =>
        Tool.Start(Directory.Path, [.. args, "--server", Address, "--token", Token]);

    public async Task DisposeAsync()
    {
        if (_server is not null)
        {
            await _server.DisposeAsync();
        }

        Directory.Dispose();
    }
}
