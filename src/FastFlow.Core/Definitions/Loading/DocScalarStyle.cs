namespace FastFlow.Definitions.Loading;

/// <summary>How a scalar was written, which decides how its text is typed.</summary>
internal enum DocScalarStyle : byte
{
    /// <summary>Unquoted: typed by the YAML 1.2 core schema (null, booleans, numbers, else a
    /// string). JSON numbers, <c>true</c>, <c>false</c> and <c>null</c> are plain too.</summary>
    Plain = 0,
    /// <summary>Quoted (or a YAML block scalar, or tagged <c>!!str</c>): always a string.</summary>
    Quoted = 1,
}
