using CloudpackPlus.Core.Inquiries;
using CloudpackPlus.Portal.Tenancy;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace CloudpackPlus.Portal.Pages.Inquiries;

/// <summary>INQ-1: the company's inquiries (any user of the company).</summary>
public sealed class IndexModel(InquiryQueries queries) : PageModel
{
    public IReadOnlyList<InquiryRow> Rows { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(CancellationToken cancellationToken)
    {
        if (HttpCurrentTenant.CompanyOf(User) is not { } companyId)
        {
            return NotFound();
        }

        Rows = await queries.ForCompanyAsync(companyId, cancellationToken);
        return Page();
    }
}
