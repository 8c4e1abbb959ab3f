using System.Buffers;
using System.Buffers.Binary;
using System.Text;
using FastFlow.Protocol.Framing;
using FastFlow.Protocol.Messages;

namespace FastFlow.Protocol.Tests.Vectors;

/// <summary>Builds every vector of docs/protocol-vectors.json from the real codecs: valid frames
/// are written by <see cref="FrameWriter"/>, invalid ones are valid frames with one thing broken.</summary>
internal static class VectorCatalog
{
    /// <summary>2026-01-01T00:00:00Z, the base of every time in the vectors.</summary>
    private static readonly DateTimeOffset s_t0 = DateTimeOffset.FromUnixTimeMilliseconds(1_767_225_600_000);

    /// <summary>The vectors, in file order.</summary>
    public static IReadOnlyList<ProtocolVectors.Vector> Build()
    {
        var vectors = new List<ProtocolVectors.Vector>();
        foreach (var valid in Valid())
        {
            vectors.Add(valid.ToVector());
        }

        vectors.AddRange(Invalid());
        return vectors;
    }

    /// <summary>A valid frame before it is written.</summary>
    internal sealed record ValidFrame(string Name, string Direction, Message Message, uint RequestId, FrameFlags Flags, string Meaning, int CompressAbove = 0)
    {
        public byte[] Write() => Encode(Message, RequestId, Flags, CompressAbove);

        public ProtocolVectors.Vector ToVector()
        {
            var bytes = Write();
            return new ProtocolVectors.Vector(Name, Direction, MessageCodec.NameOf(Message.Type), RequestId, bytes[6], Convert.ToHexStringLower(bytes), Meaning);
        }
    }

    /// <summary>Writes one frame with a fresh writer.</summary>
    public static byte[] Encode(Message message, uint requestId, FrameFlags flags = FrameFlags.None, int compressAbove = 0)
    {
        var buffer = new ArrayBufferWriter<byte>();
        new FrameWriter(compressAbove).Write(buffer, message, requestId, flags);
        return buffer.WrittenSpan.ToArray();
    }

