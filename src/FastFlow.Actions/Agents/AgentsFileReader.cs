using FastFlow.Agents;
using FastFlow.Validation;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace FastFlow.Actions.Agents;

/// <summary>Reads the agents of one file and reports every problem with its position. JSON is
/// read as YAML (flow style), so one reader serves both.</summary>
internal sealed class AgentsFileReader(string? file, string baseDirectory)
{
    private static readonly string[] s_rootFields = ["agents"];
    private static readonly string[] s_fields = ["id", "type", "description", "capabilities", "max_concurrent_tasks", "transport", "command", "env", "url", "headers", "lease_seconds", "metadata"];
    private static readonly string[] s_transports = ["process", "http", "remote"];

    /// <summary>The fields that belong to one transport only, with it.</summary>
    private static readonly (string Field, string Transport)[] s_transportFields =
        [("command", "process"), ("env", "process"), ("url", "http"), ("headers", "http"), ("lease_seconds", "remote")];

    /// <summary>The longest lease a remote agent may ask for: a day.</summary>
    private const double MaxLeaseSeconds = 86_400;

    private readonly List<Diagnostic> _diagnostics = [];
    private readonly List<LoadedRemoteAgent> _remoteAgents = [];

    /// <summary>Where process agents run and relative programs are found.</summary>
    public string BaseDirectory { get; } = baseDirectory;

    public IReadOnlyList<Diagnostic> Diagnostics => _diagnostics;

    /// <summary>The well-formed agents with <c>transport: remote</c>, in file order (filled by <see cref="Read"/>).</summary>
    public IReadOnlyList<LoadedRemoteAgent> RemoteAgents => _remoteAgents;

    public IReadOnlyList<LoadedAgent> Read(string text)
    {
        var stream = new YamlStream();
        try
        {
            stream.Load(new StringReader(text));
        }
        catch (YamlException exception)
        {
            Error(DiagnosticCodes.AgentsFileSyntax, string.Empty, exception.Start, "The agents file is not valid YAML or JSON: " + Clean(exception.Message),
                "Fix the syntax at this position.");
            return [];
        }
        catch (InvalidOperationException)
        {
            // YamlDotNet's scanner fails this way on some malformed flow collections.
            Error(DiagnosticCodes.AgentsFileSyntax, string.Empty, Mark.Empty, "The agents file is not valid YAML or JSON.", "Check its brackets and indentation.");
            return [];
        }

        if (stream.Documents.Count == 0 || stream.Documents[0].RootNode is YamlScalarNode { Value: null or "" })
        {
            Error(DiagnosticCodes.AgentsFileSyntax, string.Empty, Mark.Empty, "The agents file is empty.", "Write agents: [ { id: ..., transport: process, command: [...] } ].");
            return [];
        }

        if (stream.Documents.Count > 1)
        {
            Error(DiagnosticCodes.AgentsFileSyntax, string.Empty, stream.Documents[1].RootNode.Start, "An agents file holds one YAML document; another starts here.",
                "Put every agent in the one 'agents' list.");
        }

        return ReadRoot(stream.Documents[0].RootNode);
    }

