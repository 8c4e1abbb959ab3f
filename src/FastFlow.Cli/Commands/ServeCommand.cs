using System.CommandLine;
using System.Globalization;
using System.Net;
using FastFlow.Cli.Output;
using FastFlow.Cli.Serving;
using FastFlow.Storage.Stores;

namespace FastFlow.Cli.Commands;

/// <summary><c>fastflow serve [--port N] [--bind ADDR] [--data DIR | --in-memory] [--token T |
/// --token-file F | --insecure-no-auth] [--allow-program P]... [--file-root DIR] [--agents F]
/// [--max-connections N] [--durability batched|immediate]</c>: the engine behind the TCP protocol
/// until SIGTERM or Ctrl-C.</summary>
internal static class ServeCommand
{
    /// <summary>The port of <c>fastflow serve</c> unless told otherwise.</summary>
    public const int DefaultPort = 7400;

    public static Command Create()
    {
        var port = new Option<int>("--port", "-p")
        {
            Description = "The TCP port to listen on; 0 picks a free one, named in the ready line",
            HelpName = "PORT",
            DefaultValueFactory = static _ => DefaultPort,
            CustomParser = static result =>
            {
                var text = result.Tokens.Count > 0 ? result.Tokens[0].Value : string.Empty;
                if (int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var value) && value <= IPEndPoint.MaxPort)
                {
                    return value;
                }

                result.AddError($"--port '{text}' is not a port: give a number from 1 to 65535, or 0 for a free one.");
                return 0;
            },
        };
        var bind = new Option<string>("--bind")
        {
            Description = "The address to listen on (default: 127.0.0.1, this machine only); 0.0.0.0 for every interface",
            HelpName = "ADDRESS",
        };
        bind.Validators.Add(static result =>
        {
            var text = result.Tokens.Count > 0 ? result.Tokens[0].Value : string.Empty;
            if (ParseAddress(text) is null)
            {
                result.AddError($"--bind '{text}' is not an IP address: give e.g. 127.0.0.1 (this machine only), 0.0.0.0 (every interface) or ::1.");
            }
        });
        var data = SharedOptions.Path("--data", "DIR", "The data directory to keep the runs in (default: ./.fastflow, created if missing; one process at a time)");
        var inMemory = new Option<bool>("--in-memory") { Description = "Keep runs in memory only: nothing survives the server" };
        var token = new Option<string>("--token")
        {
            Description = "The token clients must present (default: one is made up and printed once)",
            HelpName = "TOKEN",
        };
        token.Validators.Add(static result =>
        {
            if (result.Tokens.Any(static t => string.IsNullOrWhiteSpace(t.Value)))
            {
                result.AddError("--token needs a token, not an empty value; leave it out to have one made up.");
            }
        });
        var tokenFile = SharedOptions.Path("--token-file", "FILE", "Read the token from the first line of FILE (keeps it out of the process list)");
        var insecure = new Option<bool>("--insecure-no-auth")
        {
            Description = "Accept clients without a token. Anyone who can reach the port can run workflows: for a trusted network only",
        };
        var allowProgram = new Option<string[]>("--allow-program")
        {
            Description = "A program exec may start, by the name definitions use or a full path (repeatable); without it exec is refused",
            HelpName = "PROGRAM",
        };
        allowProgram.Validators.Add(static result =>
        {
            if (result.Tokens.Any(static t => string.IsNullOrWhiteSpace(t.Value)))
            {
                result.AddError("--allow-program needs a program name or path, not an empty value.");
            }
        });
        var fileRoot = SharedOptions.Path("--file-root", "DIR", "The folder file_operation may use; without it file_operation is refused");
        var agents = SharedOptions.Agents();
        var maxConnections = new Option<int>("--max-connections")
        {
            Description = "Open connections allowed; one more is refused with an error",
            HelpName = "N",
            DefaultValueFactory = static _ => 1024,
            CustomParser = static result =>
            {
                var text = result.Tokens.Count > 0 ? result.Tokens[0].Value : string.Empty;
                if (int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var value) && value >= 1)
                {
                    return value;
                }

                result.AddError($"--max-connections '{text}' is not a number of connections: give 1 or more.");
                return 0;
            },
        };
        var durability = new Option<string>("--durability")
        {
            Description = "When a run's step counts as written: batched (group commit, default) or immediate (each step flushed before it goes on)",
            HelpName = "MODE",
        };
        durability.AcceptOnlyFromAmong("batched", "immediate");
        var command = new Command("serve",
            "Run the FastFlow engine as a server: clients (`fastflow submit --server`, the .NET client) drive it over TCP.\n" +
            "Listens on 127.0.0.1 only unless --bind says otherwise. Every client must present the token (made up and printed\n" +
            "once when none is given). exec and file_operation are refused unless --allow-program / --file-root enable them.\n" +
            "Runs are kept in ./.fastflow (or --data DIR); those a stop or a crash left unfinished go on at the next start.\n" +
            "Prints 'fastflow serve listening on ADDRESS:PORT (data: DIR)' when ready. SIGTERM or Ctrl-C stops it: no new\n" +
            "work, active runs checkpointed, the store flushed; exit 0. Exit 2: invalid options, port in use, data directory in use.")
        {
            port,
            bind,
            data,
            inMemory,
            token,
            tokenFile,
            insecure,
            allowProgram,
            fileRoot,
            agents,
            maxConnections,
            durability,
        };
        command.Validators.Add(result =>
        {
            if (result.GetValue(inMemory) && result.GetResult(data) is not null)
            {
                result.AddError("--data and --in-memory cannot be used together: --data DIR keeps the runs in DIR, --in-memory keeps them nowhere.");
            }

            if (result.GetValue(inMemory) && result.GetResult(durability) is not null)
            {
                result.AddError("--durability applies to a data directory; --in-memory writes nothing.");
            }

            var tokenSources = new[] { result.GetResult(token) is not null, result.GetResult(tokenFile) is not null, result.GetValue(insecure) }.Count(static given => given);
            if (tokenSources > 1)
            {
                result.AddError("give at most one of --token, --token-file and --insecure-no-auth.");
            }
        });
        command.SetAction((parse, _) =>
        {
            var settings = Settings(
                parse.GetValue(port),
                parse.GetValue(bind),
                parse.GetValue(token),
                parse.GetValue(tokenFile),
                parse.GetValue(insecure)) with
            {
                DataDirectory = parse.GetValue(data),
                InMemory = parse.GetValue(inMemory),
                Durability = parse.GetValue(durability) == "immediate" ? StoreDurability.Immediate : StoreDurability.Batched,
                AllowedPrograms = parse.GetValue(allowProgram) ?? [],
                FileRoot = parse.GetValue(fileRoot) is { } root ? FileRoot(root) : null,
                AgentsFile = parse.GetValue(agents),
                MaxConnections = parse.GetValue(maxConnections),
            };
            Warn(settings);
            return ServeHost.RunAsync(settings);
        });
        return command;
    }

    /// <summary>Where to listen and the token, checked.</summary>
    private static ServeSettings Settings(int port, string? bind, string? token, string? tokenFile, bool insecure)
    {
        var address = bind is null ? IPAddress.Loopback : ParseAddress(bind)!;
        var (value, generated) = insecure
            ? (null, false)
            : token is not null
                ? (token.Trim(), false)
                : tokenFile is not null
                    ? (ServeToken.ReadFile(tokenFile), false)
                    : (ServeToken.Generate(), true);
        return new ServeSettings
        {
            EndPoint = new IPEndPoint(address, port),
            Token = value,
            TokenGenerated = generated,
            InsecureNoAuth = insecure,
        };
    }

    /// <summary>Warnings for settings that expose the server.</summary>
    private static void Warn(ServeSettings settings)
    {
        var printer = DiagnosticPrinter.ForStandardError();
        if (!IPAddress.IsLoopback(settings.EndPoint.Address))
        {
            printer.WriteWarning(
                $"listening on {settings.EndPoint.Address}, not only on this machine: anyone who can reach port {settings.EndPoint.Port} can try the token",
                "the protocol is not encrypted; keep it on a trusted network, or use --bind 127.0.0.1 behind an SSH tunnel or a TLS proxy");
        }

        if (settings.InsecureNoAuth)
        {
            printer.WriteWarning(
                "--insecure-no-auth: clients are not asked for a token; whoever reaches the port can run, pause and cancel workflows",
                "leave it out to require a token (one is made up and printed when --token is not given)");
        }
    }

    /// <summary>The folder of <c>--file-root</c>, as a full path.</summary>
    private static string FileRoot(string given)
    {
        var root = Path.GetFullPath(given);
        if (!Directory.Exists(root))
        {
            throw new CommandFailedException(
                $"--file-root '{given}' is not a directory",
                "give --file-root an existing folder for file_operation to use, or leave it out to refuse file_operation");
        }

        return root;
    }

    /// <summary>An IP address; <c>localhost</c> reads as 127.0.0.1.</summary>
    private static IPAddress? ParseAddress(string text) =>
        text == "localhost" ? IPAddress.Loopback : IPAddress.TryParse(text, out var address) ? address : null;
}
