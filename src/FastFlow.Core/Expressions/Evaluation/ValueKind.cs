namespace FastFlow.Expressions.Evaluation;

/// <summary>The kind of a <see cref="Value"/>: the plain-data types.</summary>
internal enum ValueKind : byte
{
    /// <summary>null, also what a missing path gives.</summary>
    Null = 0,
    /// <summary>true or false.</summary>
    Boolean,
    /// <summary>A <see cref="long"/>.</summary>
    Integer,
    /// <summary>A <see cref="double"/>.</summary>
    Number,
    /// <summary>A <see cref="string"/>.</summary>
    String,
    /// <summary>A map of strings to values.</summary>
    Object,
    /// <summary>A list of values.</summary>
    Array,
}
