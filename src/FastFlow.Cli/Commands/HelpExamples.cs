using System.CommandLine;
using System.CommandLine.Help;
using System.CommandLine.Invocation;

namespace FastFlow.Cli.Commands;

/// <summary>Adds an "Examples:" section after the standard help of each command.</summary>
internal sealed class HelpExamples : SynchronousCommandLineAction
{
    private static readonly Dictionary<string, string[]> s_examples = new(StringComparer.Ordinal)
    {
        ["fastflow"] =
        [
            "fastflow validate examples/data-pipeline.yaml examples/multi-agent-processing.yaml --agents examples/agents.yaml",
            "fastflow graph examples/data-pipeline.yaml --format mermaid",
            "fastflow run examples/multi-agent-processing.yaml --agents examples/agents.yaml",
            "fastflow runs --status paused",
            "fastflow resume 01a20a69090c7c02a704a1188a1add1f --agents examples/agents.yaml",
            "fastflow bench --shape tree",
            "fastflow serve --port 7400 --token-file token.txt",
            "fastflow submit flow.yaml --wait --server 127.0.0.1:7400 --token \"$(cat token.txt)\"",
        ],
        ["validate"] =
        [
            "fastflow validate flow.yaml",
            "fastflow validate flows/*.yaml --agents agents.yaml",
            "fastflow validate flow.yaml --json",
        ],
        ["graph"] =
        [
            "fastflow graph flow.yaml",
            "fastflow graph flow.yaml --format dot --output flow.dot && dot -Tsvg flow.dot -o flow.svg",
            "fastflow graph flow.yaml --format mermaid",
        ],
        ["run"] =
        [
            "fastflow run flow.yaml --input source=orders --input batch_size=500",
            "fastflow run flow.yaml --inputs-file inputs.yaml --agents agents.yaml",
            "fastflow run flow.yaml --json --timeout 60 > result.json",
            "fastflow run flow.yaml --data /var/lib/fastflow --run-id nightly-2025-01-31",
            "fastflow run flow.yaml --in-memory",
        ],
        ["runs"] =
        [
            "fastflow runs",
            "fastflow runs --status failed --limit 10",
            "fastflow runs --data /var/lib/fastflow --json",
            "fastflow list --status running --workflow nightly --server 127.0.0.1:7400",
        ],
        ["status"] =
        [
            "fastflow status 01a20a69090c7c02a704a1188a1add1f",
            "fastflow status nightly-2025-01-31 --data /var/lib/fastflow --json",
            "FASTFLOW_SERVER=127.0.0.1:7400 fastflow status 01a20a69090c7c02a704a1188a1add1f",
        ],
        ["history"] =
        [
            "fastflow history 01a20a69090c7c02a704a1188a1add1f",
            "fastflow history 01a20a69090c7c02a704a1188a1add1f --json | jq '.entries[] | select(.type == \"task.failed\")'",
        ],
        ["checkpoints"] =
        [
            "fastflow checkpoints 01a20a69090c7c02a704a1188a1add1f",
            "fastflow checkpoints 01a20a69090c7c02a704a1188a1add1f --json",
        ],
        ["resume"] =
        [
            "fastflow resume 01a20a69090c7c02a704a1188a1add1f",
            "fastflow resume 01a20a69090c7c02a704a1188a1add1f --agents agents.yaml --json",
            "fastflow resume 01a20a69090c7c02a704a1188a1add1f --server 127.0.0.1:7400",
        ],
        ["cancel"] =
        [
            "fastflow cancel 01a20a69090c7c02a704a1188a1add1f",
            "fastflow cancel 01a20a69090c7c02a704a1188a1add1f --force",
            "fastflow cancel 01a20a69090c7c02a704a1188a1add1f --server 127.0.0.1:7400",
        ],
        ["rollback"] =
        [
            "fastflow rollback 01a20a69090c7c02a704a1188a1add1f",
            "fastflow rollback 01a20a69090c7c02a704a1188a1add1f --checkpoint 2 && fastflow resume 01a20a69090c7c02a704a1188a1add1f",
        ],
        ["verify"] =
        [
            "fastflow verify",
            "fastflow verify --data /var/lib/fastflow --json",
        ],
        ["migrate"] =
        [
            "fastflow migrate old.yaml",
            "fastflow migrate old.yaml --write",
            "fastflow migrate old.json > new.json",
        ],
        ["bench"] =
        [
            "fastflow bench --shape wavefront --size 1048576",
            "fastflow bench --shape chain --size 1000000 --workers 2 --json",
            "fastflow bench --workflow flow.yaml --input source=orders --runs 50000 --concurrency 16",
        ],
        ["serve"] =
        [
            "fastflow serve",
            "fastflow serve --port 7400 --data /var/lib/fastflow --token-file /etc/fastflow/token",
            "fastflow serve --bind 0.0.0.0 --allow-program python3 --file-root /srv/data",
            "fastflow serve --port 0 --in-memory --insecure-no-auth",
        ],
        ["submit"] =
        [
            "fastflow submit flow.yaml --input source=orders --server 127.0.0.1:7400",
            "fastflow submit flow.yaml --wait --json --server 127.0.0.1:7400 > result.json",
            "RUN=$(fastflow submit flow.yaml --priority high) && fastflow monitor $RUN",
        ],
        ["create"] =
        [
            "fastflow create flow.yaml --inputs-file inputs.yaml --server 127.0.0.1:7400",
            "RUN=$(fastflow create flow.yaml) && fastflow start $RUN",
        ],
        ["start"] =
        [
            "fastflow start 01a20a69090c7c02a704a1188a1add1f --server 127.0.0.1:7400",
        ],
        ["monitor"] =
        [
            "fastflow monitor 01a20a69090c7c02a704a1188a1add1f --server 127.0.0.1:7400",
            "fastflow monitor 01a20a69090c7c02a704a1188a1add1f --json | jq -c 'select(.type == \"task.failed\")'",
        ],
        ["debug"] =
        [
            "fastflow debug 01a20a69090c7c02a704a1188a1add1f --server 127.0.0.1:7400",
            "fastflow debug 01a20a69090c7c02a704a1188a1add1f --json | jq '.attempts'",
        ],
        ["stop"] =
        [
            "fastflow stop 01a20a69090c7c02a704a1188a1add1f --server 127.0.0.1:7400",
        ],
        ["health"] =
        [
            "fastflow health --server 127.0.0.1:7400",
            "FASTFLOW_SERVER=10.0.0.5:7400 FASTFLOW_TOKEN=... fastflow health --json",
        ],
    };

