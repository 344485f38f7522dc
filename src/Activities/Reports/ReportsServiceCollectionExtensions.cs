using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace CloudpackPlus.Activities.Reports;

/// <summary>Registers the report pipeline (templates, renderer, PDF printer, generator).</summary>
public static class ReportsServiceCollectionExtensions
{
    /// <summary>Adds the report pipeline with its options (section <c>Reports</c>); services add their <see cref="IReportModelSource"/>.</summary>
    public static IServiceCollection AddCloudpackReports(this IServiceCollection services)
    {
        services.AddOptions<ReportOptions>().BindConfiguration("Reports")
            .Validate(o => o.MaxConcurrentPdf >= 1, "Reports:MaxConcurrentPdf must be at least 1.")
            .Validate(o => o.PdfTimeout > TimeSpan.Zero, "Reports:PdfTimeout must be positive.")
            .Validate(o => o.Cultures.Count > 0, "Reports:Cultures must name at least one language.")
            .ValidateOnStart();
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<ReportRenderer>();
        services.TryAddSingleton<IReportPdfPrinter, ChromiumPdfPrinter>();
        services.TryAddScoped<ReportTemplateStore>();
        services.TryAddScoped<ReportGenerator>();
        services.TryAddScoped<ReportTemplatePreview>();
        return services;
    }
}
