using System.Diagnostics;
using System.Globalization;
using System.Text;
using CloudpackPlus.Core.Data;
using CloudpackPlus.Core.Reports;
using CloudpackPlus.Core.Time;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace CloudpackPlus.Activities.Reports;

/// <summary>What a report is made for, beyond the model source's request.</summary>
/// <param name="ApplicationId">The application.</param>
/// <param name="InstanceId">The workflow instance that collected the data.</param>
/// <param name="ServiceId">The service whose model source and template are used.</param>
/// <param name="Variables">The instance's variables.</param>
public sealed record ReportJob(Guid ApplicationId, Guid InstanceId, string ServiceId, IReadOnlyDictionary<string, object?> Variables);

/// <summary>How long the parts of one report took (for the benchmark and the logs).</summary>
/// <param name="Model">Building the model.</param>
/// <param name="Html">Rendering the HTML.</param>
/// <param name="Pdf">Printing the PDF.</param>
public sealed record ReportTimings(TimeSpan Model, TimeSpan Html, TimeSpan Pdf);

/// <summary>
/// Makes an application's reports (REPORT-1): per language, the service's model, its published template inside
/// the shared layout to HTML, the same HTML to PDF. Returns the rows unsaved so the caller commits them with its
/// step (the <c>RenderReport</c> activity commits them with its result).
/// </summary>
public sealed class ReportGenerator(
    CoreDbContext db, IEnumerable<IReportModelSource> sources, ReportTemplateStore templates, ReportRenderer renderer,
    IReportPdfPrinter printer, IOptions<ReportOptions> options, TimeProvider clock)
{
    /// <summary>Called after each step with (steps done, steps in all, what was done).</summary>
    public Action<int, int, string>? Progress { get; set; }

    /// <summary>The timings of the reports made by the last call, per language.</summary>
    public IReadOnlyDictionary<string, ReportTimings> LastTimings { get; private set; } = new Dictionary<string, ReportTimings>();

    /// <summary>One report per language in <c>Reports:Cultures</c>.</summary>
    /// <exception cref="InvalidOperationException">No model source is registered for the service, or the application is unknown.</exception>
    public async Task<IReadOnlyList<GeneratedReport>> GenerateAsync(ReportJob job, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(job);
        var source = sources.FirstOrDefault(s => string.Equals(s.ServiceId, job.ServiceId, StringComparison.Ordinal))
            ?? throw new InvalidOperationException($"No report model source is registered for service '{job.ServiceId}'.");
        var application = await db.Applications.IgnoreQueryFilters().AsNoTracking().SingleOrDefaultAsync(a => a.Id == job.ApplicationId, cancellationToken)
            ?? throw new InvalidOperationException($"Application {job.ApplicationId} does not exist.");
        var company = await db.Companies.IgnoreQueryFilters().AsNoTracking().Where(c => c.Id == application.CompanyId).Select(c => c.Name).SingleAsync(cancellationToken);
        var service = await db.Catalogue.AsNoTracking().SingleOrDefaultAsync(c => c.Id == job.ServiceId, cancellationToken);
        var cultures = options.Value.Cultures;
        var steps = cultures.Count * 3;
        var done = 0;
        var reports = new List<GeneratedReport>();
        var timings = new Dictionary<string, ReportTimings>();
        foreach (var culture in cultures)
        {
            var watch = Stopwatch.StartNew();
            var model = await source.BuildAsync(new ReportRequest(application.Id, job.InstanceId, application.CompanyId, culture, job.Variables), cancellationToken);
            var modelTime = watch.Elapsed;
            Progress?.Invoke(++done, steps, $"{culture}: model");
            var template = await templates.PublishedAsync(job.ServiceId, culture, cancellationToken);
            var layout = await templates.LayoutAsync(culture, cancellationToken);
            var now = clock.GetUtcNow();
            var serviceName = service is null ? job.ServiceId : culture == "ja-JP" ? service.NameJa : service.NameEn;
            var cover = Cover(model, job.ServiceId, serviceName, company, application.Number, now, template.Version, culture);
            watch.Restart();
            var html = renderer.Render(layout, template.Body, cover, model.Model);
            var htmlTime = watch.Elapsed;
            Progress?.Invoke(++done, steps, $"{culture}: HTML");
            watch.Restart();
            var pdf = await printer.PrintAsync(html, cancellationToken);
            timings[culture] = new ReportTimings(modelTime, htmlTime, watch.Elapsed);
            Progress?.Invoke(++done, steps, $"{culture}: PDF");
            var htmlBytes = Encoding.UTF8.GetBytes(html);
            reports.Add(new GeneratedReport
            {
                ApplicationId = application.Id, CompanyId = application.CompanyId, ServiceId = job.ServiceId, Culture = culture,
                TemplateVersion = template.Version, GeneratedAt = now, Html = htmlBytes, Pdf = pdf, Size = htmlBytes.LongLength + pdf.LongLength,
            });
        }

        LastTimings = timings;
        return reports;
    }

    /// <summary>The cover data for a model (also used by the template editor's preview).</summary>
    public static ReportCover Cover(ReportModel model, string serviceId, string serviceName, string company, string number, DateTimeOffset at, int version, string culture)
    {
        ArgumentNullException.ThrowIfNull(model);
        var date = (DateOnly? d) => d?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) ?? "";
        var generated = Tokyo.ToTokyo(at).ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture) + " JST";
        return new ReportCover(serviceId, serviceName, company, number, model.AccountId ?? "", date(model.PeriodFrom), date(model.PeriodTo),
            generated, version, culture, model.AwsCalls);
    }
}
