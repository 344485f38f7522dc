using CloudpackPlus.Core.Data;
using CloudpackPlus.Workflows.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace CloudpackPlus.Activities.Tests.Support;

/// <summary>Reads the reports the real RenderReport stored for an instance's application.</summary>
public static class StoredReports
{
    /// <summary>The HTML of the latest report in <paramref name="culture"/>; its PDF is stored beside it.</summary>
    public static async Task<string> HtmlAsync(IServiceProvider services, Guid instanceId, string culture)
    {
        await using var scope = services.CreateAsyncScope();
        var correlation = await scope.ServiceProvider.GetRequiredService<WorkflowDbContext>().Instances.AsNoTracking()
            .Where(i => i.Id == instanceId).Select(i => i.CorrelationId).SingleAsync();
        var applicationId = Guid.Parse(correlation!);
        var report = await scope.ServiceProvider.GetRequiredService<CoreDbContext>().Reports.IgnoreQueryFilters().AsNoTracking()
            .Where(r => r.ApplicationId == applicationId && r.Culture == culture).OrderByDescending(r => r.GeneratedAt).FirstAsync();
        Assert.True(report.Pdf.Length > 1000, "the PDF is stored beside the HTML");
        return System.Text.Encoding.UTF8.GetString(report.Html);
    }
}
