namespace FastFlow.PerfReport.Results;

/// <summary>One DAG shape's ns per task: FastFlow's engine, the .NET ThreadPool baseline of the
/// same suite, and Taskflow 4.1's published figure.</summary>
/// <param name="Shape">The shape's name in lower case (<c>chain</c>).</param>
/// <param name="FastFlowNs">FastFlowExecute's mean; null when it was not measured.</param>
/// <param name="BaselineNs">BaselineExecute's mean; null when it was not measured.</param>
/// <param name="TaskflowNs">Taskflow 4.1's figure for the shape.</param>
internal sealed record ShapeFigure(string Shape, double? FastFlowNs, double? BaselineNs, double TaskflowNs);
