using CloudpackPlus.Core.Data;
using Microsoft.EntityFrameworkCore;

namespace CloudpackPlus.Activities.Reports;

/// <summary>
/// Renders a template text the way a report would be, on the service's sample model (<see cref="IReportSampleSource"/>,
/// or an empty model when the service has none), for the staff editor's live preview. Nothing is stored.
/// </summary>
public sealed class ReportTemplatePreview(
    CoreDbContext db, ReportTemplateStore templates, ReportRenderer renderer, IEnumerable<IReportSampleSource> samples, TimeProvider clock)
{
    /// <summary>The HTML of <paramref name="body"/> inside the layout on sample data.</summary>
    /// <exception cref="ReportTemplateException">The template does not parse.</exception>
    public async Task<string> RenderAsync(string serviceId, string culture, string body, CancellationToken cancellationToken)
    {
        ReportRenderer.Parse(body);
        var sample = samples.FirstOrDefault(s => string.Equals(s.ServiceId, serviceId, StringComparison.Ordinal))?.BuildSample(culture)
            ?? new ReportModel(new Dictionary<string, object?>(), null, null, null, []);
        var service = await db.Catalogue.AsNoTracking().SingleOrDefaultAsync(c => c.Id == serviceId, cancellationToken);
        var ja = culture == "ja-JP";
        var name = service is null ? serviceId : ja ? service.NameJa : service.NameEn;
        var next = (await templates.HistoryAsync(serviceId, culture, cancellationToken)).Select(t => t.Version).DefaultIfEmpty(0).Max() + 1;
        var cover = ReportGenerator.Cover(sample, serviceId, name, ja ? "サンプル株式会社" : "Sample Co., Ltd.", "SAMPLE", clock.GetUtcNow(), next, culture);
        try
        {
            return renderer.Render(await templates.LayoutAsync(culture, cancellationToken), body, cover, sample.Model);
        }
        catch (Scriban.Syntax.ScriptRuntimeException e)
        {
            throw new ReportTemplateException(e.Span.Start.Line + 1, e.Span.Start.Column + 1, e.OriginalMessage);
        }
    }
}
