using System.Globalization;
using System.Xml.Linq;
using FastFlow.PerfReport.Results;
using FastFlow.PerfReport.Writers;

namespace FastFlow.PerfReport.Tests;

public class ShapeChartTests
{
    private static readonly XNamespace s_svg = "http://www.w3.org/2000/svg";

    [Fact]
    public void Is_an_svg_1_1_document_with_titled_axes()
    {
        var svg = Render(Sample.Report()).Root!;

        Assert.Equal(s_svg + "svg", svg.Name);
        Assert.Equal("1.1", (string?)svg.Attribute("version"));
        var axisTitles = svg.Descendants(s_svg + "text").Where(t => Class(t) == "axis-title").Select(t => t.Value);
        Assert.Equal(["ns per task", "DAG shape (about a million empty tasks each)"], axisTitles);
    }

    [Fact]
    public void Has_a_group_of_three_bars_per_shape_with_the_values_printed()
    {
        var groups = Groups(Render(Sample.Report()));

        Assert.Equal(["shape-chain", "shape-tree", "shape-wavefront", "shape-fanout"], groups.Select(g => (string?)g.Attribute("id")));
        Assert.Equal(["13.7", "41.9", "23"], Values(groups[0]));
        Assert.Equal(["14.3", "45.4", "40"], Values(groups[1]));
        Assert.Equal(["20.5", "60", "41"], Values(groups[2]));
        Assert.Equal(["17.5", "77.8", "46"], Values(groups[3]));
        Assert.All(groups, g => Assert.Equal(["bar fastflow", "bar baseline", "bar taskflow"], g.Elements(s_svg + "rect").Select(Class)));
    }

    [Fact]
    public void Bars_are_as_tall_as_their_values_on_the_y_axis()
    {
        var svg = Render(Sample.Report());
        // The y axis is 0 to 100 ns in steps of 20 for a tallest bar of 77.8: six grid lines.
        var grid = svg.Descendants(s_svg + "line").Where(l => Class(l) == "grid").Select(l => Number(l, "y1")).ToArray();
        var ticks = svg.Descendants(s_svg + "text").Where(t => Class(t) == "tick").Select(t => t.Value);
        Assert.Equal(["0", "20", "40", "60", "80", "100"], ticks);
        var nsPerUnit = 100 / (grid[0] - grid[^1]);

        var fanout = Groups(svg)[3].Elements(s_svg + "rect").ToArray();
        Assert.Equal(17.51, Number(fanout[0], "height") * nsPerUnit, 1);
        Assert.Equal(77.8, Number(fanout[1], "height") * nsPerUnit, 1);
        Assert.Equal(46, Number(fanout[2], "height") * nsPerUnit, 1);
        // Bars stand on the x axis.
        Assert.All(fanout, bar => Assert.Equal(grid[0], Number(bar, "y") + Number(bar, "height"), 1));
    }

    [Fact]
    public void A_shape_that_was_not_measured_shows_no_bar_but_says_so()
    {
        var report = Sample.Report() with { Shapes = [new ShapeFigure("chain", null, 41.87, 23), .. Sample.Report().Shapes.Skip(1)] };
        var chain = Groups(Render(report))[0];

        Assert.Equal(["bar baseline", "bar taskflow"], chain.Elements(s_svg + "rect").Select(Class));
        Assert.Equal(["n/a", "41.9", "23"], Values(chain));
    }

    [Theory]
    [InlineData(0, 50, 10)]
    [InlineData(46, 60, 10)]
    [InlineData(120, 150, 25)]
    [InlineData(7, 10, 2)]
    public void The_axis_ends_on_a_round_tick_above_the_tallest_bar(double largest, double max, double step) =>
        Assert.Equal((max, step), ShapeChart.Axis(largest));

    private static XDocument Render(BenchmarkReport report)
    {
        using var stream = new MemoryStream();
        ShapeChart.Write(stream, report);
        stream.Position = 0;
        return XDocument.Load(stream);
    }

    private static XElement[] Groups(XDocument svg) => [.. svg.Descendants(s_svg + "g").Where(g => Class(g) == "shape")];

    private static string[] Values(XElement group) =>
        [.. group.Elements(s_svg + "text").Where(t => Class(t).StartsWith("value ", StringComparison.Ordinal)).Select(t => t.Value)];

    private static double Number(XElement element, string attribute) =>
        double.Parse((string)element.Attribute(attribute)!, CultureInfo.InvariantCulture);

    private static string Class(XElement element) => (string?)element.Attribute("class") ?? string.Empty;
}
