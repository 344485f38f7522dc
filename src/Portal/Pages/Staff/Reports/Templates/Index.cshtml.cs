using CloudpackPlus.Activities.Reports;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace CloudpackPlus.Portal.Pages.Staff.Reports.Templates;

/// <summary>Staff console, REPORT-1: every service's report template per language with the version the next report uses.</summary>
public sealed class IndexModel(ReportTemplateStore store) : PageModel
{
    public IReadOnlyList<ReportTemplateSlot> Slots { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken cancellationToken) => Slots = await store.ListAsync(cancellationToken);
}
