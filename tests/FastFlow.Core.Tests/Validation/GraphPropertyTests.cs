using CsCheck;
using FastFlow.Definitions;
using FastFlow.Validation;

namespace FastFlow.Core.Tests.Validation;

public class GraphPropertyTests
{
    /// <summary>A task count and edges (dependency, dependent) from a lower to a higher index.</summary>
    private static readonly Gen<(int Count, (int From, int To)[] Edges)> s_dags =
        from count in Gen.Int[1, 20]
        from pairs in Gen.Select(Gen.Int[0, count - 1], Gen.Int[0, count - 1]).Array[0, 3 * count]
        select (count, pairs.Where(p => p.Item1 != p.Item2).Select(p => (Math.Min(p.Item1, p.Item2), Math.Max(p.Item1, p.Item2))).ToArray());

    private static (WorkflowDefinition Definition, TaskRef[] Tasks) Build((int Count, (int From, int To)[] Edges) dag, Action<WorkflowBuilder, TaskRef[]>? extra = null)
    {
        var flow = new WorkflowBuilder("dag");
        // Explicit ids on even tasks, anonymous odd ones: both kinds of task in every graph.
        var tasks = Enumerable.Range(0, dag.Count).Select(i => i % 2 == 0 ? flow.Task($"t{i}", TestRegistry.Handler) : flow.Task(TestRegistry.Handler)).ToArray();
        foreach (var (from, to) in dag.Edges)
        {
            tasks[to].DependsOn(tasks[from]);
        }

        extra?.Invoke(flow, tasks);
        return (flow.Build(), tasks);
    }

    [Fact]
    public void Random_dags_are_valid_and_successors_invert_the_dependencies()
    {
        s_dags.Sample(dag =>
        {
            var (definition, _) = Build(dag);
            var result = TestRegistry.Validate(definition);

            Assert.True(result.IsValid, Diagnostics.Describe(result));
            Assert.All(result.Diagnostics, d => Assert.Equal(DiagnosticCodes.DuplicateDependency, d.Code));
            Assert.Equal(dag.Count, result.TopologicalOrder.Length);
            Assert.Empty(result.Cycles);

            var table = definition.Tasks;
            Assert.Equal(dag.Count + 1, result.SuccessorStart.Length);
            Assert.Equal(table.EdgeCount, result.Successors.Length);
            for (var i = 0; i < dag.Count; i++)
            {
                var expected = new List<int>();
                for (var j = 0; j < dag.Count; j++)
                {
                    foreach (var dependency in table.GetDependencies(j))
                    {
                        if (dependency == i)
                        {
                            expected.Add(j);
                        }
                    }
                }

                var actual = result.Successors.AsSpan(result.SuccessorStart[i], result.SuccessorStart[i + 1] - result.SuccessorStart[i]).ToArray();
                Assert.Equal(expected, actual);
            }

            var position = new int[dag.Count];
            for (var k = 0; k < result.TopologicalOrder.Length; k++)
            {
                position[result.TopologicalOrder[k]] = k;
            }

            Assert.All(dag.Edges, e => Assert.True(position[e.From] < position[e.To]));
        });
    }

    [Fact]
    public void A_back_edge_makes_an_FF1012_whose_printed_cycle_is_a_real_cycle()
    {
        var withBackEdge =
            from dag in s_dags.Where(d => d.Edges.Length > 0)
            from pick in Gen.Int[0, int.MaxValue]
            from steps in Gen.Int[0, 5].Array[6]
            select (dag, pick, steps);

        withBackEdge.Sample(sample =>
        {
            var (dag, pick, steps) = sample;
            // Walk forward from a random edge along random edges: the walk's end depends on its start.
            var (start, end) = dag.Edges[pick % dag.Edges.Length];
            foreach (var step in steps)
            {
                var next = dag.Edges.Where(e => e.From == end).ToArray();
                if (next.Length == 0)
                {
                    break;
                }

                end = next[step % next.Length].To;
            }

            var (definition, _) = Build(dag, (_, tasks) => tasks[start].DependsOn(tasks[end]));
            var result = TestRegistry.Validate(definition);

            var cycles = result.Diagnostics.Where(d => d.Code == DiagnosticCodes.Cycle).ToList();
            Assert.Single(cycles);
            var printed = cycles[0].Message.Split(": ", 2)[1].Split(" (", 2)[0].Split(" -> ");
            Assert.Equal(printed[0], printed[^1]);
            Assert.True(printed.Length >= 3);
            var table = definition.Tasks;
            for (var k = 0; k + 1 < printed.Length; k++)
            {
                var before = table.IndexOf(printed[k]);
                var after = table.IndexOf(printed[k + 1]);
                Assert.True(before >= 0 && after >= 0, $"unknown task in {cycles[0].Message}");
                Assert.Contains(before, table.GetDependencies(after).ToArray());
            }

            Assert.Equal(printed.Length - 1, Assert.Single(result.Cycles).Length);
        });
    }
}
