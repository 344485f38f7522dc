using CloudpackPlus.Core.BasicService;
using CloudpackPlus.Core.Data;
using CloudpackPlus.Portal.Tenancy;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace CloudpackPlus.Portal.Pages.Quotes;

/// <summary>SCOPE-1: the company's quote requests with the outcome staff recorded.</summary>
public sealed class IndexModel(QuoteRequestService quotes) : PageModel
{
    /// <summary>Part of the description, timing or Backlog project.</summary>
    [FromQuery(Name = "q")]
    public string? Search { get; set; }

    [FromQuery(Name = "p")]
    public int PageNumber { get; set; } = 1;

    public Paged<QuoteRow> Rows { get; private set; } = new([], 0, 1, Paging.ListPageSize);

    public async Task<IActionResult> OnGetAsync(CancellationToken cancellationToken)
    {
        if (HttpCurrentTenant.CompanyOf(User) is not { } companyId)
        {
            return NotFound();
        }

        Rows = await quotes.RowsAsync(companyId, pendingOnly: false, Search, PageNumber, cancellationToken: cancellationToken);
        return Page();
    }
}