    /// <summary>The valid frames: at least one per message type.</summary>
    public static IEnumerable<ValidFrame> Valid()
    {
        const string C = "client";
        const string S = "server";
        yield return new("hello", C, new HelloMessage { Protocol = 1, Token = "s3cret", Client = "fastflow-cli/0.1" }, 1, FrameFlags.None,
            "The first frame of a connection: protocol 1, the server's token, a name for the server's log.");
        yield return new("hello_no_token", C, new HelloMessage { Protocol = 1 }, 1, FrameFlags.None,
            "A hello to a server started with --insecure-no-auth: token and client nil.");
        yield return new("welcome", S, new WelcomeMessage { Protocol = 1, Server = "fastflow/0.1.0", ConnectionId = "c-1", MaxFrame = 4 * 1024 * 1024, MaxDepth = 32 }, 1, FrameFlags.None,
            "The reply to hello (same request id): authenticated; frames up to 4 MiB, nesting up to 32.");
        yield return new("ping", C, PingMessage.Instance, 2, FrameFlags.None, "A ping: header only, the payload is empty.");
        yield return new("pong", S, PongMessage.Instance, 2, FrameFlags.None, "The reply to ping 2: header only.");
        yield return new("ok", S, OkMessage.Instance, 20, FrameFlags.None, "Request 20 succeeded with nothing to return (here: an unsubscribe).");
        yield return new("error_not_found", S, Error(ErrorCode.NotFound, "No run has the id 'r-404'. List the runs with list_runs."), 7, FrameFlags.None,
            "Request 7 failed: not_found (102), category not_found, not fatal: the connection goes on.");
        yield return new("error_bad_token", S, Error(ErrorCode.BadToken, "The token is wrong. Give the token the server printed at start (--token or FASTFLOW_TOKEN)."), 1, FrameFlags.None,
            "The hello's token is wrong: bad_token (11), fatal; the server closes the connection after this frame.");
        yield return new("error_connection", S, Error(ErrorCode.Timeout, "The frame started 10 s ago is still incomplete; the connection is closed."), 0, FrameFlags.None,
            "A connection-level error (request id 0): timeout (12), fatal.");
        yield return new("error_invalid_definition", S, new ErrorMessage
        {
            Code = (int)ErrorCode.InvalidDefinition,
            Name = ErrorCodes.Name(ErrorCode.InvalidDefinition),
            Category = ErrorCodes.Category(ErrorCode.InvalidDefinition),
            Message = "The definition has 1 error.",
            Fatal = false,
            Details = [new Diagnostic { Code = "FF1003", Severity = "error", Path = "tasks.report.depends_on[0]", Message = "Task 'report' depends on 'missing', which is not a task.", Hint = "Name one of: analyze.", Line = 9, Column = 7 }],
        }, 3, FrameFlags.None, "Request 3 (register_definition) failed: invalid_definition (100) with every finding in details.");
        yield return new("register_definition", C, new RegisterDefinitionMessage { Source = SimpleDefinition, FileName = "simple-analysis.yaml" }, 3, FrameFlags.None,
            "Register a YAML definition.");
        yield return new("definition_registered", S, new DefinitionRegisteredMessage { WorkflowId = "simple-analysis", Name = "Simple Analysis", Version = "2.0.0", TaskCount = 1, Warnings = [] }, 3, FrameFlags.None,
            "The definition is stored under its id.");
        yield return new("create_run", C, new CreateRunMessage { WorkflowId = "simple-analysis", Inputs = new Dictionary<string, object?> { ["dataset"] = "q3.csv" }, Priority = "high" }, 4, FrameFlags.None,
            "Create a run (pending) of a registered definition, priority high, with one input; the server makes the run id.");
        yield return new("start_run", C, new StartRunMessage { RunId = "r-1" }, 5, FrameFlags.None, "Start the created run r-1.");
        yield return new("submit_run", C, new SubmitRunMessage
        {
            WorkflowId = "simple-analysis",
            Inputs = new Dictionary<string, object?>
            {
                ["dataset"] = "q3.csv",
                ["rows"] = 1500L,
                ["threshold"] = 0.25,
                ["dry_run"] = false,
                ["tags"] = new List<object?> { "finance", "quarterly" },
                ["owner"] = new Dictionary<string, object?> { ["team"] = "risk", ["contact"] = null },
            },
            Priority = "normal",
            RunId = "r-2",
            Wait = true,
            TimeoutMs = 30_000,
        }, 6, FrameFlags.None, "Create and start run r-2 with inputs of every plain kind; reply when it ends, or wait_timeout after 30 s.");
        yield return new("get_run", C, new GetRunMessage { RunId = "r-2" }, 7, FrameFlags.None, "Ask for run r-2's state.");
        yield return new("list_runs", C, new ListRunsMessage { Status = "running", Limit = 50 }, 8, FrameFlags.None, "List at most 50 running runs of any definition.");
        yield return new("wait_run", C, new WaitRunMessage { RunId = "r-2", TimeoutMs = 5_000 }, 9, FrameFlags.None, "Reply when r-2 ends, or wait_timeout after 5 s.");
        yield return new("pause_run", C, new PauseRunMessage { RunId = "r-2" }, 10, FrameFlags.None, "Pause r-2.");
        yield return new("resume_run", C, new ResumeRunMessage { RunId = "r-2" }, 11, FrameFlags.None, "Resume r-2.");
        yield return new("cancel_run", C, new CancelRunMessage { RunId = "r-2", Force = true }, 12, FrameFlags.None, "Cancel r-2 now, stopping running attempts.");
        yield return new("rollback_run", C, new RollbackRunMessage { RunId = "r-2", Checkpoint = 3 }, 13, FrameFlags.None, "Roll r-2 back to checkpoint 3.");
        yield return new("rollback_run_latest", C, new RollbackRunMessage { RunId = "r-2" }, 13, FrameFlags.None, "Roll r-2 back to its latest checkpoint (checkpoint nil).");
        yield return new("get_history", C, new GetHistoryMessage { RunId = "r-2" }, 14, FrameFlags.None, "Ask for r-2's history.");
        yield return new("health", C, HealthMessage.Instance, 15, FrameFlags.None, "Ask for the server's health: header only.");
        yield return new("run_state", S, new RunStateMessage
        {
            RunId = "r-2",
            WorkflowId = "simple-analysis",
            Status = "completed",
            Priority = "normal",
            CreatedAt = s_t0,
            StartedAt = s_t0.AddMilliseconds(2),
            CompletedAt = s_t0.AddMilliseconds(1250),
            Tasks =
            [
                new TaskState { Id = "analyze", Status = "completed", Attempts = 1, Output = new Dictionary<string, object?> { ["score"] = 0.91, ["rows"] = 1500L }, StartedAt = s_t0.AddMilliseconds(3), EndedAt = s_t0.AddMilliseconds(1249) },
            ],
            Outputs = new Dictionary<string, object?> { ["score"] = 0.91 },
        }, 6, FrameFlags.None, "The reply to submit_run 6 (with wait): r-2 completed; one task, its output, the run's outputs.");
        yield return new("run_state_failed", S, new RunStateMessage
        {
            RunId = "r-3",
            WorkflowId = "simple-analysis",
            Status = "failed",
            Priority = "low",
            CreatedAt = s_t0,
            StartedAt = s_t0,
            CompletedAt = s_t0.AddSeconds(4),
            Error = new ErrorInfo { Category = "timeout", Message = "Task 'analyze' timed out after 3 attempts." },
            Tasks = [new TaskState { Id = "analyze", Status = "failed", Attempts = 3, Error = new ErrorInfo { Category = "timeout", Message = "The attempt ran past its 1 s timeout." }, StartedAt = s_t0, EndedAt = s_t0.AddSeconds(4) }],
        }, 7, FrameFlags.None, "A failed run: the run's error and the task's, outputs nil.");
        yield return new("run_list", S, new RunListMessage
        {
            Runs =
            [
                new RunSummary { RunId = "r-2", WorkflowId = "simple-analysis", Status = "running", Priority = "normal", CreatedAt = s_t0, StartedAt = s_t0.AddMilliseconds(2) },
                new RunSummary { RunId = "r-1", WorkflowId = "simple-analysis", Status = "pending", Priority = "high", CreatedAt = s_t0.AddMilliseconds(-500) },
            ],
        }, 8, FrameFlags.None, "The reply to list_runs: two runs, newest first.");
        yield return new("history", S, new HistoryMessage
        {
            RunId = "r-2",
            Entries =
            [
                new HistoryItem { Seq = 1, Time = s_t0, Kind = "workflow.created", Actor = "api", Status = "pending" },
                new HistoryItem { Seq = 2, Time = s_t0.AddMilliseconds(3), Kind = "task.started", TaskId = "analyze", Attempt = 1, Actor = "engine", Status = "running" },
                new HistoryItem { Seq = 3, Time = s_t0.AddMilliseconds(1249), Kind = "task.completed", TaskId = "analyze", Attempt = 1, Actor = "engine", Status = "completed", Output = "ok" },
            ],
        }, 14, FrameFlags.None, "The reply to get_history: three entries, oldest first.");
        yield return new("health_report", S, new HealthReportMessage { Status = "ok", Server = "fastflow/0.1.0", UptimeMs = 3_600_000, ActiveRuns = 12, Connections = 3, Subscriptions = 1, Durability = "batched", Leases = 0 }, 15, FrameFlags.None,
            "The reply to health.");
        yield return new("subscribe", C, new SubscribeMessage { RunId = "r-2", Buffer = 0 }, 16, FrameFlags.None, "Stream r-2's events; the server's default buffer.");
        yield return new("subscribe_all", C, new SubscribeMessage { Buffer = 1024 }, 17, FrameFlags.None, "Stream every run's events, buffering at most 1024 for this subscriber.");
        yield return new("subscribed", S, new SubscribedMessage { Subscription = 16 }, 16, FrameFlags.None, "Subscription 16 is open; its events are pushed with request id 16.");
        yield return new("event", S, new EventMessage { Subscription = 16, EventType = "task.completed", RunId = "r-2", WorkflowId = "simple-analysis", TaskId = "analyze", Attempt = 1, Time = s_t0.AddMilliseconds(1249), TaskStatus = "completed" }, 16, FrameFlags.Push,
            "A pushed event of subscription 16 (flags 0x02, the subscription's request id): task analyze completed.");
        yield return new("event_retrying", S, new EventMessage { Subscription = 16, EventType = "task.retrying", RunId = "r-2", WorkflowId = "simple-analysis", TaskId = "analyze", Attempt = 1, Time = s_t0.AddMilliseconds(400), TaskStatus = "retrying", Error = new ErrorInfo { Category = "transient", Message = "HTTP 503 from the agent." }, RetryDelayMs = 250 }, 16, FrameFlags.Push,
            "A pushed task.retrying event with the failure and the delay before the next attempt.");
        yield return new("subscription_ended", S, new SubscriptionEndedMessage { Subscription = 16, Reason = "run_ended", Message = "Run r-2 completed." }, 16, FrameFlags.Push,
            "Subscription 16 is over because its run ended; no event of it follows.");
        yield return new("subscription_ended_too_slow", S, new SubscriptionEndedMessage { Subscription = 17, Reason = "too_slow", Message = "1024 events were waiting for this subscriber; it was dropped. Subscribe again, with a larger buffer or read faster." }, 17, FrameFlags.Push,
            "Subscription 17 was dropped: it fell 1024 events behind.");
        yield return new("unsubscribe", C, new UnsubscribeMessage { Subscription = 17 }, 20, FrameFlags.None, "Stop subscription 17; the reply is ok, then subscription_ended (unsubscribed).");
        yield return new("lease_tasks", C, new LeaseTasksMessage { AgentId = "analyst", Max = 4, WaitMs = 20_000 }, 30, FrameFlags.None,
            "An agent worker asks for up to 4 tasks of agent analyst, waiting up to 20 s.");
        yield return new("leases", S, new LeasesMessage
        {
            Leases =
            [
                new LeasedTask
                {
                    LeaseId = "l-1", AgentId = "analyst", RunId = "r-2", WorkflowId = "simple-analysis", TaskId = "analyze", Attempt = 1,
                    IdempotencyKey = "r-2/analyze/1", Action = "agent_task",
                    Parameters = new Dictionary<string, object?> { ["description"] = "Perform data analysis", ["estimated_hours"] = 2L },
                    Inputs = new Dictionary<string, object?> { ["dataset"] = "q3.csv" },
                    Context = new Dictionary<string, object?>(),
                    ExpiresAt = s_t0.AddSeconds(30),
                },
            ],
        }, 30, FrameFlags.None, "One task leased to the worker until 30 s after t0.");
        yield return new("leases_none", S, new LeasesMessage(), 31, FrameFlags.None, "No task was waiting within wait_ms: an empty list.");
        yield return new("heartbeat", C, new HeartbeatMessage { LeaseId = "l-1" }, 32, FrameFlags.None, "Keep lease l-1 alive.");
        yield return new("lease_renewed", S, new LeaseRenewedMessage { LeaseId = "l-1", ExpiresAt = s_t0.AddSeconds(60) }, 32, FrameFlags.None, "Lease l-1 now expires 60 s after t0.");
        yield return new("complete_lease", C, new CompleteLeaseMessage { LeaseId = "l-1", Ok = true, Output = new Dictionary<string, object?> { ["score"] = 0.91 } }, 33, FrameFlags.None,
            "The leased task succeeded with this output; the reply is ok.");
        yield return new("complete_lease_failed", C, new CompleteLeaseMessage { LeaseId = "l-1", Ok = false, Error = new ErrorInfo { Category = "validation", Message = "The dataset has no 'amount' column." } }, 34, FrameFlags.None,
            "The leased task failed; the engine retries or fails it by the error's category.");
        yield return new("register_definition_compressed", C, new RegisterDefinitionMessage { Source = LargeDefinition(), FileName = "fan-out.yaml" }, 40, FrameFlags.Compressed,
            "A compressed frame (flags 0x01): a large definition; the payload is the inflated size (u32 BE) then one LZ4 block.", CompressAbove: 256);
    }

