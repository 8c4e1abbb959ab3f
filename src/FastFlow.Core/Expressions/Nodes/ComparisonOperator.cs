namespace FastFlow.Expressions.Nodes;

/// <summary>The ordering operators.</summary>
internal enum ComparisonOperator : byte
{
    /// <summary><c>&lt;</c></summary>
    Less,
    /// <summary><c>&lt;=</c></summary>
    LessOrEqual,
    /// <summary><c>&gt;</c></summary>
    Greater,
    /// <summary><c>&gt;=</c></summary>
    GreaterOrEqual,
}
