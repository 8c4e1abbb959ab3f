using FastFlow.Protocol;
using FastFlow.Protocol.Framing;
using FastFlow.Protocol.Messages;
using FastFlow.Server.Requests;

namespace FastFlow.Server.Tests.Operations;

/// <summary>One frame the dispatcher wrote.</summary>
internal readonly record struct Frame(Message Message, uint RequestId, FrameFlags Flags)
{
    public bool IsPush => (Flags & FrameFlags.Push) != 0;
}

/// <summary>A connection as the dispatcher sees it, recording every frame in order. Pushes can be
/// held (<see cref="HoldPushes"/>) to stand for a client that does not read: SendAsync then waits,
/// as the real connection's does while its output pipe is over its threshold.</summary>
internal sealed class RecordingChannel : IReplyChannel
{
    private readonly object _gate = new();
    private readonly List<Frame> _frames = [];
    private readonly CancellationTokenSource _closed = new();
    private TaskCompletionSource _changed = NewSignal();
    private TaskCompletionSource? _pushesHeld;

    public string ConnectionId => "test-connection";

    public CancellationToken Closed => _closed.Token;

    /// <summary>Frames written so far, in order.</summary>
    public List<Frame> Frames
    {
        get
        {
            lock (_gate)
            {
                return [.. _frames];
            }
        }
    }

    /// <summary>From now on, pushes wait (the client stopped reading) until <see cref="ReleasePushes"/>.</summary>
    public void HoldPushes()
    {
        lock (_gate)
        {
            _pushesHeld ??= new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        }
    }

    /// <summary>The client reads again.</summary>
    public void ReleasePushes()
    {
        TaskCompletionSource? held;
        lock (_gate)
        {
            held = _pushesHeld;
            _pushesHeld = null;
        }

        held?.TrySetResult();
    }

    /// <summary>The connection closes.</summary>
    public void Close()
    {
        _closed.Cancel();
        ReleasePushes();
    }

    public async ValueTask SendAsync(Message message, uint requestId, FrameFlags flags = FrameFlags.None)
    {
        Task? held;
        lock (_gate)
        {
            held = (flags & FrameFlags.Push) != 0 ? _pushesHeld?.Task : null;
        }

        if (held is not null)
        {
            await held;
        }

        if (_closed.IsCancellationRequested)
        {
            return;
        }

        Record(new Frame(message, requestId, flags));
    }

    public ValueTask SendErrorAsync(uint requestId, ErrorCode code, string message, IReadOnlyList<Diagnostic>? details = null) =>
        SendAsync(new ErrorMessage
        {
            Code = (int)code,
            Name = ErrorCodes.Name(code),
            Category = ErrorCodes.Category(code),
            Message = message,
            Fatal = ErrorCodes.IsFatal(code),
            Details = details ?? [],
        }, requestId);

    /// <summary>Waits (up to 10 s) until a frame matches, and returns the first that does.</summary>
    public async Task<Frame> WaitForAsync(Func<Frame, bool> match, string what)
    {
        var deadline = Task.Delay(TimeSpan.FromSeconds(10));
        while (true)
        {
            Task changed;
            lock (_gate)
            {
                foreach (var frame in _frames)
                {
                    if (match(frame))
                    {
                        return frame;
                    }
                }

                changed = _changed.Task;
            }

            if (await Task.WhenAny(changed, deadline) == deadline)
            {
                Assert.Fail($"Timed out waiting for {what}. Frames: {string.Join(", ", Frames.Select(f => $"{f.Message}#{f.RequestId}"))}");
            }
        }
    }

    private void Record(Frame frame)
    {
        TaskCompletionSource changed;
        lock (_gate)
        {
            _frames.Add(frame);
            changed = _changed;
            _changed = NewSignal();
        }

        changed.TrySetResult();
    }

    private static TaskCompletionSource NewSignal() => new(TaskCreationOptions.RunContinuationsAsynchronously);
}
