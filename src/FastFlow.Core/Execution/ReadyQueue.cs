namespace FastFlow.Execution;

/// <summary>Ready tasks of a gated run (one with <c>max_concurrency</c> or mixed priorities):
/// a binary heap, highest priority first, then the order in which tasks became ready.
/// Guarded by the run's lock.</summary>
internal sealed class ReadyQueue
{
    private (long Key, int Task)[] _heap = new (long, int)[16];
    private int _count;
    private long _sequence;

    public int Count => _count;

    public void Enqueue(int task, TaskPriority priority)
    {
        // Higher priority sorts first; within a priority, earlier readiness first.
        var key = ((long)(3 - (int)priority) << 56) | _sequence++;
        if (_count == _heap.Length)
        {
            Array.Resize(ref _heap, _heap.Length * 2);
        }

        var index = _count++;
        while (index > 0)
        {
            var parent = (index - 1) >> 1;
            if (_heap[parent].Key <= key)
            {
                break;
            }

            _heap[index] = _heap[parent];
            index = parent;
        }

        _heap[index] = (key, task);
    }

    public bool TryDequeue(out int task)
    {
        if (_count == 0)
        {
            task = -1;
            return false;
        }

        task = _heap[0].Task;
        var last = _heap[--_count];
        var index = 0;
        while (true)
        {
            var child = (index << 1) + 1;
            if (child >= _count)
            {
                break;
            }

            if (child + 1 < _count && _heap[child + 1].Key < _heap[child].Key)
            {
                child++;
            }

            if (last.Key <= _heap[child].Key)
            {
                break;
            }

            _heap[index] = _heap[child];
            index = child;
        }

        if (_count > 0)
        {
            _heap[index] = last;
        }

        return true;
    }
}
