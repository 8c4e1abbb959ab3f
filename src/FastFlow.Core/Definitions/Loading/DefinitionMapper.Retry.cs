using FastFlow.Validation;

namespace FastFlow.Definitions.Loading;

internal sealed partial class DefinitionMapper
{
    /// <summary>A <c>retry</c> block.</summary>
    private RetrySettings? Retry(DocNode node, string path)
    {
        if (Mapping(node, path, "retry", "a mapping such as { max_attempts: 3, base_delay_seconds: 1 }") is not { } mapping)
        {
            return null;
        }

        var fields = Fields(mapping, path, FieldNames.Retry, "retry");
        return new RetrySettings
        {
            MaxAttempts = Integer(fields, "max_attempts"),
            BaseDelaySeconds = Number(fields, "base_delay_seconds"),
            MaxDelaySeconds = Number(fields, "max_delay_seconds"),
            ExponentialBackoff = Boolean(fields, "exponential_backoff"),
            Jitter = Boolean(fields, "jitter"),
            RetriableErrors = RetriableErrors(fields),
        };
    }

    private ErrorCategory[]? RetriableErrors(FieldSet fields)
    {
        if (!fields.TryGet("retriable_errors", out var node, out var path)
            || Strings(fields, "retriable_errors", allowSingle: true) is not { } names)
        {
            return null;
        }

        var categories = new List<ErrorCategory>(names.Count);
        foreach (var (name, ordinal) in names)
        {
            var itemPath = DefinitionPath.Item(path, ordinal);
            var itemNode = node is DocSequence sequence ? sequence.Items[ordinal] : node;
            if (Enum<ErrorCategory>(itemNode, itemPath, "error category") is { } category)
            {
                categories.Add(category);
            }
        }

        return [.. categories];
    }

    /// <summary>A task's retry policy: the <c>retry</c> block, or the seed's shorthand
    /// <c>retry_count</c> N (N + 1 attempts in all) and <c>retry_delay</c> (base delay in
    /// seconds). With both, the block wins and the shorthand is reported as ignored.</summary>
    private RetrySettings? TaskRetry(FieldSet fields)
    {
        var retryPath = DefinitionPath.Field(fields.Path, "retry");
        var retry = fields.TryGet("retry", out var node, out _) ? Retry(node, retryPath) : null;
        var count = Integer(fields, "retry_count");
        var delay = Number(fields, "retry_delay");
        if (fields.IsGiven("retry"))
        {
            IgnoredShorthand(fields, "retry_count", "max_attempts: <retry_count + 1>");
            IgnoredShorthand(fields, "retry_delay", "base_delay_seconds: <retry_delay>");
            return retry;
        }

        if (count is null && delay is null)
        {
            return null;
        }

        // The validator reports bad retry values at retry.max_attempts and retry.base_delay_seconds;
        // point those paths at the shorthand that produced them.
        MarkAlias(fields, count is not null ? "retry_count" : "retry_delay", retryPath);
        MarkAlias(fields, "retry_count", DefinitionPath.Field(retryPath, "max_attempts"));
        MarkAlias(fields, "retry_delay", DefinitionPath.Field(retryPath, "base_delay_seconds"));
        return new RetrySettings
        {
            MaxAttempts = count is { } n ? (n == int.MaxValue ? n : n + 1) : null,
            BaseDelaySeconds = delay,
        };
    }

    private void IgnoredShorthand(FieldSet fields, string name, string replacement)
    {
        if (fields.TryGetEntry(name, out var entry) && fields.IsGiven(name))
        {
            _session.Warning(DiagnosticCodes.InvalidValue, DefinitionPath.Field(fields.Path, name), entry.Key.Position,
                $"{name} is ignored because the task also has a retry block",
                $"remove {name}, or write it in the retry block as {replacement}");
        }
    }

    private void MarkAlias(FieldSet fields, string name, string aliasPath)
    {
        if (fields.TryGetEntry(name, out var entry))
        {
            _session.Mark(aliasPath, PositionOf(entry));
        }
    }
}
