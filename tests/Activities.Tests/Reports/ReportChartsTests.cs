using CloudpackPlus.Activities.Reports;
using CloudpackPlus.Core.Time;

namespace CloudpackPlus.Activities.Tests.Reports;

/// <summary>The charts templates draw: server-rendered, accessible SVG with the numbers in a table too.</summary>
public sealed class ReportChartsTests
{
    private static readonly TestRow[] Severity = [new("CRITICAL", 12), new("HIGH", 3450), new("<b>LOW</b>", 0)];

    [Fact]
    [Trait("Spec", "REPORT-1")]
    public void Bar_IsAnAccessibleSvg_WithTitleDescriptionAndTheNumbersInATable()
    {
        var html = ReportCharts.Bar("重要度別", Severity);

        Assert.Contains("<svg", html, StringComparison.Ordinal);
        Assert.Contains("role=\"img\"", html, StringComparison.Ordinal);
        Assert.Matches("<title id=\"chart\\d+-t\">重要度別</title>", html);
        Assert.Contains("<desc id=", html, StringComparison.Ordinal);
        Assert.Contains("CRITICAL: 12、HIGH: 3,450", html, StringComparison.Ordinal);
        Assert.Contains("<th scope=\"row\">HIGH</th><td class=\"num\">3,450</td>", html, StringComparison.Ordinal);
        Assert.Equal(3, CountOf(html, "<rect "));
        Assert.DoesNotContain("<b>", html, StringComparison.Ordinal);
        Assert.Contains("&lt;b&gt;LOW&lt;/b&gt;", html, StringComparison.Ordinal);
        Assert.DoesNotContain("<script", html, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    [Trait("Spec", "REPORT-1")]
    public void Stacked_HasASegmentPerSeriesAndCategory_ALegend_AndATableOfEveryValue()
    {
        var html = ReportCharts.Stacked("Spend", new[] { "Jan", "Feb" }, new[] { new TestSeries("EC2", [100, 50]), new TestSeries("S3", [10, 5]) });

        Assert.Contains("role=\"img\"", html, StringComparison.Ordinal);
        Assert.Equal(4 + 2, CountOf(html, "<rect ")); // 2 categories × 2 series + 2 legend keys
        Assert.Contains("Jan: EC2 100, S3 10", html, StringComparison.Ordinal);
        Assert.Contains("<tr><th scope=\"row\">Feb</th><td class=\"num\">50</td><td class=\"num\">5</td></tr>", html, StringComparison.Ordinal);
    }

    [Fact]
    [Trait("Spec", "REPORT-1")]
    public void Template_CallsTheChartsAsTheContractSays_AndSeesTheCoverData()
    {
        var model = TestReportSource.Build("ja-JP", controls: 2);
        var cover = ReportGenerator.Cover(model, "TEST-RPT", "テスト診断", "株式会社テスト", "A-1", new DateTimeOffset(2026, 5, 11, 15, 30, 0, TimeSpan.Zero), 7, "ja-JP");
        var body = "{{ charts.bar \"sev\" model.severity }}{{ charts.stacked \"spend\" model.months model.spend }}<p>{{ report.company_name }} v{{ report.template_version }}</p>";

        var html = new ReportRenderer().Render("<main>{{ content }}</main><footer>{{ report.generated_at }}</footer>", body, cover, model.Model);

        Assert.Equal(2, CountOf(html, "role=\"img\""));
        Assert.Contains("<th scope=\"row\">HIGH</th><td class=\"num\">345</td>", html, StringComparison.Ordinal);
        Assert.Contains("<tr><th scope=\"row\">2026-04</th><td class=\"num\">130</td><td class=\"num\">42</td></tr>", html, StringComparison.Ordinal);
        Assert.Contains("<p>株式会社テスト v7</p>", html, StringComparison.Ordinal);
        Assert.Contains("<footer>2026-05-12 00:30 JST</footer>", html, StringComparison.Ordinal);
        Assert.Equal("Asia/Tokyo", Tokyo.Zone.Id);
    }

    [Fact]
    [Trait("Spec", "REPORT-1")]
    public void Template_CannotIncludeFiles()
    {
        var model = TestReportSource.Build("en-US", controls: 1);
        var cover = ReportGenerator.Cover(model, "TEST-RPT", "Test", "Co", "A-1", DateTimeOffset.UnixEpoch, 1, "en-US");

        var error = Assert.ThrowsAny<Exception>(() => new ReportRenderer().Render("{{ content }}", "{{ include '/etc/passwd' }}", cover, model.Model));

        Assert.DoesNotContain("root:", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [Trait("Spec", "REPORT-1")]
    [InlineData("<h2>ok</h2>\n<p>{{ if }}</p>", 2)]
    [InlineData("<p>{{ model.x ) }}</p>", 1)]
    public void Parse_RefusesABrokenTemplate_WithItsLineAndColumn(string body, int line)
    {
        var refused = Assert.Throws<ReportTemplateException>(() => ReportRenderer.Parse(body));

        Assert.Equal(line, refused.Line);
        Assert.True(refused.Column > 1, refused.Message);
        Assert.StartsWith($"({line},{refused.Column}): ", refused.Message, StringComparison.Ordinal);
    }

    private static int CountOf(string text, string part)
    {
        var count = 0;
        for (var at = text.IndexOf(part, StringComparison.Ordinal); at >= 0; at = text.IndexOf(part, at + part.Length, StringComparison.Ordinal))
        {
            count++;
        }

        return count;
    }
}
