using System.Globalization;
using CloudpackPlus.Core.Data;
using CloudpackPlus.Workflows.Activities;
using Microsoft.Extensions.DependencyInjection;

namespace CloudpackPlus.Activities.Reports;

/// <summary>
/// REPORT-1: makes the application's reports for a service (Japanese and English, HTML and PDF) from the data the
/// service's activities collected, and stores them with the application when the step commits.
/// </summary>
[Activity("RenderReport", DisplayNameJa = "レポート作成", DisplayNameEn = "Render report", Category = "Reports",
    Kind = ActivityKind.Background, MaxAttempts = 3,
    Description = "Builds the service's report model, renders its published template inside the shared layout to HTML and prints it to PDF with headless Chromium, per language; stores the reports with the application.")]
public sealed class RenderReport : Activity
{
    /// <summary>The catalogue id of the service whose model source and template are used (e.g. <c>ACCT-D</c>).</summary>
    [Input(Description = "Service (catalogue id)", Required = true)]
    public string Service { get; set; } = "";

    /// <summary>The ids of the reports made, one per language.</summary>
    [Output(Description = "Report ids")]
    public List<string> ReportIds { get; set; } = [];

    /// <summary>The template version each report used (same order as the ids).</summary>
    [Output(Description = "Template versions")]
    public List<long> TemplateVersions { get; set; } = [];

    /// <inheritdoc />
    public override async ValueTask<ActivityResult> ExecuteAsync(ActivityContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var applicationId = Guid.TryParse(context.CorrelationId, out var parsed) ? parsed
            : throw new InvalidOperationException("RenderReport runs only in a workflow started by an application (correlation id = application id).");
        await using var scope = context.Services.CreateAsyncScope();
        var generator = scope.ServiceProvider.GetRequiredService<ReportGenerator>();
        generator.Progress = (done, total, message) => context.ReportProgress(done, total, message);
        var variables = new Dictionary<string, object?>(context.Variables, StringComparer.Ordinal);
        var reports = await generator.GenerateAsync(new ReportJob(applicationId, context.InstanceId, Service, variables), context.CancellationToken);
        ReportIds = reports.Select(r => r.Id.ToString("D", CultureInfo.InvariantCulture)).ToList();
        TemplateVersions = reports.Select(r => (long)r.TemplateVersion).ToList();
        context.CommitWithResult(step =>
        {
            step.GetDbContext<CoreDbContext>().Reports.AddRange(reports);
            return Task.CompletedTask;
        });
        return ActivityResult.Done();
    }
}