    /// <summary>The invalid frames, each with the error a reader must answer with.</summary>
    public static IEnumerable<ProtocolVectors.Vector> Invalid()
    {
        var ping = Encode(PingMessage.Instance, 2);
        var hello = Encode(new HelloMessage { Protocol = 1, Token = "s3cret" }, 1);

        var tooLarge = new byte[4];
        BinaryPrimitives.WriteUInt32BigEndian(tooLarge, ProtocolVectors.DefaultMaxFrame + 1);
        yield return Bad("invalid_too_large", "unknown", 0, 0, tooLarge, "frame_too_large",
            "Only a length prefix of 4 MiB + 1: refused from these 4 bytes, before the rest arrives or any buffer is taken.");

        var helloTooLarge = new byte[4];
        BinaryPrimitives.WriteUInt32BigEndian(helloTooLarge, 16 * 1024 + 1);
        yield return Bad("invalid_too_large_before_handshake", "unknown", 0, 0, helloTooLarge, "frame_too_large",
            "Before the handshake the limit is 16 KiB: a prefix of 16 KiB + 1 is refused.", maxFrame: 16 * 1024);

        yield return Bad("invalid_too_short", "unknown", 0, 0, [0x00, 0x00, 0x00, 0x03, 0x01, 0x02, 0x00], "bad_frame",
            "The length prefix (3) is shorter than the 7 header bytes it must count.");

        var badVersion = (byte[])ping.Clone();
        badVersion[4] = 2;
        yield return Bad("invalid_version", "ping", 2, 0, badVersion, "unsupported_version", "A ping with version byte 2.");

        var badFlags = (byte[])ping.Clone();
        badFlags[6] = 0x04;
        yield return Bad("invalid_flags", "ping", 2, 0x04, badFlags, "bad_frame", "A ping with flag bit 0x04, which no version-1 flag has.");

        var unknown = (byte[])ping.Clone();
        unknown[5] = 0x7F;
        yield return Bad("invalid_unknown_type", "unknown", 2, 0, unknown, "unknown_message", "Type byte 0x7f, which no message has.");

        yield return Bad("invalid_truncated_payload", "hello", 1, 0, Frame(hello, hello[FrameHeader.Size..^3]), "malformed_payload",
            "A hello whose frame length is right but whose MessagePack map stops 3 bytes short of its last value.");

        yield return Bad("invalid_not_a_map", "ping", 2, 0, Frame(ping, [0x90]), "malformed_payload", "A ping whose payload is an empty array instead of a map.");

        yield return Bad("invalid_trailing_bytes", "ping", 2, 0, Frame(ping, [0x80, 0xC0]), "malformed_payload", "A ping whose payload is an empty map followed by a nil.");

        yield return Bad("invalid_field_type", "hello", 1, 0, Frame(hello, Payload((ref MessagePack.MessagePackWriter w) =>
        {
            w.WriteMapHeader(1);
            w.Write("protocol");
            w.Write("1");
        })), "malformed_payload", "A hello whose protocol is the string \"1\" instead of an integer.");

        yield return Bad("invalid_too_deep_inputs", "submit_run", 6, 0, Frame(Encode(new SubmitRunMessage(), 6), Payload((ref MessagePack.MessagePackWriter w) =>
        {
            w.WriteMapHeader(1);
            w.Write("inputs");
            // The payload map is level 1; inputs is level 2; 31 arrays inside make level 33.
            w.WriteMapHeader(1);
            w.Write("deep");
            for (var i = 0; i < 31; i++)
            {
                w.WriteArrayHeader(1);
            }

            w.WriteNil();
        })), "too_deep", "A submit_run whose inputs nest 33 levels deep (the payload map counts as 1); the limit is 32.");

        yield return Bad("invalid_too_deep_unknown_key", "ping", 2, 0, Frame(ping, Payload((ref MessagePack.MessagePackWriter w) =>
        {
            w.WriteMapHeader(1);
            w.Write("future_field");
            for (var i = 0; i < 1000; i++)
            {
                w.WriteArrayHeader(1);
            }

            w.WriteNil();
        })), "too_deep", "A ping with an unknown key whose value nests 1000 arrays: skipped keys obey the depth limit too.");

        var bomb = Frame(ping, [0x7F, 0xFF, 0xFF, 0xFF, 0x00], FrameFlags.Compressed);
        yield return Bad("invalid_compression_too_large", "ping", 2, 0x01, bomb, "bad_compression",
            "A compressed ping declaring an inflated size of 2 GiB - 1: refused from the declared size, before inflating.");

        var garbage = Frame(ping, [0x00, 0x00, 0x00, 0x10, 0xF0, 0xFF, 0xFF, 0xFF], FrameFlags.Compressed);
        yield return Bad("invalid_compression_corrupt", "ping", 2, 0x01, garbage, "bad_compression",
            "A compressed ping declaring 16 inflated bytes whose LZ4 block is not valid.");

        yield return Bad("invalid_compression_short", "ping", 2, 0x01, Frame(ping, [0x00, 0x01], FrameFlags.Compressed), "bad_compression",
            "A compressed ping whose payload is shorter than the 4-byte inflated size.");
    }

