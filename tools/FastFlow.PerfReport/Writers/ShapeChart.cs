using System.Globalization;
using System.Text;
using System.Xml;
using FastFlow.PerfReport.Results;

namespace FastFlow.PerfReport.Writers;

/// <summary>Writes the DAG-shape chart, perf-reports/&lt;date&gt;-&lt;machine&gt;-shapes.svg: for
/// each shape a group of three bars (FastFlow, the ThreadPool baseline, Taskflow 4.1) in ns per
/// task, each with its value printed above it. Plain SVG 1.1, written by hand: one <c>g</c> of
/// class <c>shape</c> per shape, bars of class <c>bar</c>, printed values of class <c>value</c>.</summary>
internal static class ShapeChart
{
    private const double Width = 760;
    private const double Height = 450;
    private const double PlotLeft = 80;
    private const double PlotRight = 740;
    private const double PlotTop = 80;
    private const double PlotBottom = 340;
    private const double BarWidth = 38;
    private const double BarGap = 6;
    private const string Font = "DejaVu Sans, Arial, Helvetica, sans-serif";

    /// <summary>The series, in the order of the bars in a group: name, legend text, colour.</summary>
    private static readonly (string Name, string Legend, string Colour)[] s_series =
    [
        ("fastflow", "FastFlow", "#2b6cb0"),
        ("baseline", "Baseline (.NET ThreadPool)", "#a0aec0"),
        ("taskflow", "Taskflow 4.1 (issue #5's figures)", "#dd6b20"),
    ];

    /// <summary>Writes the chart.</summary>
    public static void Write(Stream stream, BenchmarkReport report)
    {
        var settings = new XmlWriterSettings { Indent = true, Encoding = new UTF8Encoding(encoderShouldEmitUTF8Identifier: false) };
        using var svg = XmlWriter.Create(stream, settings);
        var shapes = report.Shapes;
        var (axisMax, step) = Axis(shapes.SelectMany(Values).OfType<double>().DefaultIfEmpty(0).Max());

        svg.WriteStartElement("svg", "http://www.w3.org/2000/svg");
        svg.WriteAttributeString("version", "1.1");
        Attributes(svg, ("width", Width), ("height", Height));
        svg.WriteAttributeString("viewBox", string.Create(CultureInfo.InvariantCulture, $"0 0 {Width} {Height}"));
        svg.WriteAttributeString("font-family", Font);
        svg.WriteElementString("title", $"Empty-task DAGs, ns per task — {report.Machine.Slug}, {report.Date}");
        svg.WriteElementString("desc", "FastFlowExecute and BaselineExecute means from bench/FastFlow.Benchmarks (lower is better), beside Taskflow 4.1's figures as issue #5 quotes them.");

        Rect(svg, "background", 0, 0, Width, Height, "#ffffff");
        Text(svg, "title", Width / 2, 30, "middle", 18, "Empty-task DAGs: ns per task (lower is better)");
        Text(svg, "subtitle", Width / 2, 52, "middle", 12, $"{report.Machine.Slug}, {report.Date}, BenchmarkDotNet job {string.Join(", ", report.Jobs)}");
        WriteYAxis(svg, axisMax, step);

        var groupWidth = (PlotRight - PlotLeft) / Math.Max(shapes.Count, 1);
        for (var i = 0; i < shapes.Count; i++)
        {
            WriteGroup(svg, shapes[i], PlotLeft + i * groupWidth, groupWidth, axisMax);
        }

        Line(svg, "x-axis", PlotLeft, PlotBottom, PlotRight, PlotBottom, "#333333");
        Text(svg, "axis-title", (PlotLeft + PlotRight) / 2, 385, "middle", 13, "DAG shape (about a million empty tasks each)");
        WriteLegend(svg);
        svg.WriteEndElement();
    }

    /// <summary>The top of the y axis and the distance between its ticks: a round step
    /// (1, 2, 2.5 or 5 times a power of ten) giving at most six intervals with room above the tallest bar.</summary>
    internal static (double Max, double Step) Axis(double largest)
    {
        if (!(largest > 0))
        {
            return (50, 10);
        }

        var target = largest * 1.15;
        var rough = target / 6;
        var magnitude = Math.Pow(10, Math.Floor(Math.Log10(rough)));
        var step = new[] { 1, 2, 2.5, 5, 10 }.Select(m => m * magnitude).First(s => s >= rough);
        return (Math.Ceiling(target / step) * step, step);
    }

    private static IEnumerable<double?> Values(ShapeFigure shape) => [shape.FastFlowNs, shape.BaselineNs, shape.TaskflowNs];

