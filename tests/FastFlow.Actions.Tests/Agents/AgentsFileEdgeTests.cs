using FastFlow.Actions.Agents;
using FastFlow.Validation;

namespace FastFlow.Actions.Tests.Agents;

public sealed class AgentsFileEdgeTests
{
    [Fact]
    public void A_key_written_twice_in_an_agent_is_FF1201_at_its_position()
    {
        var result = AgentsFile.Parse("agents:\n  - id: a\n    id: b\n    url: http://localhost/x\n", "agents.yaml");

        var diagnostic = Assert.Single(result.Diagnostics);
        Assert.Equal(DiagnosticCodes.AgentsFileSyntax, diagnostic.Code);
        Assert.Equal(3, diagnostic.Line);
    }

    [Fact]
    public void A_json_file_indented_with_tabs_loads()
    {
        var result = AgentsFile.Parse("{\n\t\"agents\": [\n\t\t{\n\t\t\t\"id\": \"remote\",\n\t\t\t\"url\": \"http://localhost/x\"\n\t\t}\n\t]\n}\n", "agents.json");

        Assert.Empty(result.Diagnostics);
        Assert.Equal((3, 3), (result.Agents.Single().Line, result.Agents.Single().Column));
    }

    [Fact]
    public void Aliases_that_expand_the_metadata_without_end_are_refused()
    {
        var yaml = """
            anchors: &l0 [1, 1, 1, 1, 1, 1, 1, 1, 1, 1]
            agents:
              - id: a
                url: http://localhost/x
                metadata:
                  l1: &l1 [*l0, *l0, *l0, *l0, *l0, *l0, *l0, *l0, *l0, *l0]
                  l2: &l2 [*l1, *l1, *l1, *l1, *l1, *l1, *l1, *l1, *l1, *l1]
                  l3: &l3 [*l2, *l2, *l2, *l2, *l2, *l2, *l2, *l2, *l2, *l2]
                  l4: &l4 [*l3, *l3, *l3, *l3, *l3, *l3, *l3, *l3, *l3, *l3]
                  l5: &l5 [*l4, *l4, *l4, *l4, *l4, *l4, *l4, *l4, *l4, *l4]
                  l6: &l6 [*l5, *l5, *l5, *l5, *l5, *l5, *l5, *l5, *l5, *l5]
                  l7: &l7 [*l6, *l6, *l6, *l6, *l6, *l6, *l6, *l6, *l6, *l6]
                  l8: [*l7, *l7, *l7, *l7, *l7, *l7, *l7, *l7, *l7, *l7]
            """;

        var result = AgentsFile.Parse(yaml, "agents.yaml");

        Assert.Contains(result.Diagnostics, d => d.Code == DiagnosticCodes.AgentField && d.Path == "agents[0].metadata");
        Assert.Empty(result.Agents);
    }
}
