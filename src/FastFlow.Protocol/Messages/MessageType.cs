namespace FastFlow.Protocol;

/// <summary>The type byte of a frame. Requests are below 0x80; replies and pushes from the server
/// are 0x80 and above. docs/protocol.md lists every payload.</summary>
public enum MessageType : byte
{
    /// <summary>Client, first frame: protocol version and token.</summary>
    Hello = 0x01,

    /// <summary>Client: a round trip with no work; the reply is <see cref="Pong"/>.</summary>
    Ping = 0x02,

    /// <summary>Client: validate and store a definition (YAML or JSON text).</summary>
    RegisterDefinition = 0x10,

    /// <summary>Client: create a run that waits for <see cref="StartRun"/>.</summary>
    CreateRun = 0x11,

    /// <summary>Client: start a created run.</summary>
    StartRun = 0x12,

    /// <summary>Client: create and start a run, optionally waiting for its end.</summary>
    SubmitRun = 0x13,

    /// <summary>Client: a run's state as of now.</summary>
    GetRun = 0x14,

    /// <summary>Client: runs, filtered.</summary>
    ListRuns = 0x15,

    /// <summary>Client: reply when the run ends (or the wait times out).</summary>
    WaitRun = 0x16,

    /// <summary>Client: pause a run.</summary>
    PauseRun = 0x17,

    /// <summary>Client: resume a paused run.</summary>
    ResumeRun = 0x18,

    /// <summary>Client: cancel a run, gracefully or by force.</summary>
    CancelRun = 0x19,

    /// <summary>Client: roll a paused or failed run back to a checkpoint.</summary>
    RollbackRun = 0x1A,

    /// <summary>Client: a run's history.</summary>
    GetHistory = 0x1B,

    /// <summary>Client: the server's health.</summary>
    Health = 0x1C,

    /// <summary>Client: stream the events of one run or of all runs.</summary>
    Subscribe = 0x20,

    /// <summary>Client: stop a subscription.</summary>
    Unsubscribe = 0x21,

    /// <summary>Agent worker: take tasks waiting for a remote agent.</summary>
    LeaseTasks = 0x30,

    /// <summary>Agent worker: keep a lease alive.</summary>
    Heartbeat = 0x31,

    /// <summary>Agent worker: report a leased task's result.</summary>
    CompleteLease = 0x32,

    /// <summary>Server: the request succeeded and has nothing to return.</summary>
    Ok = 0x80,

    /// <summary>Server: reply to <see cref="Hello"/>.</summary>
    Welcome = 0x81,

    /// <summary>Server: reply to <see cref="Ping"/>.</summary>
    Pong = 0x82,

    /// <summary>Server: reply to <see cref="RegisterDefinition"/>.</summary>
    DefinitionRegistered = 0x90,

    /// <summary>Server: one run's state (reply to create, start, submit, get, wait, pause, resume, cancel, rollback).</summary>
    RunState = 0xA0,

    /// <summary>Server: reply to <see cref="ListRuns"/>.</summary>
    RunList = 0xA1,

    /// <summary>Server: reply to <see cref="GetHistory"/>.</summary>
    History = 0xA2,

    /// <summary>Server: reply to <see cref="Health"/>.</summary>
    HealthReport = 0xA3,

    /// <summary>Server: reply to <see cref="Subscribe"/>.</summary>
    Subscribed = 0xA4,

    /// <summary>Server: reply to <see cref="LeaseTasks"/>.</summary>
    Leases = 0xB0,

    /// <summary>Server: reply to <see cref="Heartbeat"/>.</summary>
    LeaseRenewed = 0xB1,

    /// <summary>Server push: one event of a subscription.</summary>
    Event = 0xC0,

    /// <summary>Server push: a subscription ended (its run ended, it was too slow, or it was stopped).</summary>
    SubscriptionEnded = 0xC1,

    /// <summary>Server: the request (or the connection, with request id 0) failed.</summary>
    Error = 0xFF,
}
