using System.Collections;
using System.Globalization;
using System.Net;
using System.Text;
using Scriban.Runtime;

namespace CloudpackPlus.Activities.Reports;

/// <summary>
/// The chart functions templates call as <c>charts.bar title rows</c> and <c>charts.stacked title categories series</c>:
/// server-rendered SVG (no script), accessible (<c>role="img"</c>, <c>&lt;title&gt;</c>, a <c>&lt;desc&gt;</c> text
/// alternative) and followed by a table holding the same numbers.
/// </summary>
public static class ReportCharts
{
    private const int Width = 640;
    private const int BarHeight = 22;
    private const int LabelWidth = 200;
    private static readonly string[] Palette = ["#1f5fa8", "#d9534f", "#f0ad4e", "#5cb85c", "#6f42c1", "#20a8b0", "#8a8a8a", "#e83e8c"];
    private static int _ids;

    /// <summary>The <c>charts</c> object the renderer puts in the template's globals.</summary>
    public static ScriptObject CreateScriptObject()
    {
        var charts = new ScriptObject();
        charts.Import("bar", new Func<string, object?, string>(Bar));
        charts.Import("stacked", new Func<string, object?, object?, string>(Stacked));
        return charts;
    }

    /// <summary>A horizontal bar chart of <paramref name="rows"/> (each with <c>Label</c> and <c>Value</c>) and its table.</summary>
    public static string Bar(string title, object? rows)
    {
        var items = Items(rows).Select(r => (Label: Text(Member(r, "Label")), Value: Number(Member(r, "Value")))).ToList();
        var max = items.Count == 0 ? 0 : items.Max(i => i.Value);
        var height = Math.Max(1, items.Count) * (BarHeight + 6) + 10;
        var id = NextId();
        var desc = string.Join("、", items.Select(i => $"{i.Label}: {Format(i.Value)}"));
        var svg = new StringBuilder();
        Open(svg, id, title, desc, height);
        for (var i = 0; i < items.Count; i++)
        {
            var y = 5 + i * (BarHeight + 6);
            var w = max <= 0 ? 0 : (Width - LabelWidth - 80) * items[i].Value / max;
            svg.Append(CultureInfo.InvariantCulture, $"<text x=\"{LabelWidth - 8}\" y=\"{y + 16}\" text-anchor=\"end\" font-size=\"12\">{E(items[i].Label)}</text>");
            svg.Append(CultureInfo.InvariantCulture, $"<rect x=\"{LabelWidth}\" y=\"{y}\" width=\"{w:0.#}\" height=\"{BarHeight}\" fill=\"{Palette[i % Palette.Length]}\"/>");
            svg.Append(CultureInfo.InvariantCulture, $"<text x=\"{LabelWidth + w + 6:0.#}\" y=\"{y + 16}\" font-size=\"12\">{Format(items[i].Value)}</text>");
        }

        svg.Append("</svg>");
        var table = new StringBuilder("<table class=\"chart-data\"><caption>").Append(E(title)).Append("</caption><tbody>");
        foreach (var (label, value) in items)
        {
            table.Append("<tr><th scope=\"row\">").Append(E(label)).Append("</th><td class=\"num\">").Append(Format(value)).Append("</td></tr>");
        }

        return Figure(svg, table.Append("</tbody></table>"));
    }

