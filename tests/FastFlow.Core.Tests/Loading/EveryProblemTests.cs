using FastFlow.Validation;

namespace FastFlow.Core.Tests.Loading;

/// <summary>One load reports every problem of the document, not just the first.</summary>
public sealed class EveryProblemTests
{
    [Fact]
    public void Five_different_mistakes_give_five_diagnostics_in_text_order()
    {
        var result = Loads.Yaml("""
            version: "9.0"
            name: Broken
            tasks:
              extract:
                action: noop
                timeout_seconds: ten
              load data:
                action: noop
                priority: urgent
              report:
                handler: publish
                dependson: [extract]
            """);

        Assert.Equal(
        [
            "FF1008 1:10 version",
            "FF1003 6:22 tasks.extract.timeout_seconds",
            "FF1005 7:3 tasks[\"load data\"]",
            "FF1009 9:15 tasks[\"load data\"].priority",
            "FF1002 12:5 tasks.report.dependson",
        ], Loads.Wheres(result));
        Assert.All(result.Diagnostics, d => Assert.Equal(DiagnosticSeverity.Error, d.Severity));
        Assert.All(result.Diagnostics, d => Assert.False(string.IsNullOrEmpty(d.Hint), d.ToString()));
        // The model still forms, so the validator can look for more.
        Assert.NotNull(result.Definition);
        Assert.Equal(3, result.Definition.Tasks.Count);
        Assert.False(result.Success);
    }

    [Fact]
    public void The_same_mistakes_in_json_give_the_same_codes_and_paths()
    {
        var result = Loads.Json("""
            {
              "version": "9.0",
              "name": "Broken",
              "tasks": {
                "extract": { "action": "noop", "timeout_seconds": "ten" },
                "load data": { "action": "noop", "priority": "urgent" },
                "report": { "handler": "publish", "dependson": ["extract"] }
              }
            }
            """);

        Assert.Equal(
        [
            "FF1008 version",
            "FF1003 tasks.extract.timeout_seconds",
            "FF1005 tasks[\"load data\"]",
            "FF1009 tasks[\"load data\"].priority",
            "FF1002 tasks.report.dependson",
        ], result.Diagnostics.Select(d => d.Code + " " + d.Path));
    }
}
