using System.Text.RegularExpressions;
using FastFlow.Visualization;

namespace FastFlow.Core.Tests.Visualization;

public class GraphRendererTests
{
    [Fact]
    public void Text_shows_levels_runners_dependencies_and_problems()
    {
        var text = GraphRenderer.Render(SampleDefinitions.Broken(), GraphFormat.Text);

        Assert.StartsWith("workflow data-pipeline", text, StringComparison.Ordinal);
        Assert.Contains("✗ FF1052 max_concurrency must be at least 1", text, StringComparison.Ordinal);
        Assert.Matches(@"level 0\n  ✓ extract +handler transform\n", text);
        Assert.Matches(@"  ✗ transform +handler transfrom  <- extract\n      ✗ FF1021 unknown handler 'transfrom'\n        hint: did you mean 'transform'\?\n", text);
        Assert.Contains("action noop [one_success]  <- extract", text, StringComparison.Ordinal);
        Assert.Contains("<- transform, check \"quoted\" <id>, ?lod (unknown)", text, StringComparison.Ordinal);
        Assert.Contains("✗ FF1010", text, StringComparison.Ordinal);
        Assert.Contains("<- y ↺, load", text, StringComparison.Ordinal);
        Assert.Contains("cycles\n  ✗ x -> y -> x\n", text, StringComparison.Ordinal);
        Assert.Matches(@"level 3\n  ✗ x +action noop  <- y ↺, load\n(.*\n)+\nlevel 4\n  ✓ y +action noop  <- x ↺\n", text);
        Assert.EndsWith("6 tasks, 7 edges, 5 errors, 0 warnings\n", text, StringComparison.Ordinal);
    }

    [Fact]
    public void Text_orders_tasks_by_level()
    {
        var text = GraphRenderer.Render(SampleDefinitions.Valid(), GraphFormat.Text);

        var a = text.IndexOf("✓ a", StringComparison.Ordinal);
        var b = text.IndexOf("✓ b", StringComparison.Ordinal);
        var c = text.IndexOf("✓ c", StringComparison.Ordinal);
        Assert.True(a < b && b < c, text);
        Assert.Contains("level 2\n  ✓ c  action noop  <- a, b\n", text, StringComparison.Ordinal);
        Assert.EndsWith("3 tasks, 3 edges, 0 errors, 0 warnings\n", text, StringComparison.Ordinal);
    }

    [Fact]
    public void Dot_is_structurally_valid_with_failures_in_red()
    {
        var dot = GraphRenderer.Render(SampleDefinitions.Broken(), GraphFormat.Dot);

        Assert.StartsWith("digraph \"data-pipeline\" {\n", dot, StringComparison.Ordinal);
        Assert.EndsWith("}\n", dot, StringComparison.Ordinal);
        AssertBalanced(dot);
        var declared = Regex.Matches(dot, @"^  ([tm]\d+) \[label=", RegexOptions.Multiline).Select(m => m.Groups[1].Value).ToHashSet();
        var edges = Regex.Matches(dot, @"^  ([tm]\d+) -> (t\d+)( \[(.*)\])?;$", RegexOptions.Multiline).ToList();
        Assert.Equal(8, edges.Count);
        Assert.All(edges, e => Assert.Contains(e.Groups[1].Value, declared));
        Assert.All(edges, e => Assert.Contains(e.Groups[2].Value, declared));
        Assert.Equal(7, declared.Count);

        Assert.Matches(@"t1 \[label=""transform\\nhandler transfrom\\nFF1021 unknown handler 'transfrom'"", color=red", dot);
        Assert.Contains("t2 [label=\"check \\\"quoted\\\" <id>\\naction noop [one_success]\\nFF1005 the task id 'check \\\"quoted\\\" <id>'", dot, StringComparison.Ordinal);
        Assert.Contains("m0 [label=\"lod\\n(unknown task)\", style=dashed, color=red", dot, StringComparison.Ordinal);
        Assert.Contains("m0 -> t3 [style=dashed, color=red];", dot, StringComparison.Ordinal);
        Assert.Contains("t5 -> t4 [color=red, penwidth=2];", dot, StringComparison.Ordinal);
        Assert.Contains("t4 -> t5 [color=red, penwidth=2];", dot, StringComparison.Ordinal);
        Assert.Contains("t0 -> t1;", dot, StringComparison.Ordinal);
        Assert.Contains("label=\"FF1052 max_concurrency", dot, StringComparison.Ordinal);
    }