    /// <summary>
    /// A stacked column chart: one column per category, one stacked segment per series (each with <c>Name</c> and
    /// <c>Values</c>, one value per category), a legend and the table of the numbers.
    /// </summary>
    public static string Stacked(string title, object? categories, object? series)
    {
        var cats = Items(categories).Select(Text).ToList();
        var rows = Items(series).Select(s => (Name: Text(Member(s, "Name")), Values: Items(Member(s, "Values")).Select(Number).ToList())).ToList();
        double ValueAt(int s, int c) => c < rows[s].Values.Count ? rows[s].Values[c] : 0;
        var totals = cats.Select((_, c) => Enumerable.Range(0, rows.Count).Sum(s => ValueAt(s, c))).ToList();
        var max = totals.Count == 0 ? 0 : totals.Max();
        const int plot = 220;
        var height = plot + 60 + (rows.Count + 3) / 4 * 18;
        var id = NextId();
        var desc = string.Join("、", cats.Select((c, i) => $"{c}: {string.Join(", ", rows.Select((r, s) => $"{r.Name} {Format(ValueAt(s, i))}"))}"));
        var svg = new StringBuilder();
        Open(svg, id, title, desc, height);
        var slot = cats.Count == 0 ? 0 : (Width - 60.0) / cats.Count;
        for (var c = 0; c < cats.Count; c++)
        {
            var x = 50 + c * slot;
            var y = 10.0 + plot;
            for (var s = 0; s < rows.Count; s++)
            {
                var h = max <= 0 ? 0 : plot * ValueAt(s, c) / max;
                y -= h;
                svg.Append(CultureInfo.InvariantCulture, $"<rect x=\"{x + slot * 0.15:0.#}\" y=\"{y:0.#}\" width=\"{slot * 0.7:0.#}\" height=\"{h:0.#}\" fill=\"{Palette[s % Palette.Length]}\"/>");
            }

            svg.Append(CultureInfo.InvariantCulture, $"<text x=\"{x + slot / 2:0.#}\" y=\"{plot + 26}\" text-anchor=\"middle\" font-size=\"10\">{E(cats[c])}</text>");
        }

        svg.Append(CultureInfo.InvariantCulture, $"<text x=\"44\" y=\"16\" text-anchor=\"end\" font-size=\"10\">{Format(max)}</text><line x1=\"48\" y1=\"{plot + 10}\" x2=\"{Width - 10}\" y2=\"{plot + 10}\" stroke=\"#888\"/>");
        for (var s = 0; s < rows.Count; s++)
        {
            var lx = 50 + s % 4 * 145;
            var ly = plot + 44 + s / 4 * 18;
            svg.Append(CultureInfo.InvariantCulture, $"<rect x=\"{lx}\" y=\"{ly - 10}\" width=\"10\" height=\"10\" fill=\"{Palette[s % Palette.Length]}\"/><text x=\"{lx + 14}\" y=\"{ly}\" font-size=\"11\">{E(rows[s].Name)}</text>");
        }

        svg.Append("</svg>");
        var table = new StringBuilder("<table class=\"chart-data\"><caption>").Append(E(title)).Append("</caption><thead><tr><th scope=\"col\"></th>");
        foreach (var (name, _) in rows)
        {
            table.Append("<th scope=\"col\">").Append(E(name)).Append("</th>");
        }

        table.Append("</tr></thead><tbody>");
        for (var c = 0; c < cats.Count; c++)
        {
            table.Append("<tr><th scope=\"row\">").Append(E(cats[c])).Append("</th>");
            for (var s = 0; s < rows.Count; s++)
            {
                table.Append("<td class=\"num\">").Append(Format(ValueAt(s, c))).Append("</td>");
            }

            table.Append("</tr>");
        }

        return Figure(svg, table.Append("</tbody></table>"));
    }

    private static void Open(StringBuilder svg, string id, string title, string desc, int height) =>
        svg.Append(CultureInfo.InvariantCulture, $"<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"chart\" role=\"img\" viewBox=\"0 0 {Width} {height}\" width=\"{Width}\" height=\"{height}\" aria-labelledby=\"{id}-t {id}-d\">")
            .Append(CultureInfo.InvariantCulture, $"<title id=\"{id}-t\">{E(title)}</title><desc id=\"{id}-d\">{E(desc)}</desc>");

    private static string Figure(StringBuilder svg, StringBuilder table) =>
        new StringBuilder("<figure class=\"chart-figure\">").Append(svg).Append(table).Append("</figure>").ToString();

    private static string NextId() => "chart" + Interlocked.Increment(ref _ids).ToString(CultureInfo.InvariantCulture);

    private static string E(string text) => WebUtility.HtmlEncode(text);

    private static string Format(double value) =>
        value == Math.Floor(value) ? value.ToString("#,0", CultureInfo.InvariantCulture) : value.ToString("#,0.##", CultureInfo.InvariantCulture);

    private static IEnumerable<object?> Items(object? value) => value switch
    {
        null => [],
        string s => [s],
        IEnumerable e => e.Cast<object?>(),
        _ => [value],
    };

    // Rows come from C# models (Label/Value properties) or from script objects (label/value keys after renaming).
    private static object? Member(object? item, string name)
    {
        switch (item)
        {
            case null:
                return null;
            case ScriptObject so:
                return so.TryGetValue(StandardMemberRenamer.Rename(name), out var renamed) ? renamed : so.TryGetValue(name, out var raw) ? raw : null;
            case IDictionary<string, object?> d:
                return d.TryGetValue(name, out var v) ? v : d.TryGetValue(StandardMemberRenamer.Rename(name), out var r) ? r : null;
            default:
                return item.GetType().GetProperty(name)?.GetValue(item);
        }
    }

    private static string Text(object? value) => Convert.ToString(value, CultureInfo.InvariantCulture) ?? "";

    private static double Number(object? value) => value switch
    {
        null => 0,
        IConvertible c when value is not string => c.ToDouble(CultureInfo.InvariantCulture),
        string s when double.TryParse(s, NumberStyles.Float, CultureInfo.InvariantCulture, out var d) => d,
        _ => 0,
    };
}
