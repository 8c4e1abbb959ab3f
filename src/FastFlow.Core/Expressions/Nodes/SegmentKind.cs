namespace FastFlow.Expressions.Nodes;

/// <summary>The kinds of step a path takes after its root.</summary>
internal enum SegmentKind : byte
{
    /// <summary><c>.name</c> or <c>['name']</c>: a key of an object.</summary>
    Member,
    /// <summary><c>[3]</c>: an item of an array (negative counts from the end).</summary>
    Index,
    /// <summary><c>[expr]</c>: a key or an index computed at evaluation.</summary>
    Computed,
}
