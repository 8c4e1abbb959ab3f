using CsCheck;
using FastFlow.Scheduling;

namespace FastFlow.Core.Tests.Scheduling;

public sealed class QueueTests
{
    private sealed class Dummy : SchedulableWork
    {
        public override void Execute(in WorkItem item, Worker worker) { }

        public override void Flush(Worker worker) { }
    }

    private static readonly Dummy s_target = new();

    [Fact]
    public void Ring_is_first_in_first_out_and_refuses_when_full()
    {
        var ring = new MpmcRing(4);
        for (var i = 0; i < 4; i++)
        {
            Assert.True(ring.TryEnqueue(new WorkItem(s_target, i, 0)));
        }

        Assert.False(ring.TryEnqueue(new WorkItem(s_target, 99, 0)));
        for (var i = 0; i < 4; i++)
        {
            Assert.True(ring.TryDequeue(out var item));
            Assert.Equal(i, item.Index);
        }

        Assert.False(ring.TryDequeue(out _));
    }

    [Fact]
    public void Injection_queue_serves_higher_priority_first_then_arrival_order()
    {
        var queue = new InjectionQueue(ringCapacity: 8);
        queue.Enqueue(new WorkItem(s_target, 1, 0), TaskPriority.Low);
        queue.Enqueue(new WorkItem(s_target, 2, 0), TaskPriority.Normal);
        queue.Enqueue(new WorkItem(s_target, 3, 0), TaskPriority.Critical);
        queue.Enqueue(new WorkItem(s_target, 4, 0), TaskPriority.Normal);
        queue.Enqueue(new WorkItem(s_target, 5, 0), TaskPriority.High);
        var order = new List<int>();
        while (queue.TryDequeue(out var item))
        {
            order.Add(item.Index);
        }

        Assert.Equal([3, 5, 2, 4, 1], order);
    }

    [Fact]
    public void Injection_queue_keeps_fifo_order_through_an_overflowing_burst() =>
        Gen.Int[1, 200].Sample(count =>
        {
            var queue = new InjectionQueue(ringCapacity: 8);
            for (var i = 0; i < count; i++)
            {
                queue.Enqueue(new WorkItem(s_target, i, 0), TaskPriority.Normal);
            }

            for (var i = 0; i < count; i++)
            {
                Assert.True(queue.TryDequeue(out var item));
                Assert.Equal(i, item.Index);
            }

            Assert.True(queue.IsEmpty);
        });

    [Fact]
    public async Task Ring_delivers_each_item_once_with_many_producers_and_consumers()
    {
        const int PerProducer = 50_000;
        var ring = new MpmcRing(1024);
        var seen = new int[PerProducer * 2];
        var consumed = 0;
        var producers = Enumerable.Range(0, 2).Select(p => Task.Run(() =>
        {
            for (var i = 0; i < PerProducer; i++)
            {
                var item = new WorkItem(s_target, (p * PerProducer) + i, 0);
                while (!ring.TryEnqueue(item))
                {
                    Thread.SpinWait(10);
                }
            }
        })).ToArray();
        var consumers = Enumerable.Range(0, 2).Select(_ => Task.Run(() =>
        {
            while (Volatile.Read(ref consumed) < seen.Length)
            {
                if (ring.TryDequeue(out var item))
                {
                    Interlocked.Increment(ref seen[item.Index]);
                    Interlocked.Increment(ref consumed);
                }
            }
        })).ToArray();
        await Task.WhenAll(producers.Concat(consumers));
        Assert.All(seen, count => Assert.Equal(1, count));
    }
}
