namespace FastFlow.Expressions.Nodes;

/// <summary>One step of a path after its root.</summary>
internal readonly struct PathSegment
{
    private PathSegment(SegmentKind kind, string? name, long index, ExpressionNode? computed)
    {
        Kind = kind;
        Name = name;
        Index = index;
        Computed = computed;
    }

    /// <summary>What kind of step.</summary>
    public SegmentKind Kind { get; }

    /// <summary>The key of a <see cref="SegmentKind.Member"/> step.</summary>
    public string? Name { get; }

    /// <summary>The index of an <see cref="SegmentKind.Index"/> step.</summary>
    public long Index { get; }

    /// <summary>The key or index expression of a <see cref="SegmentKind.Computed"/> step.</summary>
    public ExpressionNode? Computed { get; }

    /// <summary>A key of an object.</summary>
    public static PathSegment Member(string name) => new(SegmentKind.Member, name, 0, null);

    /// <summary>An item of an array.</summary>
    public static PathSegment At(long index) => new(SegmentKind.Index, null, index, null);

    /// <summary>A key or index computed at evaluation.</summary>
    public static PathSegment Dynamic(ExpressionNode computed) => new(SegmentKind.Computed, null, 0, computed);
}
