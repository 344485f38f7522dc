using CloudpackPlus.Core.Companies;
using CloudpackPlus.Core.Data;
using CloudpackPlus.Portal.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace CloudpackPlus.Portal.Pages.Users;

/// <summary>USER-1: every user of the company (the tenant filter of the identity context keeps it to this company), searched, 25 a page.</summary>
public sealed class IndexModel(PortalIdentityDbContext db, CoreDbContext core) : PageModel
{
    /// <summary>Part of the name or e-mail address.</summary>
    [FromQuery(Name = "q")]
    public string? Search { get; set; }

    [FromQuery(Name = "p")]
    public int PageNumber { get; set; } = 1;

    public Paged<PortalUser> Users { get; private set; } = new([], 0, 1, Paging.ListPageSize);

    public bool Suspended { get; private set; }

    public bool CanManage => User.IsInRole(PortalRoles.Representative) && !Suspended;

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        var users = db.Users.AsNoTracking().Where(u => u.CompanyId != null);
        if (Paging.Term(Search) is { } term)
        {
            var pattern = Paging.ContainsPattern(term);
            users = users.Where(u => EF.Functions.ILike(u.DisplayName, pattern) || EF.Functions.ILike(u.Email!, pattern));
        }

        Users = await Paging.OfAsync(users.OrderBy(u => u.Role).ThenBy(u => u.DisplayName).ThenBy(u => u.Id), PageNumber, Paging.ListPageSize, cancellationToken);
        Suspended = await core.Companies.AnyAsync(c => c.Status == CompanyStatus.Suspended, cancellationToken);
    }
}
