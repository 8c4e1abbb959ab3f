using System.CommandLine;
using FastFlow.Cli.Commands;

namespace FastFlow.Cli.Remote;

/// <summary><c>--server HOST:PORT</c> and <c>--token T</c>, with their environment variables
/// <c>FASTFLOW_SERVER</c> and <c>FASTFLOW_TOKEN</c>, made fresh for each command.</summary>
internal sealed class RemoteOptions
{
    /// <summary>The environment variable that names the server when <c>--server</c> is not given.</summary>
    public const string ServerVariable = "FASTFLOW_SERVER";

    /// <summary>The environment variable that holds the token when <c>--token</c> is not given.</summary>
    public const string TokenVariable = "FASTFLOW_TOKEN";

    private RemoteOptions(Option<string> server, Option<string> token)
    {
        Server = server;
        Token = token;
    }

    /// <summary><c>--server HOST:PORT</c>.</summary>
    public Option<string> Server { get; }

    /// <summary><c>--token T</c>.</summary>
    public Option<string> Token { get; }

    /// <summary>The options, for a command that exists only against a server (<c>submit</c>, <c>monitor</c>, ...).</summary>
    public static RemoteOptions ForServerCommand() => Create(
        $"The server, as HOST:PORT (default: ${ServerVariable})");

    /// <summary>The options, for a command that also works on a data directory (<c>status</c>, <c>history</c>, ...).</summary>
    public static RemoteOptions ForDataCommand() => Create(
        $"Ask the server at HOST:PORT instead of a data directory (also ${ServerVariable}, unless --data is given)");

    private static RemoteOptions Create(string serverDescription)
    {
        var server = new Option<string>("--server")
        {
            Description = serverDescription,
            HelpName = "HOST:PORT",
        };
        server.Validators.Add(static result =>
        {
            var text = result.Tokens.Count > 0 ? result.Tokens[0].Value : string.Empty;
            if (ServerAddress.Problem(text) is { } problem)
            {
                result.AddError("--server: " + problem);
            }
        });
        var token = new Option<string>("--token")
        {
            Description = $"The server's token, as `fastflow serve` printed it (default: ${TokenVariable})",
            HelpName = "TOKEN",
        };
        return new RemoteOptions(server, token);
    }

    /// <summary>Adds both options to <paramref name="command"/>.</summary>
    public void AddTo(Command command)
    {
        command.Options.Add(Server);
        command.Options.Add(Token);
    }

    /// <summary>The server a command that exists only against a server talks to: <c>--server</c>,
    /// else <c>FASTFLOW_SERVER</c>.</summary>
    /// <exception cref="CommandFailedException">Neither is given, or the variable is not HOST:PORT.</exception>
    public ServerAddress Required(ParseResult parse, string commandName) =>
        Resolve(parse, useEnvironment: true) ?? throw new CommandFailedException(
            $"fastflow {commandName} talks to a server, and none was named",
            $"pass --server HOST:PORT (the address `fastflow serve` printed) or set {ServerVariable}=HOST:PORT");

    /// <summary>The server a command that also works on a data directory talks to, or null to use
    /// the data directory: <c>--server</c>, else <c>FASTFLOW_SERVER</c> when <c>--data</c> is not given.</summary>
    /// <exception cref="CommandFailedException"><c>--server</c> and <c>--data</c> are both given, or the variable is not HOST:PORT.</exception>
    public ServerAddress? Optional(ParseResult parse, Option<string> data)
    {
        var dataGiven = parse.GetResult(data) is not null;
        if (dataGiven && parse.GetResult(Server) is not null)
        {
            throw new CommandFailedException(
                "--server and --data cannot be used together: --server asks a server, --data reads a data directory on this machine",
                "leave out one of them (the server keeps its own data directory)");
        }

        return Resolve(parse, useEnvironment: !dataGiven);
    }

    /// <summary>Refuses options that act on this machine's engine, given with a server.</summary>
    /// <exception cref="CommandFailedException">One of <paramref name="localOnly"/> is given.</exception>
    public static void RefuseLocalOptions(ParseResult parse, params Option[] localOnly)
    {
        foreach (var option in localOnly)
        {
            if (parse.GetResult(option) is not null)
            {
                throw new CommandFailedException(
                    $"{option.Name} applies to runs on this machine, not to a server's",
                    $"leave out {option.Name}: the server uses what it was started with (`fastflow serve --agents F --file-root DIR`)");
            }
        }
    }

    private ServerAddress? Resolve(ParseResult parse, bool useEnvironment)
    {
        var token = parse.GetValue(Token) ?? NonEmpty(Environment.GetEnvironmentVariable(TokenVariable));
        if (parse.GetValue(Server) is { } given)
        {
            return ServerAddress.Parse(given, token, "--server");
        }

        if (useEnvironment && NonEmpty(Environment.GetEnvironmentVariable(ServerVariable)) is { } variable)
        {
            return ServerAddress.Parse(variable, token, ServerVariable);
        }

        return null;
    }

    private static string? NonEmpty(string? text) => string.IsNullOrWhiteSpace(text) ? null : text.Trim();
}