    private List<LoadedAgent> ReadRoot(YamlNode root)
    {
        if (root is not YamlMappingNode mapping)
        {
            Error(DiagnosticCodes.AgentsFileSyntax, string.Empty, root.Start, "An agents file is a mapping with an 'agents' list.", "Write agents: [ ... ] at the top.");
            return [];
        }

        YamlNode? agentsNode = null;
        foreach (var (key, value) in mapping.Children)
        {
            var name = (key as YamlScalarNode)?.Value ?? string.Empty;
            if (name == "agents")
            {
                agentsNode = value;
            }
            else
            {
                Error(DiagnosticCodes.AgentsFileSyntax, name, key.Start, $"An agents file has no field '{name}'.", Suggest(name, s_rootFields, "Its only field is 'agents'."));
            }
        }

        if (agentsNode is not YamlSequenceNode list)
        {
            Error(DiagnosticCodes.AgentsFileSyntax, "agents", agentsNode?.Start ?? root.Start,
                agentsNode is null ? "The agents file has no 'agents' list." : "'agents' must be a list of agents.",
                "Write agents: followed by one '- id: ...' entry per agent.");
            return [];
        }

        var agents = new List<LoadedAgent>();
        var seen = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var i = 0; i < list.Children.Count; i++)
        {
            var path = $"agents[{i}]";
            if (list.Children[i] is not YamlMappingNode entry)
            {
                Error(DiagnosticCodes.AgentsFileSyntax, path, list.Children[i].Start, "An agent is a mapping of fields.", "Write - id: name, then its fields indented below.");
                continue;
            }

            var agent = new EntryReader(this, entry, path).Read();
            if (agent is null)
            {
                continue;
            }

            var (line, _) = YamlValues.Position(entry);
            if (seen.TryGetValue(agent.Descriptor.Id, out var firstLine))
            {
                Error(DiagnosticCodes.DuplicateAgent, path + ".id", FieldNode(entry, "id")!.Start, $"The agent id '{agent.Descriptor.Id}' is used twice.",
                    $"It is first defined at line {firstLine}; give each agent its own id.");
                continue;
            }

            seen[agent.Descriptor.Id] = line;
            if (agent.Transport is { } transport)
            {
                agents.Add(new LoadedAgent(agent.Descriptor, transport) { Line = agent.Line, Column = agent.Column });
            }
            else
            {
                _remoteAgents.Add(new LoadedRemoteAgent(agent.Descriptor, agent.LeaseDuration) { Line = agent.Line, Column = agent.Column });
            }
        }

