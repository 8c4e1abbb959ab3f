namespace FastFlow.Expressions.Nodes;

/// <summary>The binary arithmetic operators.</summary>
internal enum ArithmeticOperator : byte
{
    /// <summary><c>+</c></summary>
    Add,
    /// <summary><c>-</c></summary>
    Subtract,
    /// <summary><c>*</c></summary>
    Multiply,
    /// <summary><c>/</c></summary>
    Divide,
    /// <summary><c>%</c></summary>
    Remainder,
}
