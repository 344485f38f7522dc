using System.Collections;
using System.Collections.Concurrent;
using CloudpackPlus.Activities.Reports;
using CloudpackPlus.Workflows.Activities;
using Microsoft.Extensions.DependencyInjection;
using Scriban;
using Scriban.Runtime;

namespace CloudpackPlus.Activities.Tests.Support;

/// <summary>
/// TEST-ONLY stand-in for the report pipeline's <c>RenderReport</c> activity (owned by the reports work; the lead
/// deletes this double at merge). It finds the service's <see cref="IReportModelSource"/>, builds the model in
/// both languages and renders templates/reports/&lt;SERVICE&gt;/report.&lt;culture&gt;.sbn with Scriban, with
/// minimal <c>charts.bar</c>/<c>charts.stacked</c>, so tests see that the templates parse and show the figures.
/// </summary>
[Activity("RenderReport", DisplayNameJa = "レポート作成(テスト用)", DisplayNameEn = "Render report (test double)", Category = "Reports",
    Description = "Test double of the report pipeline's RenderReport.")]
public sealed class RenderReportDouble : Activity
{
    /// <summary>What each instance rendered, by instance id and culture.</summary>
    public static ConcurrentDictionary<(Guid Instance, string Culture), RenderedReport> Rendered { get; } = new();

    /// <summary>The catalogue id whose model source and templates are used.</summary>
    [Input(Description = "Service", Required = true)]
    public string Service { get; set; } = "";

    /// <inheritdoc />
    public override async ValueTask<ActivityResult> ExecuteAsync(ActivityContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var source = context.Services.GetServices<IReportModelSource>().Single(s => s.ServiceId == Service);
        var applicationId = Guid.Parse(context.CorrelationId!);
        var companyId = Guid.Parse(Convert.ToString(context.Variables["companyId"], System.Globalization.CultureInfo.InvariantCulture)!);
        foreach (var culture in new[] { "ja-JP", "en-US" })
        {
            var built = await source.BuildAsync(new ReportRequest(applicationId, context.InstanceId, companyId, culture,
                new Dictionary<string, object?>(context.Variables)), context.CancellationToken);
            Rendered[(context.InstanceId, culture)] = new RenderedReport(built, Render(Service, culture, built));
        }

        return ActivityResult.Done();
    }

    /// <summary>Renders a service's template with a built model; throws with the template's messages when it does not parse.</summary>
    public static string Render(string service, string culture, ReportModel built)
    {
        ArgumentNullException.ThrowIfNull(built);
        var path = Path.Combine(TemplatesRoot(), service, $"report.{culture}.sbn");
        var template = Template.Parse(File.ReadAllText(path), path);
        if (template.HasErrors)
        {
            throw new InvalidOperationException(string.Join("; ", template.Messages));
        }

        var globals = new ScriptObject();
        globals["model"] = built.Model;
        globals["report"] = new ScriptObject { ["account_id"] = built.AccountId };
        var charts = new ScriptObject();
        charts.Import("bar", new Func<string, IEnumerable, string>((title, rows) =>
            $"<svg role=\"img\" data-chart=\"bar\" data-items=\"{rows.Cast<object>().Count()}\"><title>{title}</title></svg>"));
        charts.Import("stacked", new Func<string, IEnumerable, IEnumerable, string>((title, categories, series) =>
            $"<svg role=\"img\" data-chart=\"stacked\" data-categories=\"{categories.Cast<object>().Count()}\" data-series=\"{series.Cast<object>().Count()}\"><title>{title}</title></svg>"));
        globals["charts"] = charts;
        var context = new TemplateContext { StrictVariables = true, LoopLimit = 10_000 };
        context.PushGlobal(globals);
        return template.Render(context);
    }

    private static string TemplatesRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            var candidate = Path.Combine(dir.FullName, "templates", "reports");
            if (Directory.Exists(Path.Combine(candidate, "COST-L")))
            {
                return candidate;
            }
        }

        throw new DirectoryNotFoundException("templates/reports was not found above " + AppContext.BaseDirectory);
    }
}

/// <summary>One rendering: the model built and the HTML.</summary>
/// <param name="Model">What the model source built.</param>
/// <param name="Html">The rendered body.</param>
public sealed record RenderedReport(ReportModel Model, string Html);
