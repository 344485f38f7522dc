using CloudpackPlus.Portal.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace CloudpackPlus.Portal.Pages.Users;

/// <summary>USER-1: one user. Another company's id is not found (404): the tenant filter never loads it.</summary>
public sealed class DetailsModel(PortalIdentityDbContext db) : PageModel
{
    public PortalUser Target { get; private set; } = null!;

    public bool CanManage => User.IsInRole(PortalRoles.Representative);

    public async Task<IActionResult> OnGetAsync(Guid id, CancellationToken cancellationToken)
    {
        var user = await db.Users.AsNoTracking().SingleOrDefaultAsync(u => u.Id == id && u.CompanyId != null, cancellationToken);
        if (user is null)
        {
            return NotFound();
        }

        Target = user;
        return Page();
    }
}
