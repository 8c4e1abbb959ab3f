using System.Globalization;

namespace FastFlow.LoadGen;

/// <summary>What to measure, from the command line.</summary>
internal sealed record LoadOptions
{
    /// <summary>A running server ("host:port"); null starts one in this process.</summary>
    public string? Server { get; init; }

    /// <summary>The token for <see cref="Server"/>.</summary>
    public string? Token { get; init; }

    /// <summary>The in-process server's store: none, batched or immediate.</summary>
    public string Durability { get; init; } = "none";

    /// <summary>Connections, one client each.</summary>
    public int Clients { get; init; } = 64;

    /// <summary>Requests each client keeps outstanding.</summary>
    public int Pipeline { get; init; } = 8;

    /// <summary>How long to measure.</summary>
    public TimeSpan Duration { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>How long to run first without measuring.</summary>
    public TimeSpan Warmup { get; init; } = TimeSpan.FromSeconds(2);

    /// <summary>submit (submit-and-wait of the five-task no-op workflow) or ping.</summary>
    public string Mode { get; init; } = "submit";

    /// <summary>Print one JSON object instead of text.</summary>
    public bool Json { get; init; }

    public const string Usage = """
        fastflow-loadgen: drive a FastFlow server with many pipelined clients.

          --server HOST:PORT     a running server (default: start one in this process)
          --token T              its token (or FASTFLOW_TOKEN)
          --durability MODE      in-process server's store: none | batched | immediate (default none)
          --clients N            connections (default 64)
          --pipeline N           outstanding requests per connection (default 8)
          --seconds N            measuring time (default 10)
          --warmup N             unmeasured seconds first (default 2)
          --mode MODE            submit (submit-and-wait, five-task no-op) | ping (default submit)
          --json                 one JSON object
        """;

    /// <summary>Parses the arguments, or throws <see cref="ArgumentException"/> saying what is wrong.</summary>
    public static LoadOptions Parse(string[] args)
    {
        var options = new LoadOptions { Token = Environment.GetEnvironmentVariable("FASTFLOW_TOKEN") };
        for (var i = 0; i < args.Length; i++)
        {
            var name = args[i];
            string Value() => i + 1 < args.Length ? args[++i] : throw new ArgumentException($"{name} needs a value.");
            int Count(int min) => int.TryParse(Value(), NumberStyles.None, CultureInfo.InvariantCulture, out var n) && n >= min
                ? n
                : throw new ArgumentException($"{name} takes a whole number of at least {min}.");
            options = name switch
            {
                "--server" => options with { Server = Value() },
                "--token" => options with { Token = Value() },
                "--durability" => options with { Durability = OneOf(name, Value(), "none", "batched", "immediate") },
                "--clients" => options with { Clients = Count(1) },
                "--pipeline" => options with { Pipeline = Count(1) },
                "--seconds" => options with { Duration = TimeSpan.FromSeconds(Count(1)) },
                "--warmup" => options with { Warmup = TimeSpan.FromSeconds(Count(0)) },
                "--mode" => options with { Mode = OneOf(name, Value(), "submit", "ping") },
                "--json" => options with { Json = true },
                _ => throw new ArgumentException($"Unknown option '{name}'."),
            };
        }

        return options;
    }

    private static string OneOf(string name, string value, params string[] allowed) =>
        allowed.Contains(value, StringComparer.Ordinal) ? value : throw new ArgumentException($"{name} is one of {string.Join(", ", allowed)}; '{value}' is not.");
}
