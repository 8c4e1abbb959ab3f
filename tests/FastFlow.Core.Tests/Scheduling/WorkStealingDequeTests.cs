using FastFlow.Scheduling;

namespace FastFlow.Core.Tests.Scheduling;

public sealed class WorkStealingDequeTests
{
    private sealed class Dummy : SchedulableWork
    {
        public override void Execute(in WorkItem item, Worker worker) { }

        public override void Flush(Worker worker) { }
    }

    private static readonly Dummy s_target = new();

    [Fact]
    public void Owner_pops_newest_first_and_thieves_take_oldest()
    {
        var deque = new WorkStealingDeque(16);
        for (var i = 0; i < 5; i++)
        {
            deque.Push(new WorkItem(s_target, i, 0));
        }

        Assert.True(deque.TrySteal(out var stolen));
        Assert.Equal(0, stolen.Index);
        Assert.True(deque.TryPop(out var popped));
        Assert.Equal(4, popped.Index);
        Assert.Equal(3, deque.Count);
    }

    [Fact]
    public void Grows_past_its_initial_capacity_keeping_every_item()
    {
        var deque = new WorkStealingDeque(16);
        for (var i = 0; i < 1000; i++)
        {
            deque.Push(new WorkItem(s_target, i, 0));
        }

        var seen = new HashSet<int>();
        while (deque.TryPop(out var item))
        {
            Assert.True(seen.Add(item.Index));
        }

        Assert.Equal(1000, seen.Count);
        Assert.False(deque.TrySteal(out _));
    }

    [Fact]
    public async Task Every_item_is_taken_exactly_once_under_concurrent_stealing()
    {
        const int Items = 200_000;
        var deque = new WorkStealingDeque(16);
        var taken = new int[Items];
        var producing = true;
        var thieves = Enumerable.Range(0, 3).Select(_ => Task.Run(() =>
        {
            while (Volatile.Read(ref producing) || !deque.IsEmpty)
            {
                if (deque.TrySteal(out var item))
                {
                    Interlocked.Increment(ref taken[item.Index]);
                }
            }
        })).ToArray();

        for (var i = 0; i < Items; i++)
        {
            deque.Push(new WorkItem(s_target, i, 0));
            if ((i & 3) == 0 && deque.TryPop(out var item))
            {
                Interlocked.Increment(ref taken[item.Index]);
            }
        }

        while (deque.TryPop(out var rest))
        {
            Interlocked.Increment(ref taken[rest.Index]);
        }

        Volatile.Write(ref producing, false);
        await Task.WhenAll(thieves);
        Assert.All(taken, count => Assert.Equal(1, count));
    }
}
