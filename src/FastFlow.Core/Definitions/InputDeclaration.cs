namespace FastFlow.Definitions;

/// <summary>One declared input of a workflow.</summary>
public sealed record InputDeclaration
{
    /// <summary>The input's name, as referred to by <c>inputs.name</c>.</summary>
    public required string Name { get; init; }

    /// <summary>The input's type.</summary>
    public InputType Type { get; init; } = InputType.Any;

    /// <summary>A run without this input (and without a default) is refused.</summary>
    public bool Required { get; init; }

    /// <summary>The value used when the run does not give one.</summary>
    public object? Default { get; init; }

    /// <summary>True when <see cref="Default"/> was given (a default may be null).</summary>
    public bool HasDefault { get; init; }

    /// <summary>What the input is for.</summary>
    public string? Description { get; init; }
}

/// <summary>The type of a declared input.</summary>
public enum InputType : byte
{
    /// <summary>Anything.</summary>
    Any = 0,
    /// <summary>A string.</summary>
    String = 1,
    /// <summary>A whole number.</summary>
    Integer = 2,
    /// <summary>Any number.</summary>
    Number = 3,
    /// <summary>true or false.</summary>
    Boolean = 4,
    /// <summary>A map of names to values.</summary>
    Object = 5,
    /// <summary>A list.</summary>
    Array = 6,
}
