using FastFlow.Storage.Records;

namespace FastFlow.Durability;

/// <summary>Wire names of checkpoint levels.</summary>
internal static class LevelNames
{
    public static string Of(CheckpointLevel level) => level switch
    {
        CheckpointLevel.Minimal => "minimal",
        CheckpointLevel.Standard => "standard",
        CheckpointLevel.Comprehensive => "comprehensive",
        _ => "debug",
    };

    public static bool TryParse(string? text, out CheckpointLevel level)
    {
        switch (text)
        {
            case "minimal": level = CheckpointLevel.Minimal; return true;
            case "standard": level = CheckpointLevel.Standard; return true;
            case "comprehensive": level = CheckpointLevel.Comprehensive; return true;
            case "debug": level = CheckpointLevel.Debug; return true;
            default: level = CheckpointLevel.Standard; return false;
        }
    }
}
