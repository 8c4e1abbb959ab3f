namespace FastFlow.Collections;

/// <summary>A per-task column of references that stores nothing while every entry is the same
/// object: a million plain tasks sharing one handler (or all without options) keep one value,
/// not a million. The first entry that differs materializes the column.</summary>
internal struct UniformColumn<T> where T : class
{
    private ChunkedList<T?> _values;
    private bool _materialized;
    private T? _uniform;
    private int _count;

    /// <summary>The shared value while the column is uniform.</summary>
    public readonly T? Uniform => _uniform;

    public readonly bool IsUniform => !_materialized;

    public void Add(T? value)
    {
        if (!_materialized)
        {
            if (_count == 0 || ReferenceEquals(value, _uniform))
            {
                _uniform = value;
                _count++;
                return;
            }

            Materialize();
        }

        _values.Add(value);
        _count++;
    }

    public void Set(int index, T? value)
    {
        if (!_materialized)
        {
            if (ReferenceEquals(value, _uniform))
            {
                return;
            }

            Materialize();
        }

        _values[index] = value;
    }

    public readonly T? Get(int index) => _materialized ? _values[index] : _uniform;

    /// <summary>The entries as an array, or null when the column is uniform and the caller can
    /// keep the <see cref="Uniform"/> value instead.</summary>
    public readonly T?[]? ToArrayOrNull(bool elideUniformNonNull)
    {
        if (!_materialized && (_uniform is null || elideUniformNonNull))
        {
            return null;
        }

        if (!_materialized)
        {
            var filled = new T?[_count];
            Array.Fill(filled, _uniform);
            return filled;
        }

        return _values.ToArray();
    }

    private void Materialize()
    {
        _materialized = true;
        for (var i = 0; i < _count; i++)
        {
            _values.Add(_uniform);
        }
    }
}