    private static void WriteYAxis(XmlWriter svg, double axisMax, double step)
    {
        svg.WriteStartElement("g");
        svg.WriteAttributeString("class", "y-axis");
        for (var tick = 0.0; tick <= axisMax + step / 2; tick += step)
        {
            var y = Y(tick, axisMax);
            Line(svg, "grid", PlotLeft, y, PlotRight, y, "#e2e8f0");
            Text(svg, "tick", PlotLeft - 8, y + 4, "end", 11, Units.Figure(tick));
        }

        Line(svg, "axis", PlotLeft, PlotTop, PlotLeft, PlotBottom, "#333333");
        svg.WriteEndElement();

        var middle = (PlotTop + PlotBottom) / 2;
        svg.WriteStartElement("text");
        svg.WriteAttributeString("class", "axis-title");
        Attributes(svg, ("x", 26), ("y", middle), ("font-size", 13));
        svg.WriteAttributeString("text-anchor", "middle");
        svg.WriteAttributeString("transform", string.Create(CultureInfo.InvariantCulture, $"rotate(-90 26 {middle})"));
        svg.WriteString("ns per task");
        svg.WriteEndElement();
    }

    private static void WriteGroup(XmlWriter svg, ShapeFigure shape, double left, double width, double axisMax)
    {
        svg.WriteStartElement("g");
        svg.WriteAttributeString("class", "shape");
        svg.WriteAttributeString("id", "shape-" + shape.Shape);
        var values = Values(shape).ToArray();
        var x = left + (width - (s_series.Length * BarWidth + (s_series.Length - 1) * BarGap)) / 2;
        for (var i = 0; i < s_series.Length; i++, x += BarWidth + BarGap)
        {
            var (name, legend, colour) = s_series[i];
            var centre = x + BarWidth / 2;
            if (values[i] is not { } value)
            {
                Text(svg, "value " + name, centre, PlotBottom - 6, "middle", 11, "n/a");
                continue;
            }

            var top = Y(value, axisMax);
            svg.WriteStartElement("rect");
            svg.WriteAttributeString("class", "bar " + name);
            Attributes(svg, ("x", x), ("y", top), ("width", BarWidth), ("height", PlotBottom - top));
            svg.WriteAttributeString("fill", colour);
            svg.WriteElementString("title", $"{shape.Shape}, {legend}: {Units.Figure(value)} ns per task");
            svg.WriteEndElement();
            Text(svg, "value " + name, centre, top - 6, "middle", 11, Units.Figure(value));
        }

        Text(svg, "label", left + width / 2, PlotBottom + 20, "middle", 13, shape.Shape);
        svg.WriteEndElement();
    }

    private static void WriteLegend(XmlWriter svg)
    {
        svg.WriteStartElement("g");
        svg.WriteAttributeString("class", "legend");
        var x = PlotLeft;
        foreach (var (name, legend, colour) in s_series)
        {
            Rect(svg, "swatch " + name, x, 412, 14, 14, colour);
            Text(svg, "legend-text", x + 20, 424, "start", 12, legend);
            x += 40 + legend.Length * 7;
        }

        svg.WriteEndElement();
    }

    private static double Y(double value, double axisMax) => PlotBottom - value / axisMax * (PlotBottom - PlotTop);

    private static void Rect(XmlWriter svg, string cssClass, double x, double y, double width, double height, string fill)
    {
        svg.WriteStartElement("rect");
        svg.WriteAttributeString("class", cssClass);
        Attributes(svg, ("x", x), ("y", y), ("width", width), ("height", height));
        svg.WriteAttributeString("fill", fill);
        svg.WriteEndElement();
    }

    private static void Line(XmlWriter svg, string cssClass, double x1, double y1, double x2, double y2, string stroke)
    {
        svg.WriteStartElement("line");
        svg.WriteAttributeString("class", cssClass);
        Attributes(svg, ("x1", x1), ("y1", y1), ("x2", x2), ("y2", y2));
        svg.WriteAttributeString("stroke", stroke);
        svg.WriteEndElement();
    }

    private static void Text(XmlWriter svg, string cssClass, double x, double y, string anchor, double size, string text)
    {
        svg.WriteStartElement("text");
        svg.WriteAttributeString("class", cssClass);
        Attributes(svg, ("x", x), ("y", y), ("font-size", size));
        svg.WriteAttributeString("text-anchor", anchor);
        svg.WriteString(text);
        svg.WriteEndElement();
    }

    private static void Attributes(XmlWriter svg, params ReadOnlySpan<(string Name, double Value)> attributes)
    {
        foreach (var (name, value) in attributes)
        {
            svg.WriteAttributeString(name, Math.Round(value, 2).ToString(CultureInfo.InvariantCulture));
        }
    }
}
