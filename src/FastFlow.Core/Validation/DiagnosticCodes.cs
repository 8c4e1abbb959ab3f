namespace FastFlow.Validation;

/// <summary>The stable codes of every diagnostic. Codes never change meaning once shipped; new
/// problems get new codes. docs/validation.md lists each with an example and its fix.</summary>
public static class DiagnosticCodes
{
    // FF10xx: the document itself.
    /// <summary>The file is not valid JSON or YAML.</summary>
    public const string Syntax = "FF1001";
    /// <summary>A field the schema does not have.</summary>
    public const string UnknownField = "FF1002";
    /// <summary>A value of the wrong type (a string where a number belongs...).</summary>
    public const string WrongType = "FF1003";
    /// <summary>A required field is missing.</summary>
    public const string MissingField = "FF1004";
    /// <summary>An id that is not <c>[A-Za-z0-9._-]+</c>.</summary>
    public const string InvalidId = "FF1005";
    /// <summary>Two tasks (or inputs, outputs) with the same id.</summary>
    public const string DuplicateId = "FF1006";
    /// <summary>A task's <c>id</c> field differs from its key.</summary>
    public const string IdMismatch = "FF1007";
    /// <summary>A schema version this engine cannot read.</summary>
    public const string UnsupportedVersion = "FF1008";
    /// <summary>A value outside the allowed set (trigger rule, priority, on_failure...).</summary>
    public const string InvalidValue = "FF1009";

    // FF101x: the graph.
    /// <summary>A dependency on a task that does not exist.</summary>
    public const string UnknownDependency = "FF1010";
    /// <summary>A task that depends on itself.</summary>
    public const string SelfDependency = "FF1011";
    /// <summary>Tasks that depend on each other in a cycle.</summary>
    public const string Cycle = "FF1012";
    /// <summary>The same dependency listed twice (warning).</summary>
    public const string DuplicateDependency = "FF1013";
    /// <summary>A workflow without tasks.</summary>
    public const string NoTasks = "FF1014";

    // FF102x: what a task runs.
    /// <summary>An action that is neither built in nor registered.</summary>
    public const string UnknownAction = "FF1020";
    /// <summary>A handler that is not registered.</summary>
    public const string UnknownHandler = "FF1021";
    /// <summary>An agent that is not registered, or no agent with the capabilities.</summary>
    public const string UnknownAgent = "FF1022";
    /// <summary>Neither or both of <c>action</c> and <c>handler</c>.</summary>
    public const string ActionOrHandler = "FF1023";
    /// <summary>Parameters an action cannot work with (missing, wrong type or value).</summary>
    public const string InvalidParameter = "FF1024";
    /// <summary>An action this version knows but cannot run here (not enabled, not available yet).</summary>
    public const string ActionUnavailable = "FF1025";

    // FF103x: expressions and templates.
    /// <summary>An expression that does not parse.</summary>
    public const string ExpressionSyntax = "FF1030";
    /// <summary>A template (<c>${{ }}</c>) that does not parse.</summary>
    public const string TemplateSyntax = "FF1031";
    /// <summary>A reference to a task that does not exist.</summary>
    public const string UnknownTaskReference = "FF1032";
    /// <summary>A reference to an input that is not declared.</summary>
    public const string UndeclaredInput = "FF1033";
    /// <summary>An unknown function or a wrong number of arguments.</summary>
    public const string UnknownFunction = "FF1034";
    /// <summary>A path root other than inputs, context, tasks, run or params.</summary>
    public const string UnknownReference = "FF1035";
    /// <summary>A reference to the output of a task that does not run before this one (warning).</summary>
    public const string OutputNotUpstream = "FF1036";

    // FF104x: tasks that can never run.
    /// <summary>A task that can never run (its condition is always false, or it needs a task that never runs).</summary>
    public const string NeverRuns = "FF1040";
    /// <summary><c>execution_mode: conditional</c> without a condition.</summary>
    public const string ConditionalWithoutCondition = "FF1041";

    // FF105x: numbers.
    /// <summary>Retry settings that make no sense (max_attempts &lt; 1, negative delays, max below base).</summary>
    public const string InvalidRetry = "FF1050";
    /// <summary>A timeout that is zero, negative or not a number.</summary>
    public const string InvalidTimeout = "FF1051";
    /// <summary>A max_concurrency below 1.</summary>
    public const string InvalidConcurrency = "FF1052";

    // FF11xx: run inputs.
    /// <summary>A required input that the run does not give.</summary>
    public const string MissingInput = "FF1101";
    /// <summary>An input that the workflow does not declare.</summary>
    public const string UnknownInput = "FF1102";
    /// <summary>An input of the wrong type.</summary>
    public const string InputType = "FF1103";
    /// <summary>An inputs file or <c>--input</c> argument that cannot be read.</summary>
    public const string InputSyntax = "FF1104";

    // FF12xx: agents files.
    /// <summary>An agents file that is not valid YAML or JSON, or has the wrong shape.</summary>
    public const string AgentsFileSyntax = "FF1201";
    /// <summary>An agent without id, or with an invalid one.</summary>
    public const string AgentId = "FF1202";
    /// <summary>Two agents with the same id.</summary>
    public const string DuplicateAgent = "FF1203";
    /// <summary>An unknown transport, or one without its command or url.</summary>
    public const string AgentTransport = "FF1204";
    /// <summary>A field of an agent entry that does not belong there, or has the wrong type.</summary>
    public const string AgentField = "FF1205";
}
