using System.Security.Claims;
using CloudpackPlus.Core.Data;
using CloudpackPlus.Portal.Identity;
using CloudpackPlus.Portal.Tenancy;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace CloudpackPlus.Portal.Pages;

/// <summary>Home: the company's rank, ticket balance with this FY's expiry, and what waits on the customer.</summary>
public sealed class IndexModel(CoreDbContext core) : PageModel
{
    public string DisplayName => User.FindFirstValue(PortalClaims.DisplayName) ?? "";

    public bool IsStaff => User.IsInRole(PortalRoles.Csm) || User.IsInRole(PortalRoles.Admin);

    public string CompanyName { get; private set; } = "";

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        if (HttpCurrentTenant.CompanyOf(User) is { } companyId)
        {
            CompanyName = await core.Companies.Where(c => c.Id == companyId).Select(c => c.Name).SingleOrDefaultAsync(cancellationToken) ?? "";
        }
    }
}
