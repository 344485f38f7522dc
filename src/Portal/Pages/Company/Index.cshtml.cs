using CloudpackPlus.Core.Data;
using CloudpackPlus.Portal.Tenancy;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace CloudpackPlus.Portal.Pages.Company;

/// <summary>CO-1, TKT-4: rank and benefits, ticket balance and history, linked AWS accounts.</summary>
public sealed class IndexModel(CoreDbContext core) : PageModel
{
    public string CompanyName { get; private set; } = "";

    public async Task<IActionResult> OnGetAsync(CancellationToken cancellationToken)
    {
        var companyId = HttpCurrentTenant.CompanyOf(User);
        var company = await core.Companies.AsNoTracking().SingleOrDefaultAsync(c => c.Id == companyId, cancellationToken);
        if (company is null)
        {
            return NotFound();
        }

        CompanyName = company.Name;
        return Page();
    }
}
