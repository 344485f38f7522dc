namespace CloudpackPlus.Activities.Reports;

/// <summary>
/// Builds the model a service's report template renders, from what the service's activities collected
/// (aggregates in the database, never every finding as an object). One implementation per service,
/// registered with <c>services.TryAddEnumerable(ServiceDescriptor.Scoped&lt;IReportModelSource, X&gt;())</c>.
/// </summary>
/// <remarks>
/// The report activity (<c>RenderReport</c>, input <c>Service</c>) finds the source whose
/// <see cref="ServiceId"/> matches, builds the model and renders the service's published template
/// (seeded from <c>templates/reports/&lt;SERVICE&gt;/report.ja-JP.sbn</c> and <c>report.en-US.sbn</c>) inside the
/// shared layout, which draws the cover page. The template sees the model as <c>model</c> (members renamed
/// by Scriban's default renamer: <c>TotalFindings</c> → <c>total_findings</c>), the cover data as
/// <c>report</c> and the SVG chart functions as <c>charts.bar title rows</c> (rows of <c>Label</c>, <c>Value</c>)
/// and <c>charts.stacked title categories series</c> (series of <c>Name</c>, <c>Values</c>).
/// </remarks>
public interface IReportModelSource
{
    /// <summary>The catalogue id of the service whose templates this model feeds (e.g. <c>ACCT-D</c>).</summary>
    string ServiceId { get; }

    /// <summary>The model for one application's report, in one language.</summary>
    Task<ReportModel> BuildAsync(ReportRequest request, CancellationToken cancellationToken);
}

/// <summary>What a report is made for.</summary>
/// <param name="ApplicationId">The application (the instance's correlation id).</param>
/// <param name="InstanceId">The workflow instance that collected the data.</param>
/// <param name="CompanyId">The company the report belongs to.</param>
/// <param name="Culture"><c>ja-JP</c> or <c>en-US</c>.</param>
/// <param name="Variables">The instance's variables (read-only).</param>
public sealed record ReportRequest(Guid ApplicationId, Guid InstanceId, Guid CompanyId, string Culture,
    IReadOnlyDictionary<string, object?> Variables);

/// <summary>A built model.</summary>
/// <param name="Model">Exposed to the template as <c>model</c>.</param>
/// <param name="AccountId">The AWS account the report covers, for the cover page (null when none).</param>
/// <param name="PeriodFrom">Start of the period covered (JST date), for the cover page.</param>
/// <param name="PeriodTo">End of the period covered (JST date), for the cover page.</param>
/// <param name="AwsCalls">The AWS API calls made and the permissions used, for the appendix.</param>
public sealed record ReportModel(object Model, string? AccountId, DateOnly? PeriodFrom, DateOnly? PeriodTo,
    IReadOnlyList<ReportAwsCall> AwsCalls);

/// <summary>One AWS API action the collection used, for the report's appendix.</summary>
/// <param name="Action">e.g. <c>securityhub:GetFindings</c>.</param>
/// <param name="Calls">How many requests were made.</param>
public sealed record ReportAwsCall(string Action, int Calls);
