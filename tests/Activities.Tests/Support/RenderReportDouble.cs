using System.Collections;
using System.Collections.Concurrent;
using System.Globalization;
using System.Text;
using CloudpackPlus.Activities.Reports;
using CloudpackPlus.Workflows.Activities;
using Microsoft.Extensions.DependencyInjection;
using Scriban;
using Scriban.Runtime;

namespace CloudpackPlus.Activities.Tests.Support;

/// <summary>
/// TEST-ONLY stand-in for the report pipeline's <c>RenderReport</c> activity (it arrives at merge; delete this then):
/// builds the service's model through its <see cref="IReportModelSource"/> and renders the service's templates with
/// Scriban (<c>model</c>, <c>report</c>, and <c>charts.bar</c>/<c>charts.stacked</c> drawing plain SVG), failing on a
/// template that does not parse. The HTML is kept in <see cref="Rendered"/> for the tests to read.
/// </summary>
[Activity("RenderReport", DisplayNameJa = "レポート作成(テスト用)", DisplayNameEn = "Render report (test double)", Category = "Reports",
    Description = "Test double of the report pipeline's RenderReport.")]
public sealed class RenderReportDouble : Activity
{
    /// <summary>HTML per instance and culture.</summary>
    public static ConcurrentDictionary<(Guid InstanceId, string Culture), string> Rendered { get; } = new();

    /// <summary>The catalogue id of the service.</summary>
    [Input(Description = "Service", Required = true)]
    public string Service { get; set; } = "";

    /// <summary>Length of the Japanese HTML.</summary>
    [Output(Description = "HTML length")]
    public int Length { get; set; }

    /// <inheritdoc />
    public override async ValueTask<ActivityResult> ExecuteAsync(ActivityContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var source = context.Services.GetServices<IReportModelSource>().Single(s => s.ServiceId == Service);
        var companyId = Guid.Parse(Convert.ToString(context.Variables["companyId"], CultureInfo.InvariantCulture)!);
        foreach (var culture in new[] { "ja-JP", "en-US" })
        {
            var built = await source.BuildAsync(new ReportRequest(Guid.Parse(context.CorrelationId!), context.InstanceId, companyId, culture,
                new Dictionary<string, object?>(context.Variables)), context.CancellationToken);
            var html = Render(Service, culture, built);
            Rendered[(context.InstanceId, culture)] = html;
            Length = culture == "ja-JP" ? html.Length : Length;
        }

        return ActivityResult.Done();
    }

    /// <summary>Renders templates/reports/&lt;service&gt;/report.&lt;culture&gt;.sbn with a model.</summary>
    public static string Render(string service, string culture, ReportModel built)
    {
        ArgumentNullException.ThrowIfNull(built);
        var path = Path.Combine(RepositoryRoot(), "templates", "reports", service, $"report.{culture}.sbn");
        var template = Template.Parse(File.ReadAllText(path), path);
        if (template.HasErrors)
        {
            throw new InvalidOperationException(string.Join("; ", template.Messages.Select(m => m.ToString())));
        }

        var globals = new ScriptObject();
        var report = new ScriptObject { ["account_id"] = built.AccountId, ["period_from"] = built.PeriodFrom?.ToString("O", CultureInfo.InvariantCulture),
            ["period_to"] = built.PeriodTo?.ToString("O", CultureInfo.InvariantCulture), ["aws_calls"] = built.AwsCalls };
        var charts = new ScriptObject();
        charts.Import("bar", new Func<string, IEnumerable, string>(Bar));
        charts.Import("stacked", new Func<string, IEnumerable, IEnumerable, string>(Stacked));
        globals["model"] = built.Model;
        globals["report"] = report;
        globals["charts"] = charts;
        var context = new TemplateContext { StrictVariables = true };
        context.PushCulture(CultureInfo.GetCultureInfo(culture));
        context.PushGlobal(globals);
        return template.Render(context);
    }

    private static string Bar(string title, IEnumerable rows)
    {
        var svg = new StringBuilder($"<svg role=\"img\" data-chart=\"bar\"><title>{title}</title>");
        foreach (var row in rows)
        {
            var type = row.GetType();
            svg.Append(CultureInfo.InvariantCulture, $"<g data-label=\"{type.GetProperty("Label")!.GetValue(row)}\" data-value=\"{type.GetProperty("Value")!.GetValue(row)}\"/>");
        }

        return svg.Append("</svg>").ToString();
    }

    private static string Stacked(string title, IEnumerable categories, IEnumerable series) =>
        $"<svg role=\"img\" data-chart=\"stacked\" data-categories=\"{string.Join(',', categories.Cast<object>())}\" data-series=\"{series.Cast<object>().Count()}\"><title>{title}</title></svg>";

    private static string RepositoryRoot()
    {
        var directory = new DirectoryInfo(AppContext.BaseDirectory);
        while (directory is not null && !File.Exists(Path.Combine(directory.FullName, "CloudpackPlus.sln")))
        {
            directory = directory.Parent;
        }

        return directory?.FullName ?? throw new DirectoryNotFoundException("The repository root (CloudpackPlus.sln) was not found.");
    }
}
