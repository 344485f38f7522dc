using CloudpackPlus.Core.Data;
using CloudpackPlus.Core.Inquiries;
using CloudpackPlus.Portal.Data;
using CloudpackPlus.Portal.Inquiries;
using CloudpackPlus.Portal.Tenancy;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace CloudpackPlus.Portal.Pages.Inquiries;

/// <summary>INQ-1: the company's inquiries (any user of the company), with the header's unread count in one round trip (issue #17).</summary>
public sealed class IndexModel(PageBatch pages) : PageModel
{
    /// <summary>Part of the number or subject.</summary>
    [FromQuery(Name = "q")]
    public string? Search { get; set; }

    [FromQuery(Name = "p")]
    public int PageNumber { get; set; } = 1;

    public Paged<InquiryRow> Rows { get; private set; } = new([], 0, 1, Paging.ListPageSize);

    public async Task<IActionResult> OnGetAsync(CancellationToken cancellationToken)
    {
        if (HttpCurrentTenant.CompanyOf(User) is not { } companyId)
        {
            return NotFound();
        }

        var batch = pages.Start(User);
        var rows = CustomerInquiryList.AddTo(batch, companyId, Search, PageNumber);
        await pages.RunAsync(batch, cancellationToken);
        Rows = CustomerInquiryList.Page(rows);
        return Page();
    }
}
