using System.Globalization;
using System.Net;
using System.Text;
using CloudpackPlus.Activities.Applications;
using CloudpackPlus.Core.Applications;
using CloudpackPlus.Core.Reports;
using CloudpackPlus.Workflows.Activities;
using Microsoft.EntityFrameworkCore;

namespace CloudpackPlus.Activities.Consulting;

/// <summary>The application event a published proposal records, read by the customer's application page (SCOPE-1 link).</summary>
public static class ProposalEvents
{
    /// <summary>Event code; parameters <c>reportId</c>, <c>recommendsBuild</c> (<c>true</c>/<c>false</c>).</summary>
    public const string Code = "proposal";

    /// <summary>Whether the application's latest proposal recommends build work (the customer may then ask for a quote).</summary>
    public static async Task<bool> RecommendsBuildAsync(Core.Data.CoreDbContext db, Guid applicationId, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(db);
        var latest = await db.ApplicationEvents.AsNoTracking().Where(e => e.ApplicationId == applicationId && e.Code == Code)
            .OrderByDescending(e => e.At).ThenByDescending(e => e.Id).FirstOrDefaultAsync(cancellationToken);
        return Recommends(latest);
    }

    /// <summary>As <see cref="RecommendsBuildAsync"/> from the application's events already read (oldest first, as <c>ApplicationEvent.ListAsync</c> gives them).</summary>
    public static bool RecommendsBuild(IEnumerable<Core.Applications.ApplicationEvent> events) =>
        Recommends(events.Where(e => e.Code == Code).OrderByDescending(e => e.At).ThenByDescending(e => e.Id).FirstOrDefault());

    private static bool Recommends(Core.Applications.ApplicationEvent? latest) =>
        latest?.ParameterValues().GetValueOrDefault("recommendsBuild") == "true";
}

/// <summary>
/// COST-C/SEC-C: the PDF the CSM uploaded in the proposal task becomes the application's report (listed on the
/// application pages, downloadable by the company's users and staff). A file that is not a PDF, or not this
/// application's, leaves by <c>NotPdf</c> (the CSM is asked again). Records the <c>proposal</c> event with
/// whether the proposal recommends build work.
/// </summary>
[Activity("PublishProposal", DisplayNameJa = "提案書をレポートとして公開", DisplayNameEn = "Publish the proposal as the report", Category = "Consulting",
    Outcomes = ["Done", "NotPdf"], Description = "Stores the uploaded proposal PDF as the application's report (REPORT-1) and records whether it recommends build work.")]
public sealed class PublishProposal : Activity
{
    /// <summary>The uploaded file's id (the task's file field value: <c>[{id, fileName, …}]</c>, first item's id).</summary>
    [Input(Description = "Uploaded file id", Required = true)]
    public string FileId { get; set; } = "";

    /// <summary><c>ja-JP</c> or <c>en-US</c>: the proposal's language.</summary>
    [Input(Description = "Language (ja-JP, en-US)")]
    public string? Culture { get; set; }

    /// <summary>Whether the proposal recommends build work.</summary>
    [Input(Description = "Recommends build work")]
    public bool RecommendsBuild { get; set; }

    /// <summary>A summary shown with the report.</summary>
    [Input(Description = "Summary")]
    public string? Summary { get; set; }

    /// <summary>The report's id.</summary>
    [Output(Description = "Report id")]
    public Guid? ReportId { get; set; }

    /// <inheritdoc />
    public override async ValueTask<ActivityResult> ExecuteAsync(ActivityContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var (db, application) = await StepApplication.LoadAsync(context);
        var file = Guid.TryParse(FileId, out var id)
            ? await db.ApplicationFiles.IgnoreQueryFilters().SingleOrDefaultAsync(f => f.Id == id && f.ApplicationId == application.Id, context.CancellationToken)
            : null;
        if (file is null || file.ContentType != "application/pdf")
        {
            return ActivityResult.Outcome("NotPdf");
        }

        var now = context.Time.GetUtcNow();
        var culture = Culture is "en-US" ? "en-US" : "ja-JP";
        var html = Encoding.UTF8.GetBytes($"<!DOCTYPE html><html lang=\"{culture[..2]}\"><head><meta charset=\"utf-8\"><title>{WebUtility.HtmlEncode(application.Number)}</title></head>"
            + $"<body><h1>{WebUtility.HtmlEncode(file.FileName)}</h1><p>{WebUtility.HtmlEncode(Summary ?? "")}</p></body></html>");
        var report = new GeneratedReport
        {
            ApplicationId = application.Id, CompanyId = application.CompanyId, ServiceId = application.ServiceId, Culture = culture,
            TemplateVersion = 0, GeneratedAt = now, Html = html, Pdf = file.Content, Size = html.Length + file.Content.Length,
        };
        db.Reports.Add(report);
        ReportId = report.Id;
        ApplicationEvent.Record(db, application, now, ProposalEvents.Code, new Dictionary<string, string?>
        {
            ["reportId"] = report.Id.ToString(), ["recommendsBuild"] = RecommendsBuild ? "true" : "false",
            ["fileName"] = file.FileName, ["size"] = file.Size.ToString(CultureInfo.InvariantCulture),
        }, "system");
        return ActivityResult.Done();
    }
}