    [Fact]
    public void Mermaid_is_a_flowchart_with_failures_styled()
    {
        var mermaid = GraphRenderer.Render(SampleDefinitions.Broken(), GraphFormat.Mermaid);
        var lines = mermaid.Split('\n', StringSplitOptions.RemoveEmptyEntries);

        Assert.Equal("flowchart TD", lines[0]);
        var declared = lines.Select(l => Regex.Match(l, @"^  ([tm]\d+|workflow)\[""")).Where(m => m.Success).Select(m => m.Groups[1].Value).ToHashSet();
        var links = lines.Select(l => Regex.Match(l, @"^  ([tm]\d+) (-->|-\.->) (t\d+)$")).Where(m => m.Success).ToList();
        Assert.Equal(8, links.Count);
        Assert.All(links, l => Assert.Contains(l.Groups[1].Value, declared));
        Assert.All(links, l => Assert.Contains(l.Groups[3].Value, declared));
        // Every quoted label is closed on its line and holds no raw quote.
        Assert.All(lines.Where(l => l.Contains("[\"", StringComparison.Ordinal)), l => Assert.Matches(@"\[""[^""]*""\](:::\w+)?$", l));

        Assert.Contains("  t1[\"transform<br/>handler transfrom<br/>FF1021 unknown handler 'transfrom'\"]:::error", lines);
        Assert.Contains(lines, l => l.StartsWith("  t2[\"check #quot;quoted#quot; #lt;id#gt;<br/>action noop [one_success]<br/>FF1005", StringComparison.Ordinal));
        Assert.Contains("  m0[\"lod<br/>(unknown task)\"]:::missing", lines);
        Assert.Contains("  m0 -.-> t3", lines);
        var red = Regex.Match(mermaid, @"linkStyle ([\d,]+) stroke:#d00").Groups[1].Value.Split(',').Select(int.Parse).ToList();
        var expectedRed = links.Select((l, i) => (l, i))
            .Where(x => x.l.Groups[2].Value == "-.->" || (x.l.Value.Contains("t4 --> t5", StringComparison.Ordinal) || x.l.Value.Contains("t5 --> t4", StringComparison.Ordinal)))
            .Select(x => x.i).ToList();
        Assert.Equal(expectedRed, red);
        Assert.Contains(lines, l => l.StartsWith("  workflow[\"workflow data-pipeline<br/>FF1052", StringComparison.Ordinal));
        Assert.Contains("  classDef error fill:#fde8e8,stroke:#d00,color:#900", lines);
    }

    [Fact]
    public void A_valid_graph_has_no_red()
    {
        var result = SampleDefinitions.Valid();

        Assert.DoesNotContain("red", GraphRenderer.Render(result, GraphFormat.Dot), StringComparison.Ordinal);
        Assert.DoesNotContain(":::", GraphRenderer.Render(result, GraphFormat.Mermaid), StringComparison.Ordinal);
        Assert.DoesNotContain("✗", GraphRenderer.Render(result, GraphFormat.Text), StringComparison.Ordinal);
    }

    [Fact]
    public void A_self_dependency_is_a_red_loop()
    {
        var flow = new Definitions.WorkflowBuilder("w");
        var a = flow.Task("a");
        a.DependsOn(a);
        var result = Core.Tests.Validation.TestRegistry.Validate(flow.Build());

        Assert.Contains("t0 -> t0 [color=red, penwidth=2];", GraphRenderer.Render(result, GraphFormat.Dot), StringComparison.Ordinal);
        Assert.Contains("✗ a  action noop  <- a ↺", GraphRenderer.Render(result, GraphFormat.Text), StringComparison.Ordinal);
    }

    [Fact]
    public void An_empty_workflow_renders()
    {
        var result = Core.Tests.Validation.TestRegistry.Validate(new Definitions.WorkflowBuilder("w").Build());

        Assert.EndsWith("0 tasks, 0 edges, 1 error, 0 warnings\n", GraphRenderer.Render(result, GraphFormat.Text), StringComparison.Ordinal);
        AssertBalanced(GraphRenderer.Render(result, GraphFormat.Dot));
        Assert.StartsWith("flowchart TD", GraphRenderer.Render(result, GraphFormat.Mermaid), StringComparison.Ordinal);
    }

    [Fact]
    public void Text_names_the_line_of_a_located_problem()
    {
        var positions = new Dictionary<string, Definitions.SourcePosition> { ["tasks.a.handler"] = new(7, 14) };
        var flow = new Definitions.WorkflowBuilder("w").Source(new Definitions.SourceMap("flow.yaml", positions));
        flow.Task("a", "transfrom");

        var text = GraphRenderer.Render(Core.Tests.Validation.TestRegistry.Validate(flow.Build()), GraphFormat.Text);

        Assert.Contains("✗ FF1021 unknown handler 'transfrom' (line 7)\n", text, StringComparison.Ordinal);
    }

    [Fact]
    public void An_unknown_format_is_refused()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => GraphRenderer.Render(SampleDefinitions.Valid(), (GraphFormat)9));
    }

    /// <summary>Braces and brackets balance outside quoted strings, and every quote closes.</summary>
    private static void AssertBalanced(string dot)
    {
        var depth = 0;
        var inString = false;
        for (var i = 0; i < dot.Length; i++)
        {
            var c = dot[i];
            if (inString)
            {
                if (c == '\\')
                {
                    i++;
                }
                else if (c == '"')
                {
                    inString = false;
                }

                continue;
            }

            switch (c)
            {
                case '"':
                    inString = true;
                    break;
                case '{' or '[':
                    depth++;
                    break;
                case '}' or ']':
                    depth--;
                    Assert.True(depth >= 0, "closing before opening");
                    break;
            }
        }

        Assert.False(inString, "unterminated string");
        Assert.Equal(0, depth);
    }
}