        return agents;
    }

    private void Error(string code, string path, Mark at, string message, string? hint, DiagnosticSeverity severity = DiagnosticSeverity.Error) =>
        _diagnostics.Add(new Diagnostic
        {
            Code = code,
            Severity = severity,
            Path = path,
            File = file,
            Line = (int)Math.Max(1, at.Line),
            Column = (int)Math.Max(1, at.Column),
            Message = message,
            Hint = hint,
        });

    private static YamlNode? FieldNode(YamlMappingNode entry, string name) =>
        entry.Children.FirstOrDefault(p => p.Key is YamlScalarNode { Value: var key } && key == name).Value;

    private static string Suggest(string name, IReadOnlyList<string> known, string otherwise)
    {
        var closest = name switch
        {
            "agent_id" => "id",
            "agent_type" => "type",
            _ => NameSuggester.Closest(name, known),
        };
        return closest is not null ? $"Did you mean '{closest}'?" : otherwise;
    }

    /// <summary>YamlDotNet puts the position first ("(Line: 1, Col: 5, ...): "); ours is separate.</summary>
    private static string Clean(string message)
    {
        var close = message.StartsWith('(') ? message.IndexOf("): ", StringComparison.Ordinal) : -1;
        return close > 0 ? message[(close + 3)..] : message;
    }

    /// <summary>An entry read without errors: a process or HTTP agent has its transport; a remote
    /// agent has none (the server that serves it supplies one) and maybe a lease duration.</summary>
    private sealed record EntryAgent(AgentDescriptor Descriptor, AgentTransport? Transport, TimeSpan? LeaseDuration, int Line, int Column);

    /// <summary>One entry of the list.</summary>
    private sealed class EntryReader(AgentsFileReader owner, YamlMappingNode entry, string path)
    {
        private readonly Dictionary<string, (YamlNode Key, YamlNode Value)> _fields = new(StringComparer.Ordinal);
        private bool _failed;

        public EntryAgent? Read()
        {
            foreach (var (key, value) in entry.Children)
            {
                var name = (key as YamlScalarNode)?.Value ?? string.Empty;
                if (!s_fields.Contains(name, StringComparer.Ordinal))
                {
                    Fail(DiagnosticCodes.AgentField, name, key, $"An agent has no field '{name}'.", Suggest(name, s_fields, "Its fields are: " + string.Join(", ", s_fields) + "."));
                    continue;
                }

                _fields[name] = (key, value);
            }

            var id = ReadId();
            var descriptor = id is null ? null : ReadDescriptor(id);
            var transportName = ReadTransportName(id);
            if (transportName is null)
            {
                return null;
            }

            CheckTransportFields(id, transportName);
            AgentTransport? transport = null;
            TimeSpan? leaseDuration = null;
            switch (transportName)
            {
                case "process":
                    transport = ReadProcess(id);
                    break;
                case "http":
                    transport = ReadHttp(id);
                    break;
                default:
                    leaseDuration = ReadLeaseDuration();
                    break;
            }

            if (_failed || descriptor is null || (transport is null && transportName != "remote"))
            {
                return null;
            }

            var (line, column) = YamlValues.Position(entry);
            return new EntryAgent(descriptor, transport, leaseDuration, line, column);
        }

        private string? ReadId()
        {
            if (!_fields.TryGetValue("id", out var field))
            {
                Fail(DiagnosticCodes.AgentId, string.Empty, entry, "An agent has no id.", "Add id: <name>, unique in the file ([A-Za-z0-9._-]+).");
                return null;
            }

            var id = field.Value is YamlScalarNode scalar ? scalar.Value : null;
            if (!AgentDescriptor.IsValidId(id))
            {
                Fail(DiagnosticCodes.AgentId, "id", field.Value, $"'{id ?? field.Value.ToString()}' is not a valid agent id.",
                    "Use letters, digits, '.', '_' and '-' only" + (string.IsNullOrEmpty(id) ? "." : $", e.g. '{Sanitize(id)}'."));
                return null;
            }

            return id;
        }

        private AgentDescriptor? ReadDescriptor(string id)
        {
            var max = AgentDescriptor.DefaultMaxConcurrentTasks;
            if (_fields.TryGetValue("max_concurrent_tasks", out var maxField))
            {
                if (maxField.Value is YamlScalarNode scalar && YamlValues.Scalar(scalar) is long value && value is >= 1 and <= int.MaxValue)
                {
                    max = (int)value;
                }
                else
                {
                    Fail(DiagnosticCodes.AgentField, "max_concurrent_tasks", maxField.Value, "max_concurrent_tasks must be a whole number of at least 1.", "Write max_concurrent_tasks: 4.");
                }
            }

            var metadata = new Dictionary<string, object?>(StringComparer.Ordinal);
            if (_fields.TryGetValue("metadata", out var metadataField))
            {
                if (metadataField.Value is not YamlMappingNode)
                {
                    Fail(DiagnosticCodes.AgentField, "metadata", metadataField.Value, "metadata must be a mapping.", "Write metadata: { team: data }.");
                }
                else
                {
                    try
                    {
                        metadata = (Dictionary<string, object?>)YamlValues.ToPlainData(metadataField.Value)!;
                    }
                    catch (YamlException tooLarge)
                    {
                        Fail(DiagnosticCodes.AgentField, "metadata", metadataField.Value, $"metadata is too large: {tooLarge.Message}.",
                            $"Keep metadata small: at most {YamlValues.MaxValues} values, {YamlValues.MaxDepth} levels deep.");
                    }
                }
            }

            return new AgentDescriptor(id)
            {
                Type = OptionalString("type"),
                Description = OptionalString("description"),
                Capabilities = StringList("capabilities", allowSingle: true) ?? [],
                MaxConcurrentTasks = max,
                Metadata = metadata,
            };
        }

        /// <summary>process, http or remote; null (and an error) when the entry names none of them.</summary>
        private string? ReadTransportName(string? id)
        {
            if (_fields.TryGetValue("transport", out var transportField))
            {
                var transport = (transportField.Value as YamlScalarNode)?.Value;
                if (transport is null || !s_transports.Contains(transport, StringComparer.Ordinal))
                {
                    var hint = transport is "tcp" or "protocol" or "worker"
                        ? "Did you mean 'remote'? Workers lease a remote agent's tasks from `fastflow serve` over the protocol."
                        : Suggest(transport ?? string.Empty, s_transports, "Use process, http or remote.");
                    Fail(DiagnosticCodes.AgentTransport, "transport", transportField.Value, $"'{transport}' is not an agent transport.", hint);
                    return null;
                }

                return transport;
            }

            // Say-what-you-mean shorthand: a command means a process, a url means http. A remote
            // agent is always named as such: nothing else in an entry says it.
            var implied = _fields.ContainsKey("command") ? "process" : _fields.ContainsKey("url") ? "http" : null;
            if (implied is null)
            {
                Fail(DiagnosticCodes.AgentTransport, string.Empty, entry, $"Agent '{id}' says neither how to reach it (transport) nor a command or url.",
                    "Add transport: process with command: [program, args...], transport: http with url: http://host/path, " +
                    "or transport: remote for workers that lease its tasks from `fastflow serve`.");
            }

            return implied;
        }

        /// <summary>A field of another transport is an error at its line (<c>url</c> on a process
        /// agent, <c>command</c> on a remote one).</summary>
        private void CheckTransportFields(string? id, string transport)
        {
            foreach (var (name, owner) in s_transportFields)
            {
                if (owner == transport || !_fields.TryGetValue(name, out var misplaced))
                {
                    continue;
                }

                if (transport == "remote")
                {
                    Fail(DiagnosticCodes.AgentField, name, misplaced.Key,
                        $"'{name}' does not belong to remote agents: agent '{id}' is served to workers over the protocol (they lease its tasks), so the server never starts a program or calls a URL for it.",
                        $"Remove '{name}', or make agent '{id}' a{(owner == "http" ? "n http" : " process")} agent (transport: {owner}).");
                }
                else
                {
                    Fail(DiagnosticCodes.AgentField, name, misplaced.Key, $"'{name}' belongs to {owner} agents, and agent '{id}' is a{(transport == "http" ? "n" : string.Empty)} {transport} agent.",
                        $"Remove '{name}' or change the transport.");
                }
            }
        }

        /// <summary>A remote agent's <c>lease_seconds</c>; null when it leaves the server's default.</summary>
        private TimeSpan? ReadLeaseDuration()
        {
            if (!_fields.TryGetValue("lease_seconds", out var field))
            {
                return null;
            }

            var seconds = field.Value is YamlScalarNode scalar
                ? YamlValues.Scalar(scalar) switch
                {
                    long whole => whole,
                    double fraction => fraction,
                    _ => double.NaN,
                }
                : double.NaN;
            if (seconds is > 0 and <= MaxLeaseSeconds)
            {
                return TimeSpan.FromSeconds(seconds);
            }

            Fail(DiagnosticCodes.AgentField, "lease_seconds", field.Value, $"lease_seconds must be a number of seconds above 0 and at most {MaxLeaseSeconds:0}.",
                "Write lease_seconds: 30; a worker heartbeats within it to keep a task, and a lease not renewed in time fails its attempt as transient.");
            return null;
        }

        private ProcessAgentTransport? ReadProcess(string? id)
        {
            if (!_fields.TryGetValue("command", out var commandField))
            {
                Fail(DiagnosticCodes.AgentTransport, string.Empty, entry, $"Process agent '{id}' has no command.",
                    "Add command: [program, arg, ...]; relative paths are taken from the agents file's folder.");
                return null;
            }

            if (commandField.Value is YamlScalarNode { Value: { } line } && line.Trim().Contains(' ', StringComparison.Ordinal))
            {
                Fail(DiagnosticCodes.AgentField, "command", commandField.Value, "command is a list of program and arguments, not a shell line.",
                    $"Write command: [{string.Join(", ", line.Split(' ', StringSplitOptions.RemoveEmptyEntries))}].");
                return null;
            }

            var command = StringList("command", allowSingle: true);
            if (command is null)
            {
                return null;
            }

            if (command.Count == 0 || command[0].Length == 0)
            {
                Fail(DiagnosticCodes.AgentTransport, "command", commandField.Value, $"Process agent '{id}' has an empty command.", "Write command: [program, arg, ...].");
                return null;
            }

            var environment = TextMap("env");
            CheckProgram(command[0], commandField.Value, environment);
            return environment is null || _failed ? null : new ProcessAgentTransport(command, owner.BaseDirectory, environment);
        }

        private HttpAgentTransport? ReadHttp(string? id)
        {
            if (!_fields.TryGetValue("url", out var urlField))
            {
                Fail(DiagnosticCodes.AgentTransport, string.Empty, entry, $"HTTP agent '{id}' has no url.", "Add url: http://host:port/path; each task is POSTed there.");
                return null;
            }

            var text = (urlField.Value as YamlScalarNode)?.Value;
            if (!Uri.TryCreate(text, UriKind.Absolute, out var url) || url.Scheme is not ("http" or "https"))
            {
                Fail(DiagnosticCodes.AgentField, "url", urlField.Value, $"'{text}' is not an absolute http or https URL.", "Write url: http://host:port/path.");
                return null;
            }

            var headers = TextMap("headers");
            if (headers is null || _failed)
            {
                return null;
            }

            return new HttpAgentTransport(url, headers.Where(p => p.Value is not null).ToDictionary(p => p.Key, p => p.Value!, StringComparer.Ordinal));
        }

        /// <summary>A program path that does not exist is an error; a name not on the PATH a warning
        /// (the engine may run with another PATH than the one validating the file).</summary>
        private void CheckProgram(string program, YamlNode at, Dictionary<string, string?>? environment)
        {
            var searchPath = environment is not null && environment.TryGetValue("PATH", out var pathVariable) ? pathVariable : Environment.GetEnvironmentVariable("PATH");
            if (Processes.ProgramLocator.Find(program, owner.BaseDirectory, searchPath) is not null)
            {
                return;
            }

            if (Processes.ProgramLocator.HasDirectory(program))
            {
                Fail(DiagnosticCodes.AgentTransport, "command[0]", at, $"The program '{program}' does not exist or is not executable ({Path.GetFullPath(program, owner.BaseDirectory)}).",
                    "Relative paths are taken from the agents file's folder; check the path and its execute permission, or run it through its interpreter: [sh, path].");
            }
            else
            {
                owner.Error(DiagnosticCodes.AgentTransport, $"{path}.command[0]", at.Start, $"The program '{program}' is not on the PATH here.",
                    "Install it, or write its full path.", DiagnosticSeverity.Warning);
            }
        }

        private string? OptionalString(string name)
        {
            if (!_fields.TryGetValue(name, out var field))
            {
                return null;
            }

            if (field.Value is YamlScalarNode scalar)
            {
                return scalar.Value;
            }

            Fail(DiagnosticCodes.AgentField, name, field.Value, $"{name} must be text.", null);
            return null;
        }

        private List<string>? StringList(string name, bool allowSingle)
        {
            if (!_fields.TryGetValue(name, out var field))
            {
                return null;
            }

            switch (field.Value)
            {
                case YamlScalarNode { Value: { Length: > 0 } single } when allowSingle:
                    return [single];
                case YamlSequenceNode sequence:
                    var items = new List<string>(sequence.Children.Count);
                    for (var i = 0; i < sequence.Children.Count; i++)
                    {
                        if (sequence.Children[i] is YamlScalarNode { Value: { Length: > 0 } item })
                        {
                            items.Add(item);
                        }
                        else
                        {
                            Fail(DiagnosticCodes.AgentField, $"{name}[{i}]", sequence.Children[i], $"Each item of {name} must be non-empty text.", null);
                            return null;
                        }
                    }

                    return items;
                default:
                    Fail(DiagnosticCodes.AgentField, name, field.Value, $"{name} must be a list of text.", $"Write {name}: [a, b].");
                    return null;
            }
        }

        private Dictionary<string, string?>? TextMap(string name)
        {
            var map = new Dictionary<string, string?>(StringComparer.Ordinal);
            if (!_fields.TryGetValue(name, out var field))
            {
                return map;
            }

            if (field.Value is not YamlMappingNode mapping)
            {
                Fail(DiagnosticCodes.AgentField, name, field.Value, $"{name} must be a mapping of names to values.", $"Write {name}: {{ NAME: value }}.");
                return null;
            }

            foreach (var (key, value) in mapping.Children)
            {
                var scalarValue = value is YamlScalarNode scalar ? YamlValues.Scalar(scalar) : value;
                if (scalarValue is YamlNode)
                {
                    Fail(DiagnosticCodes.AgentField, $"{name}.{(key as YamlScalarNode)?.Value}", value, $"The values of {name} must be text, numbers or booleans.", null);
                    return null;
                }

                map[(key as YamlScalarNode)?.Value ?? string.Empty] = scalarValue switch
                {
                    null => null,
                    string text => text,
                    _ => (value as YamlScalarNode)!.Value,
                };
            }

            return map;
        }

        private void Fail(string code, string relativePath, YamlNode at, string message, string? hint)
        {
            _failed = true;
            owner.Error(code, relativePath.Length == 0 ? path : $"{path}.{relativePath}", at.Start, message, hint);
        }

        private static string Sanitize(string id)
        {
            var chars = id.Select(c => char.IsAsciiLetterOrDigit(c) || c is '.' or '_' or '-' ? c : '-').ToArray();
            var text = new string(chars).Trim('-');
            return text.Length == 0 ? "my-agent" : text;
        }
    }
}
