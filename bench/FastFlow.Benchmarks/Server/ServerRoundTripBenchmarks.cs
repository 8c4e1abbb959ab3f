using System.Buffers;
using System.Buffers.Binary;
using System.Net;
using System.Net.Sockets;
using BenchmarkDotNet.Attributes;
using FastFlow.Bench.Workflows;
using FastFlow.Client;
using FastFlow.Definitions.Loading;
using FastFlow.Protocol;
using FastFlow.Protocol.Framing;
using FastFlow.Protocol.Messages;
using FastFlow.Server;

namespace FastFlow.Benchmarks.Server;

/// <summary>Loopback round trips to a real server in this process (durability none): a ping and
/// a submit-and-wait of the five-task no-op workflow, each from a raw socket with frames encoded
/// once (so the allocations measured are the server's alone) and from <see cref="FastFlowClient"/>;
/// and the same run on the engine directly, without the protocol, to show what the wire adds.</summary>
[MemoryDiagnoser]
[MedianColumn]
public class ServerRoundTripBenchmarks
{
    private FlowEngine _engine = null!;
    private FastFlowServer _server = null!;
    private FastFlowClient _client = null!;
    private Socket _socket = null!;
    private byte[] _pingFrame = null!;
    private byte[] _submitFrame = null!;
    private readonly byte[] _reply = new byte[64 * 1024];
    private SubmitRunMessage _submit = null!;
    private CompiledWorkflow _workflow = null!;

    [GlobalSetup]
    public async Task SetupAsync()
    {
        _engine = new FlowEngine(new FlowEngineOptions { MaxActiveRuns = 1_000_000, RetainFinishedRuns = 256 });
        _server = new FastFlowServer(_engine, new FastFlowServerOptions { EndPoint = new IPEndPoint(IPAddress.Loopback, 0), Token = "bench" });
        await _server.StartAsync();
        var endpoint = _server.LocalEndPoint;
        _client = await FastFlowClient.ConnectAsync(new FastFlowClientOptions { Host = endpoint.Address.ToString(), Port = endpoint.Port, Token = "bench" });
        await _client.RegisterDefinitionAsync(FiveTaskWorkflow.NoopYaml, "five-tasks-noop.yaml");
        _submit = new SubmitRunMessage { WorkflowId = "five-tasks-noop", Wait = true };
        var loaded = DefinitionLoader.Load(FiveTaskWorkflow.NoopYaml, DefinitionFormat.Yaml, "five-tasks-noop.yaml");
        _workflow = _engine.Compile(loaded.Definition!);

        _socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
        await _socket.ConnectAsync(endpoint);
        var writer = new FrameWriter();
        _pingFrame = Encode(writer, PingMessage.Instance, 2);
        _submitFrame = Encode(writer, _submit, 3);
        _socket.Send(Encode(writer, new HelloMessage { Protocol = 1, Token = "bench", Client = "bench" }, 1));
        var welcome = ReceiveFrame();
        if (_reply[5] != (byte)MessageType.Welcome)
        {
            throw new InvalidOperationException($"The handshake was answered with type 0x{_reply[5]:x2} ({welcome} bytes).");
        }
    }

    [GlobalCleanup]
    public async Task CleanupAsync()
    {
        _socket.Dispose();
        await _client.DisposeAsync();
        await _server.StopAsync(TimeSpan.FromSeconds(1));
        await _engine.DisposeAsync();
    }

    [Benchmark(Baseline = true, Description = "ping, raw socket")]
    public int PingRaw()
    {
        _socket.Send(_pingFrame);
        return ReceiveFrame();
    }

    [Benchmark(Description = "ping, FastFlowClient")]
    public Task PingClient() => _client.PingAsync();

    [Benchmark(Description = "submit-and-wait 5 tasks, raw socket")]
    public int SubmitAndWaitRaw()
    {
        _socket.Send(_submitFrame);
        var length = ReceiveFrame();
        if (_reply[5] != (byte)MessageType.RunState)
        {
            throw new InvalidOperationException($"submit_run was answered with type 0x{_reply[5]:x2}.");
        }

        return length;
    }

    [Benchmark(Description = "submit-and-wait 5 tasks, FastFlowClient")]
    public Task<RunStateMessage> SubmitAndWaitClient() => _client.SubmitRunAsync(_submit);

    [Benchmark(Description = "the same run on the engine, no protocol")]
    public ValueTask<RunResult> RunOnEngine() => _engine.RunAsync(_workflow);

    private static byte[] Encode(FrameWriter writer, Message message, uint requestId)
    {
        var buffer = new ArrayBufferWriter<byte>();
        writer.Write(buffer, message, requestId);
        return buffer.WrittenSpan.ToArray();
    }

    /// <summary>Reads one whole frame into the reply buffer; returns its length.</summary>
    private int ReceiveFrame()
    {
        ReceiveExactly(0, 4);
        var length = (int)BinaryPrimitives.ReadUInt32BigEndian(_reply) + 4;
        ReceiveExactly(4, length - 4);
        return length;
    }

    private void ReceiveExactly(int offset, int count)
    {
        while (count > 0)
        {
            var read = _socket.Receive(_reply, offset, count, SocketFlags.None);
            if (read == 0)
            {
                throw new InvalidOperationException("The server closed the connection.");
            }

            offset += read;
            count -= read;
        }
    }
}
