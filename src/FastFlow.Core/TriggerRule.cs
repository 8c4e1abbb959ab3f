namespace FastFlow;

/// <summary>When a task with dependencies becomes ready.</summary>
public enum TriggerRule : byte
{
    /// <summary>Every dependency completed; if one failed, timed out or was skipped, the task is skipped. The default.</summary>
    AllSuccess = 0,
    /// <summary>Every dependency is done and none failed or timed out (skipped is fine).</summary>
    NoneFailed = 1,
    /// <summary>As soon as one dependency completed; all done with none completed skips the task.</summary>
    OneSuccess = 2,
    /// <summary>Every dependency is done, whatever its outcome.</summary>
    AllDone = 3,
}
