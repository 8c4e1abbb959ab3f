namespace FastFlow.Storage.Stores;

/// <summary>Limits every <see cref="IStateStore"/> enforces the same way.</summary>
public static class StoreLimits
{
    /// <summary>The longest key or stream name, in UTF-8 bytes.</summary>
    public const int MaxKeyBytes = 1024;
}
