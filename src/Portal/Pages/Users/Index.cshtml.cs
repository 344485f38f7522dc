using CloudpackPlus.Core.Companies;
using CloudpackPlus.Core.Data;
using CloudpackPlus.Portal.Identity;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace CloudpackPlus.Portal.Pages.Users;

/// <summary>USER-1: every user of the company (the tenant filter of the identity context keeps it to this company).</summary>
public sealed class IndexModel(PortalIdentityDbContext db, CoreDbContext core) : PageModel
{
    public IReadOnlyList<PortalUser> Users { get; private set; } = [];

    public bool Suspended { get; private set; }

    public bool CanManage => User.IsInRole(PortalRoles.Representative) && !Suspended;

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        Users = await db.Users.AsNoTracking().Where(u => u.CompanyId != null)
            .OrderBy(u => u.Role).ThenBy(u => u.DisplayName).ToListAsync(cancellationToken);
        Suspended = await core.Companies.AnyAsync(c => c.Status == CompanyStatus.Suspended, cancellationToken);
    }
}
