using FastFlow.Expressions.Evaluation;

namespace FastFlow.Expressions.Nodes;

/// <summary>One node of a compiled expression tree. Names are bound when the tree is built
/// (task ids to indices, functions to node types), so evaluation only walks the tree.</summary>
internal abstract class ExpressionNode
{
    protected ExpressionNode(int position)
    {
        Position = position;
    }

    /// <summary>0-based offset of the node's operator or first character in the parsed text,
    /// for evaluation errors.</summary>
    public int Position { get; }

    /// <summary>The node's value.</summary>
    public abstract Value Evaluate(IEvaluationContext context);

    /// <summary>The node's truthiness; logic nodes override it to skip building a value.</summary>
    public virtual bool IsTrue(IEvaluationContext context) => Evaluate(context).IsTruthy;
}