    private static readonly string[] s_exitCodes =
    [
        "0  success: the files are valid, the run completed, the data directory is sound",
        "1  the run failed (verify: a record is damaged)",
        "2  invalid input: a definition, inputs, an agents file, the arguments, an unknown run, a data directory in use",
        "3  the run was cancelled (Ctrl-C, --timeout, fastflow cancel)",
        "4  the run is paused or waiting: `fastflow resume RUN` continues it",
        "5  the server cannot be reached, refuses the token, is full or is stopping (--server, FASTFLOW_SERVER)",
    ];

    private readonly HelpAction _standard;

    private HelpExamples(HelpAction standard) => _standard = standard;

    public override bool ClearsParseErrors => true;

    /// <summary>Wraps the help option of <paramref name="root"/> (which every command inherits).</summary>
    public static void Attach(RootCommand root)
    {
        var help = root.Options.OfType<HelpOption>().Single();
        help.Action = new HelpExamples((HelpAction)help.Action!);
    }

    public override int Invoke(ParseResult parseResult)
    {
        var exit = _standard.Invoke(parseResult);
        var command = parseResult.CommandResult.Command;
        var key = command is RootCommand ? "fastflow" : command.Name;
        var output = parseResult.InvocationConfiguration.Output;
        if (s_examples.TryGetValue(key, out var examples))
        {
            WriteSection(output, "Examples:", examples);
        }

        if (command is RootCommand)
        {
            WriteSection(output, "Exit codes:", s_exitCodes);
        }

        return exit;
    }

    private static void WriteSection(TextWriter output, string title, string[] lines)
    {
        output.WriteLine(title);
        foreach (var line in lines)
        {
            output.WriteLine("  " + line);
        }

        output.WriteLine();
    }
}
