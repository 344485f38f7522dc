using CloudpackPlus.Core.Companies;
using CompanyEntity = CloudpackPlus.Core.Companies.Company;
using CloudpackPlus.Core.Data;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace CloudpackPlus.Portal.Pages.Staff.Companies;

/// <summary>Staff console: the companies staff serve.</summary>
public sealed class IndexModel(CoreDbContext core) : PageModel
{
    public IReadOnlyList<CompanyEntity> Companies { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken cancellationToken) =>
        Companies = await core.Companies.AsNoTracking().OrderBy(c => c.Code).ToListAsync(cancellationToken);
}