    /// <summary>A frame with <paramref name="template"/>'s header and another payload (and flags).</summary>
    private static byte[] Frame(byte[] template, ReadOnlySpan<byte> payload, FrameFlags flags = FrameFlags.None)
    {
        var frame = new byte[FrameHeader.Size + payload.Length];
        FrameHeader.Write(frame, (MessageType)template[5], flags, BinaryPrimitives.ReadUInt32BigEndian(template.AsSpan(7)), payload.Length);
        payload.CopyTo(frame.AsSpan(FrameHeader.Size));
        return frame;
    }

    private delegate void PayloadBody(ref MessagePack.MessagePackWriter writer);

    private static byte[] Payload(PayloadBody body)
    {
        var buffer = new ArrayBufferWriter<byte>();
        var writer = new MessagePack.MessagePackWriter(buffer);
        body(ref writer);
        writer.Flush();
        return buffer.WrittenSpan.ToArray();
    }

    private static ProtocolVectors.Vector Bad(string name, string type, uint requestId, byte flags, byte[] bytes, string error, string meaning, int maxFrame = ProtocolVectors.DefaultMaxFrame) =>
        new(name, "client", type, requestId, flags, Convert.ToHexStringLower(bytes), meaning, error, maxFrame);

    private static ErrorMessage Error(ErrorCode code, string message) => new()
    {
        Code = (int)code,
        Name = ErrorCodes.Name(code),
        Category = ErrorCodes.Category(code),
        Message = message,
        Fatal = ErrorCodes.IsFatal(code),
    };

    private const string SimpleDefinition = """
        name: Simple Analysis
        version: "2.0.0"
        tasks:
          analyze:
            agent_id: analyst
            action: agent_task
            parameters:
              description: Perform data analysis

        """;

    /// <summary>A definition large and repetitive enough to compress well.</summary>
    private static string LargeDefinition()
    {
        var text = new StringBuilder("name: Fan Out\nversion: \"1.0.0\"\ntasks:\n");
        for (var i = 0; i < 8; i++)
        {
            text.Append("  step_").Append(i).Append(":\n    action: log\n    parameters:\n      message: processing partition ").Append(i).Append('\n');
        }

        return text.ToString();
    }
}
