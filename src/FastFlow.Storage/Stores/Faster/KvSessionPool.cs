using System.Collections.Concurrent;
using FASTER.core;

namespace FastFlow.Storage.Stores.Faster;

/// <summary>Sessions for readers: a reader rents one for the duration of a call, so there are as
/// many sessions as readers running at once, and none is used by two threads at a time.</summary>
internal sealed class KvSessionPool : IDisposable
{
    private readonly FasterKV<SpanByte, SpanByte> _kv;

    /// <summary>Sessions not rented.</summary>
    private readonly ConcurrentBag<KvSession> _idle = [];

    /// <summary>Every session made, to dispose them.</summary>
    private readonly ConcurrentBag<KvSession> _all = [];

    /// <summary>A pool over <paramref name="kv"/>.</summary>
    public KvSessionPool(FasterKV<SpanByte, SpanByte> kv) => _kv = kv;

    /// <summary>A session for this caller alone until <see cref="Return"/>.</summary>
    public KvSession Rent()
    {
        if (_idle.TryTake(out var session))
        {
            return session;
        }

        session = new KvSession(_kv);
        _all.Add(session);
        return session;
    }

    /// <summary>Gives a session back.</summary>
    public void Return(KvSession session) => _idle.Add(session);

    /// <summary>Disposes every session; none may be rented.</summary>
    public void Dispose()
    {
        foreach (var session in _all)
        {
            session.Dispose();
        }
    }
}
