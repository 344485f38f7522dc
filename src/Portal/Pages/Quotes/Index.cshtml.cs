using CloudpackPlus.Core.BasicService;
using CloudpackPlus.Portal.Tenancy;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace CloudpackPlus.Portal.Pages.Quotes;

/// <summary>SCOPE-1: the company's quote requests with the outcome staff recorded.</summary>
public sealed class IndexModel(QuoteRequestService quotes) : PageModel
{
    public IReadOnlyList<QuoteRow> Rows { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(CancellationToken cancellationToken)
    {
        if (HttpCurrentTenant.CompanyOf(User) is not { } companyId)
        {
            return NotFound();
        }

        Rows = await quotes.RowsAsync(companyId, pendingOnly: false, cancellationToken);
        return Page();
    }
}
