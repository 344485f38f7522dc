using System.Diagnostics;
using CloudpackPlus.Activities.Reports;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace CloudpackPlus.Benchmarks;

/// <summary>
/// Report pipeline figures: a synthetic security diagnosis built from N findings' aggregates (the findings are
/// generated and folded page by page, never held), rendered to HTML inside the real layout and printed to PDF by
/// Debian's headless Chromium.
/// </summary>
public static class ReportBenchmark
{
    private static readonly string[] Severities = ["CRITICAL", "HIGH", "MEDIUM", "LOW", "INFORMATIONAL"];
    private static readonly string[] Services =
    [
        "EC2", "S3", "IAM", "RDS", "Lambda", "CloudTrail", "Config", "KMS", "ELB", "ECS", "EKS", "DynamoDB", "SNS", "SQS",
        "CloudFront", "APIGateway", "SecretsManager", "SSM", "GuardDuty", "Redshift", "OpenSearch", "ECR",
    ];

    private const string Template = """
        <h2>エグゼクティブサマリー</h2>
        <p>検出事項 {{ model.total }} 件（失敗 {{ model.failed }} 件）</p>
        {{ charts.bar "重要度別の検出数" model.severity }}
        <h2>サービス別の状況</h2>
        {{ charts.stacked "サービス別・重要度別の失敗数" model.service_names model.matrix }}
        <h2>コントロール別の結果</h2>
        <table><thead><tr><th>コントロール</th><th>タイトル</th><th>状態</th><th class="num">失敗リソース</th><th>修復手順</th></tr></thead><tbody>
        {{~ for c in model.controls ~}}
        <tr><td>{{ c.id }}</td><td>{{ c.title | html.escape }}</td><td class="status-{{ c.status | string.downcase }}">{{ c.status }}</td><td class="num">{{ c.failed }}</td><td><a href="{{ c.link }}">{{ c.id }}</a></td></tr>
        {{~ end ~}}
        </tbody></table>
        <h2>詳細（重大・高の先頭 {{ model.details.size }} 件）</h2>
        <table><tbody>
        {{~ for d in model.details ~}}
        <tr><td>{{ d.severity }}</td><td>{{ d.control }}</td><td><code>{{ d.resource | html.escape }}</code></td></tr>
        {{~ end ~}}
        </tbody></table>
        """;

    /// <summary>One size: HTML and PDF time, PDF bytes and pages, this process's peak working set.</summary>
    public sealed record Result(int Findings, TimeSpan Aggregate, TimeSpan Html, TimeSpan Pdf, int HtmlBytes, int PdfBytes, long PeakWorkingSet);

    public static async Task<Result> RunAsync(int findings, string templateDirectory)
    {
        var watch = Stopwatch.StartNew();
        var model = Aggregate(findings);
        var aggregate = watch.Elapsed;
        // A generous limit: the figure is the time taken, on a machine that may be loaded.
        var options = Options.Create(new ReportOptions { TemplateDirectory = templateDirectory, PdfTimeout = TimeSpan.FromMinutes(10) });
        var layout = await File.ReadAllTextAsync(Path.Combine(templateDirectory, "_layout.ja-JP.sbn"));
        var cover = new ReportCover("SEC-BENCH", "セキュリティ診断（ベンチマーク）", "ベンチマーク株式会社", "BENCH-1", "123456789012", "2026-04-01", "2026-04-30",
            "2026-05-11 10:00 JST", 1, "ja-JP", [new ReportAwsCall("securityhub:GetFindings", findings / 100 + 1)]);
        watch.Restart();
        var html = new ReportRenderer().Render(layout, Template, cover, model);
        var htmlTime = watch.Elapsed;
        using var printer = new ChromiumPdfPrinter(options, NullLogger<ChromiumPdfPrinter>.Instance);
        watch.Restart();
        var pdf = await printer.PrintAsync(html, CancellationToken.None);
        var pdfTime = watch.Elapsed;
        using var self = Process.GetCurrentProcess();
        self.Refresh();
        return new Result(findings, aggregate, htmlTime, pdfTime, html.Length, pdf.Length, self.PeakWorkingSet64);
    }

    // Findings arrive in pages of 100 (as Security Hub pages them) and are folded into counters at once.
    private static Dictionary<string, object?> Aggregate(int findings)
    {
        var severity = new long[Severities.Length];
        var matrix = new long[Severities.Length, Services.Length];
        var controls = new Dictionary<string, (string Title, long Failed)>(StringComparer.Ordinal);
        var details = new List<Dictionary<string, object?>>();
        long failed = 0;
        var random = new Random(42);
        for (var page = 0; page * 100 < findings; page++)
        {
            for (var i = page * 100; i < Math.Min(findings, (page + 1) * 100); i++)
            {
                var s = Math.Min(Severities.Length - 1, (int)(random.NextDouble() * random.NextDouble() * Severities.Length * 1.6));
                var service = random.Next(Services.Length);
                var control = $"{Services[service]}.{random.Next(1, 16)}";
                var isFailed = random.Next(3) > 0;
                severity[s]++;
                if (!isFailed)
                {
                    continue;
                }

                failed++;
                matrix[s, service]++;
                controls[control] = (controls.TryGetValue(control, out var c) ? c.Title : $"{Services[service]} の設定 {control} を確認する", c.Failed + 1);
                if (s <= 1 && details.Count < 200)
                {
                    details.Add(new() { ["severity"] = Severities[s], ["control"] = control, ["resource"] = $"arn:aws:{Services[service].ToLowerInvariant()}:ap-northeast-1:123456789012:resource/r-{i:x8}" });
                }
            }
        }

        return new Dictionary<string, object?>
        {
            ["total"] = findings, ["failed"] = failed,
            ["severity"] = Severities.Select((name, i) => new Dictionary<string, object?> { ["Label"] = name, ["Value"] = severity[i] }).ToList(),
            ["service_names"] = Services.ToList(),
            ["matrix"] = Severities.Select((name, s) => new Dictionary<string, object?> { ["Name"] = name, ["Values"] = Services.Select((_, v) => matrix[s, v]).ToList() }).ToList(),
            ["controls"] = controls.OrderByDescending(c => c.Value.Failed).ThenBy(c => c.Key, StringComparer.Ordinal)
                .Select(c => new Dictionary<string, object?> { ["id"] = c.Key, ["title"] = c.Value.Title, ["status"] = "FAILED", ["failed"] = c.Value.Failed, ["link"] = $"https://docs.aws.amazon.com/securityhub/latest/userguide/{c.Key.Split('.')[0].ToLowerInvariant()}-controls.html" }).ToList(),
            ["details"] = details,
        };
    }
}
