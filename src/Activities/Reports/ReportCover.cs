namespace CloudpackPlus.Activities.Reports;

/// <summary>
/// What the layout's cover page shows, exposed to templates as <c>report</c> (<c>report.company_name</c>,
/// <c>report.generated_at</c>, …).
/// </summary>
/// <param name="ServiceId">The catalogue id of the service.</param>
/// <param name="ServiceName">The service's name in the report's language.</param>
/// <param name="CompanyName">The customer company.</param>
/// <param name="ApplicationNumber">The application's number as the portal shows it.</param>
/// <param name="AccountId">The AWS account, or empty.</param>
/// <param name="PeriodFrom">Start of the period covered (<c>yyyy-MM-dd</c>), or empty.</param>
/// <param name="PeriodTo">End of the period covered (<c>yyyy-MM-dd</c>), or empty.</param>
/// <param name="GeneratedAt">When it was made, in JST (<c>yyyy-MM-dd HH:mm JST</c>).</param>
/// <param name="TemplateVersion">The version of the service's template.</param>
/// <param name="Culture"><c>ja-JP</c> or <c>en-US</c>.</param>
/// <param name="AwsCalls">The AWS calls made, for the appendix.</param>
public sealed record ReportCover(string ServiceId, string ServiceName, string CompanyName, string ApplicationNumber, string AccountId,
    string PeriodFrom, string PeriodTo, string GeneratedAt, int TemplateVersion, string Culture, IReadOnlyList<ReportAwsCall> AwsCalls);
